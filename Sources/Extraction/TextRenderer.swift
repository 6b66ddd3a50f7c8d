import HTML5Parser

/// An article's text as readers expect it: one paragraph per block, separated by blank lines,
/// whitespace collapsed inside each. A block that holds no text (an emptied ad table in the middle
/// of a sentence) does not break the sentence. One pass, no recursion.
enum TextRenderer {
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figure",
        "figcaption", "table", "tr", "ul", "ol", "dl", "dt", "dd", "header", "main",
    ]
    static let skipped: Set<String> = ["script", "style", "noscript", "template"]

    private enum Step {
        case visit(HTMLNode)
        /// Leaving a block: the break and space flags before it, and the text count when it was entered.
        case leave(savedBreak: Bool, savedSpace: Bool, textCountAtEntry: Int)
    }

    static func text(of nodes: [HTMLNode]) -> String {
        var paragraphs: [String] = []
        var current = ""
        var breakPending = false
        var spacePending = false
        var textCount = 0
        func flush() {
            let collapsed = FastText.collapsed(current)
            if !collapsed.isEmpty { paragraphs.append(collapsed) }
            current = ""
        }
        for root in nodes {
            var stack: [Step] = [.visit(root)]
            while let step = stack.popLast() {
                switch step {
                case .leave(let savedBreak, let savedSpace, let textCountAtEntry):
                    // A block that showed nothing leaves no trace: no break, not even its whitespace.
                    if textCount == textCountAtEntry {
                        breakPending = savedBreak
                        spacePending = savedSpace
                    } else {
                        breakPending = true
                    }
                case .visit(let node):
                    switch node.kind {
                    case .text:
                        let data = node.data
                        if data.unicodeScalars.allSatisfy(FastText.isWhitespace) {
                            spacePending = true
                            continue
                        }
                        if breakPending {
                            flush()
                            breakPending = false
                        } else if spacePending && !current.isEmpty {
                            current += " "
                        }
                        spacePending = false
                        current += data
                        textCount += 1
                    case .element:
                        if skipped.contains(node.name) { continue }
                        if node.name == "br" {
                            breakPending = true
                            continue
                        }
                        if blocks.contains(node.name) {
                            stack.append(.leave(savedBreak: breakPending, savedSpace: spacePending, textCountAtEntry: textCount))
                            breakPending = true
                        }
                        for child in node.children.reversed() { stack.append(.visit(child)) }
                    case .document, .documentFragment:
                        for child in node.children.reversed() { stack.append(.visit(child)) }
                    default:
                        break
                    }
                }
            }
            flush()
            breakPending = false
        }
        return paragraphs.joined(separator: "\n\n")
    }
}
