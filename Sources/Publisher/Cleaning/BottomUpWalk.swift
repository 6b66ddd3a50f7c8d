import HTML5Parser

/// A walk over a fragment by node index that tells every element what its subtree holds, computed
/// from its children's, children before parents, in one pass: the cleaner stays linear in the size
/// of the markup however deep it nests (asking each node for its `descendants` and `textContent` is
/// quadratic on 20,000 nested `<div>`s). Texts come from ``HTMLDocument/forEachElementText(under:upTo:_:)``.
enum BottomUpWalk {
    /// What an element holds, for deciding whether it is an empty wrapper.
    struct Contents: OptionSet {
        let rawValue: UInt8
        /// A text node with something other than whitespace.
        static let text = Contents(rawValue: 1)
        /// An element that shows something without text (`isMedia` said so).
        static let media = Contents(rawValue: 2)
    }

    /// Calls `visit` for every element under `root` (not `root` itself), children before their
    /// parent, with what its descendants hold. Nothing may be removed from the tree during the walk.
    /// - Complexity: O(n) plus the text's length.
    static func forEachElement(
        under root: HTMLNode, isMedia: (_ index: Int) -> Bool, _ visit: (_ index: Int, _ contents: Contents) -> Void
    ) {
        let document = root.document
        var frames: [(index: Int, nextChild: Int, contents: Contents)] = [(root.index, document.firstChildIndex(of: root.index), [])]
        while let child = frames.last?.nextChild {
            guard child >= 0 else {
                let done = frames.removeLast()
                guard !frames.isEmpty else { break }
                visit(done.index, done.contents)
                frames[frames.count - 1].contents.formUnion(isMedia(done.index) ? done.contents.union(.media) : done.contents)
                continue
            }
            frames[frames.count - 1].nextChild = document.nextSiblingIndex(of: child)
            switch document.kind(at: child) {
            case .text:
                if !document.data(at: child).isHTMLBlank { frames[frames.count - 1].contents.insert(.text) }
            case .element:
                frames.append((child, document.firstChildIndex(of: child), []))
            default:
                break
            }
        }
    }
}

extension String {
    /// Whether the text is only whitespace (U+3000, the ideographic space, included): what
    /// `trimmingHTMLWhitespace().isEmpty` says, without building a string.
    var isHTMLBlank: Bool {
        unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0 == "\u{3000}" }
    }
}
