import Foundation
import HTML5Parser

extension SiteRule {
    /// Removes the rule's boilerplate under `root`: the elements its selectors name, and the short
    /// paragraphs that open with one of its paragraph openings.
    func removeBoilerplate(from root: HTMLNode) {
        for selector in remove {
            for match in (try? root.select(selector)) ?? [] { match.remove() }
        }
        guard !removeParagraphsStarting.isEmpty else { return }
        // Texts from one walk (a long one, over 1.5 KB with its whitespace, is no short paragraph).
        let document = root.document
        var openers: [Int] = []
        document.forEachElementText(under: root.index, upTo: 1536) { index, text in
            let tag = document.tag(at: index)
            guard let text, tag == .p || tag == .div || tag == .span else { return }
            let collapsed = FastText.collapsed(text)
            if collapsed.count <= 120, removeParagraphsStarting.contains(where: collapsed.hasPrefix) { openers.append(index) }
        }
        for index in openers { document.node(at: index).remove() }
    }
}

extension SiteRule {
    /// What is wrong with a rule written by hand, by field (`body`, `remove`, `date`, `title`, `authorPatterns`,
    /// `editorPatterns`): no body selector, a selector the extractor cannot read, a pattern that is no
    /// regular expression or does not capture exactly one group (the name).
    public var problems: [(field: String, message: String)] {
        var problems: [(field: String, message: String)] = []
        if body.isEmpty { problems.append(("body", "expected at least one CSS selector")) }
        for (field, selectors) in [("body", body), ("remove", remove), ("date", date), ("title", title)] {
            for selector in selectors where (try? CSSSelector(selector)) == nil {
                problems.append((field, "not a CSS selector the extractor understands: \(selector)"))
            }
        }
        for (field, patterns) in [("authorPatterns", authorPatterns), ("editorPatterns", editorPatterns)] {
            for pattern in patterns {
                guard let regex = try? NSRegularExpression(pattern: pattern) else {
                    problems.append((field, "not a regular expression: \(pattern)"))
                    continue
                }
                if regex.numberOfCaptureGroups != 1 {
                    problems.append((field, "the pattern needs exactly one capture group (the name): \(pattern)"))
                }
            }
        }
        return problems
    }
}
