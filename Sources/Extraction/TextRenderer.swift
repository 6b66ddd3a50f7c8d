import HTML5Parser

/// An article's text as readers expect it: one paragraph per block, separated by blank lines,
/// whitespace collapsed inside each.
enum TextRenderer {
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figure",
        "figcaption", "table", "tr", "ul", "ol", "dl", "dt", "dd", "header", "main",
    ]

    static func text(of nodes: [HTMLNode]) -> String {
        var paragraphs: [String] = []
        var current = ""
        func flush() {
            let collapsed = current.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            if !collapsed.isEmpty { paragraphs.append(collapsed) }
            current = ""
        }
        for root in nodes {
            // Depth-first without recursion; a block boundary ends the current paragraph on entry and exit.
            var stack: [(HTMLNode, Bool)] = [(root, false)]
            while let (node, leaving) = stack.popLast() {
                if node.isElement && (node.name == "script" || node.name == "style" || node.name == "noscript") { continue }
                if leaving {
                    flush()
                    continue
                }
                switch node.kind {
                case .text:
                    current += node.data
                case .element:
                    if node.name == "br" {
                        flush()
                        continue
                    }
                    let isBlock = blocks.contains(node.name)
                    // An emptied block (an ad table left in the middle of a sentence) must not split it.
                    if isBlock && node.textContent.allSatisfy(\.isWhitespace) { continue }
                    if isBlock {
                        flush()
                        stack.append((node, true))
                    }
                    for child in node.children.reversed() { stack.append((child, false)) }
                case .document, .documentFragment:
                    for child in node.children.reversed() { stack.append((child, false)) }
                default:
                    break
                }
            }
            flush()
        }
        return paragraphs.joined(separator: "\n\n")
    }
}
