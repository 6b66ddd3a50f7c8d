import HTML5Parser

/// Cleans the chosen article container, Readability's "clean conditionally" idea: a block inside it
/// that reads like boilerplate (mostly links and little punctuation: related-article lists, ad
/// tables, "print | close" bars) goes, while blocks with sentences in them stay.
enum ContentCleaner {
    /// Blocks that may be dropped from inside the article.
    static let candidates: Set<String> = ["div", "section", "ul", "ol", "dl", "table", "form", "header", "center", "td", "tr", "tbody"]

    static func clean(_ containers: [HTMLNode], stats: ContentScorer.TextStats) {
        for container in containers {
            var stack = container.children.reversed() as [HTMLNode]
            while let node = stack.popLast() {
                guard node.isElement else { continue }
                if candidates.contains(node.name), isBoilerplate(node, stats: stats) {
                    node.remove()
                    continue
                }
                var child = node.lastChild
                while let current = child {
                    stack.append(current)
                    child = current.previousSibling
                }
            }
        }
    }

    static func isBoilerplate(_ node: HTMLNode, stats: ContentScorer.TextStats) -> Bool {
        let counts = stats[node]
        guard counts.length > 0 else { return false }  // images, spacing: harmless
        let linkDensity = stats.linkDensity(node)
        if linkDensity > 0.5 { return true }  // mostly links, however many commas their titles hold
        if counts.punctuation >= 10 { return false }
        return ContentScorer.classWeight(node) <= 0 && linkDensity > 0.25
    }
}
