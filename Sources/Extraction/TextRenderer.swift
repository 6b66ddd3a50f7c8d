import HTML5Parser

/// An article's text as readers expect it: one paragraph per block, separated by blank lines,
/// whitespace collapsed inside each. A block that holds no text (an emptied ad table in the middle
/// of a sentence) does not break the sentence; a long paragraph printed twice in a row is read once. One pass
/// over node indices, no recursion, the text built as UTF-8 bytes.
enum TextRenderer {
    static func isBlock(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .p, .div, .section, .article, .h1, .h2, .h3, .h4, .h5, .h6, .li, .blockquote, .pre, .figure, .figcaption,
             .table, .tr, .ul, .ol, .dl, .dt, .dd, .header, .main:
            return true
        default:
            return false
        }
    }

    private enum Step {
        case visit(Int)
        /// Leaving a block: the break and space flags before it, and the text count when it was entered.
        case leave(savedBreak: Bool, savedSpace: Bool, textCountAtEntry: Int)
    }

    static func text(of nodes: [HTMLNode]) -> String {
        guard let document = nodes.first?.document else { return "" }
        var output: [UInt8] = []
        var paragraph: [UInt8] = []
        var breakPending = false
        var spacePending = false
        var textCount = 0
        // A long paragraph printed again right after itself (a photo caption in the gallery and under
        // the picture) is read once; repeats further apart (a meal plan's recurring dish) stay.
        var recentLongParagraphs: [[UInt8]] = []
        func flush() {
            if !paragraph.isEmpty && (paragraph.count < 60 || !recentLongParagraphs.contains(paragraph)) {
                if !output.isEmpty { output.append(contentsOf: [0x0A, 0x0A]) }
                output.append(contentsOf: paragraph)
                if paragraph.count >= 60 {
                    recentLongParagraphs.append(paragraph)
                    if recentLongParagraphs.count > 3 { recentLongParagraphs.removeFirst() }
                }
            }
            paragraph.removeAll(keepingCapacity: true)
            spacePending = false
        }
        for root in nodes {
            var stack: [Step] = [.visit(root.index)]
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
                case .visit(let index):
                    switch document.kind(at: index) {
                    case .text:
                        let data = document.data(at: index)
                        if FastText.isBlank(data) {
                            spacePending = true
                            continue
                        }
                        if breakPending {
                            flush()
                            breakPending = false
                        }
                        FastText.appendCollapsed(data, to: &paragraph, pendingSpace: &spacePending)
                        textCount += 1
                    case .element:
                        let tag = document.tag(at: index)
                        if tag.holdsNoPageText { continue }
                        if tag == .br {
                            breakPending = true
                            continue
                        }
                        if isBlock(tag) {
                            stack.append(.leave(savedBreak: breakPending, savedSpace: spacePending, textCountAtEntry: textCount))
                            breakPending = true
                        }
                        pushChildren(of: index, in: document, onto: &stack)
                    case .document, .documentFragment:
                        pushChildren(of: index, in: document, onto: &stack)
                    default:
                        break
                    }
                }
            }
            flush()
            breakPending = false
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func pushChildren(of index: Int, in document: HTMLDocument, onto stack: inout [Step]) {
        var child = document.lastChildIndex(of: index)
        while child >= 0 {
            stack.append(.visit(child))
            child = document.previousSiblingIndex(of: child)
        }
    }
}

extension HTMLTag {
    /// Scripts, styles, `<noscript>` and templates: their text is not page text (and modern pages
    /// carry megabytes of it).
    var holdsNoPageText: Bool { self == .script || self == .style || self == .noscript || self == .template }
}
