/// Every element's text in one walk, for code that would otherwise ask element after element for
/// its ``HTMLNode/textContent``: that walks each subtree again, which is quadratic in how deep the
/// elements nest (20,000 nested `<div>`s are 200 million steps).
extension HTMLDocument {
    /// Calls `body` for every element under `scope` (not `scope` itself), children before their
    /// parent, with the element's text (its text nodes' data in tree order, as `textContent`) when
    /// that is at most `limit` UTF-8 bytes long, else nil. The tree must not change during the walk.
    ///
    /// ```swift
    /// document.forEachElementText(under: document.root.index, upTo: 200) { index, text in
    ///     if let text, text.hasPrefix("扫码") { pitches.append(index) }
    /// }
    /// ```
    /// - Complexity: O(n × `limit`) at worst, and O(n) plus the text's length on ordinary pages: a
    ///   child's text is handed to its parent and freed, and no subtree is walked twice.
    public func forEachElementText(under scope: Int, upTo limit: Int, _ body: (_ index: Int, _ text: String?) throws -> Void) rethrows {
        struct Frame {
            var index: Int
            var nextChild: Int
            var text = ""
            var overflowed = false

            mutating func append(_ more: String?, limit: Int) {
                guard !overflowed else { return }
                guard let more, text.utf8.count + more.utf8.count <= limit else {
                    overflowed = true
                    text = ""
                    return
                }
                text += more
            }
        }
        var frames = [Frame(index: scope, nextChild: firstChildIndex(of: scope))]
        while let child = frames.last?.nextChild {
            guard child >= 0 else {
                let done = frames.removeLast()
                guard !frames.isEmpty else { break }
                let text = done.overflowed ? nil : done.text
                try body(done.index, text)
                frames[frames.count - 1].append(text, limit: limit)
                continue
            }
            frames[frames.count - 1].nextChild = nextSiblingIndex(of: child)
            switch records[child].kind {
            case .text:
                frames[frames.count - 1].append(records[child].data, limit: limit)
            case .element:
                frames.append(Frame(index: child, nextChild: firstChildIndex(of: child)))
            default:
                break
            }
        }
    }
}
