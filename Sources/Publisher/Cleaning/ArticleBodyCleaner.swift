import Foundation
public import HTML5Parser
import NewsCore

/// Cleans an item's HTML on a real DOM: sanitizes it with an allowlist (``HTMLSanitizer``), then
/// drops app-promo/QR-code blocks, the repeated page title, tracking pixels and empty wrappers.
///
/// ```swift
/// let body = ArticleBodyCleaner(title: item.title, baseURL: item.link).clean(item.html)
/// ```
public struct ArticleBodyCleaner: Sendable {
    public var title: String
    public var baseURL: String?

    public init(title: String, baseURL: String?) {
        self.title = title
        self.baseURL = baseURL
    }

    /// The cleaned fragment: its root holds the cleaned nodes.
    public func cleanedFragment(_ html: String) -> HTMLNode {
        let root = HTMLParser.parseFragment(html, context: "div")
        clean(fragment: root)
        return root
    }

    /// Cleans an already parsed fragment (`HTMLParser.parseFragment(html, context: "div")`) in place,
    /// for callers that read the same tree for other things first.
    public func clean(fragment root: HTMLNode) {
        HTMLSanitizer(baseURL: baseURL).sanitize(root)
        removeRepeatedTitle(root)
        removePromoBlocks(root)
        fixImages(root)
        removeEmptyWrappers(root)
        tidyWhitespace(root)
    }

    /// The cleaned HTML.
    public func clean(_ html: String) -> String {
        cleanedFragment(html).innerHTML.trimmingHTMLWhitespace()
    }

    private func removeRepeatedTitle(_ root: HTMLNode) {
        // Most bodies hold no <h1>/<h2> at all: then neither the title nor any element's text is read.
        let document = root.document
        var holdsHeading = false
        document.forEachElementIndex(under: root.index) { index in
            if !holdsHeading, Self.headings.contains(document.name(at: index)) { holdsHeading = true }
        }
        guard holdsHeading else { return }
        let wanted = title.normalizedForComparison()
        guard !wanted.isEmpty else { return }
        // The first <h1>/<h2> in tree order that reads as the title. Headings nest (<h1><div><h1>):
        // the walk meets inner ones first, so it keeps the match that opens earliest.
        var order = [Int](repeating: -1, count: document.capacity)
        var position = 0
        document.forEachElementIndex(under: root.index) { index in
            order[index] = position
            position += 1
        }
        var heading: Int?
        document.forEachElementText(under: root.index, upTo: 4 * title.utf8.count + 1024) { index, text in
            guard let text, Self.headings.contains(document.name(at: index)), text.normalizedForComparison() == wanted else { return }
            if heading.map({ order[index] < order[$0] }) ?? true { heading = index }
        }
        guard let heading = heading.map(document.node(at:)) else { return }
        let container = heading.parent
        heading.remove()
        // The page header around the title (source, time, tags) goes with it.
        if let container, container != root, container.descendants.allSatisfy({ !$0.isHTMLElement("img") }),
            container.textContent.trimmingHTMLWhitespace().characterCount(upTo: 100) < 100
        {
            container.remove()
        }
    }

    private func removePromoBlocks(_ root: HTMLNode) {
        for node in root.descendants where node.isElement && node.parent != nil {
            let (className, id) = (node.attribute("class"), node.attribute("id"))
            if className != nil || id != nil, PromoHeuristics.isPromoMarker(((className ?? "") + " " + (id ?? "")).lowercased()) {
                node.remove()
                continue
            }
            if node.isHTMLElement("img"), PromoHeuristics.isPromoImage(node) {
                node.remove()
            }
        }
        // Short blocks whose text is an app or QR-code pitch (a block whose text runs over 1 KB,
        // whitespace included, is no short line).
        let document = root.document
        var pitches: [Int] = []
        document.forEachElementText(under: root.index, upTo: 1024) { index, text in
            guard let text, ["p", "div", "section", "table", "center"].contains(document.name(at: index)) else { return }
            let trimmed = text.trimmingHTMLWhitespace()
            if trimmed.characterCount(upTo: 61) <= 60, PromoHeuristics.isPromoText(trimmed) { pitches.append(index) }
        }
        for index in pitches { document.node(at: index).remove() }
    }

    /// Images the sanitizer kept: tracking pixels and images without a source go.
    private func fixImages(_ root: HTMLNode) {
        for image in root.descendants where image.isHTMLElement("img") {
            let source = image.attribute("src")?.trimmingHTMLWhitespace() ?? ""
            if source.isEmpty || PromoHeuristics.isTrackingPixel(image) { image.remove() }
        }
    }

    private static let headings = ["h1", "h2"]

    private static let removableWhenEmpty: Set<String> = [
        "div", "span", "p", "section", "font", "strong", "b", "i", "em", "a", "center", "article", "header",
        "footer", "aside", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "abbr", "u",
    ]

    private static let mediaElements: Set<String> = ["img", "video", "audio", "iframe", "picture", "svg", "br", "hr", "table"]

    /// Wrappers with neither text nor media inside go (and with them the empty wrappers they hold).
    private func removeEmptyWrappers(_ root: HTMLNode) {
        let document = root.document
        var empty: [Int] = []
        BottomUpWalk.forEachElement(under: root, isMedia: { Self.mediaElements.contains(document.name(at: $0)) }) { index, contents in
            if contents.isEmpty, Self.removableWhenEmpty.contains(document.name(at: index)) { empty.append(index) }
        }
        for index in empty { document.node(at: index).remove() }
    }

    /// Merges adjacent text nodes left by removals and collapses whitespace-only runs that span
    /// lines into one line break (outside `<pre>` and `<textarea>`).
    /// - Complexity: O(n), one walk that knows whether it is inside `<pre>`.
    private func tidyWhitespace(_ root: HTMLNode) {
        let document = root.document
        var pending: [(index: Int, insidePre: Bool)] = [(root.index, false)]
        while let (parent, insidePre) = pending.popLast() {
            var child = document.firstChildIndex(of: parent)
            while child >= 0 {
                let next = document.nextSiblingIndex(of: child)
                switch document.kind(at: child) {
                case .text:
                    let end = mergeTextRun(startingAt: child, in: document)
                    let data = document.data(at: child)
                    if !insidePre, ByteSearch.contains(0x0A, in: data), data.isHTMLBlank { document.node(at: child).setData("\n") }
                    child = end
                    continue
                case .element:
                    let tag = document.tag(at: child)
                    pending.append((child, insidePre || tag == .pre || tag == .textarea))
                default:
                    break
                }
                child = next
            }
        }
    }

    /// Joins the text nodes that follow `first` into it; returns the node after the run.
    private func mergeTextRun(startingAt first: Int, in document: HTMLDocument) -> Int {
        var next = document.nextSiblingIndex(of: first)
        guard next >= 0, document.kind(at: next) == .text else { return next }
        var parts = [document.data(at: first)]
        while next >= 0, document.kind(at: next) == .text {
            parts.append(document.data(at: next))
            let after = document.nextSiblingIndex(of: next)
            document.node(at: next).remove()
            next = after
        }
        document.node(at: first).setData(parts.joined())
        return next
    }
}

extension String {
    func trimmingHTMLWhitespace() -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace || $0 == "\u{3000}" }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        // Most text has nothing to trim (every cleaned body is trimmed): the same string, not a copy.
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }

    /// Letters and digits only, lowercased: for comparing a heading with the item title.
    func normalizedForComparison() -> String {
        String(String.UnicodeScalarView(unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
            .lowercased()
    }
}

extension Character {
    var isASCIIControlCharacter: Bool { isASCII && (asciiValue! < 0x20 || asciiValue! == 0x7F) }
}
