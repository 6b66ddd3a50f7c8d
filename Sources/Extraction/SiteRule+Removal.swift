import HTML5Parser

extension SiteRule {
    /// Removes the rule's boilerplate under `root`: the elements its selectors name, and the short
    /// paragraphs that open with one of its paragraph openings.
    func removeBoilerplate(from root: HTMLNode) {
        for selector in remove {
            for match in (try? root.select(selector)) ?? [] { match.remove() }
        }
        guard !removeParagraphsStarting.isEmpty else { return }
        for node in root.descendants where node.parent != nil && (node.tag == .p || node.tag == .div || node.tag == .span) {
            let text = FastText.collapsed(node.textContent)
            if text.count <= 120, removeParagraphsStarting.contains(where: text.hasPrefix) { node.remove() }
        }
    }
}
