import HTML5Parser

/// Text length, length inside links, and punctuation count of every node under a root, computed in
/// one pass from the leaves up, so that scoring never walks a subtree twice. Removing a node keeps
/// the figures of its ancestors true (``removing(_:)``).
struct TextStats {
    struct Counts {
        var length = 0
        var linkLength = 0
        var punctuation = 0
    }

    let document: HTMLDocument
    private var counts: [Counts]

    init(_ root: HTMLNode) {
        document = root.document
        counts = Array(repeating: Counts(), count: document.capacity)
        // Post-order without recursion, by index: children are pushed after their parent, so the
        // reversed visiting order has every child before its parent.
        var order: [Int] = []
        var stack = [root.index]
        while let index = stack.popLast() {
            order.append(index)
            // Script and style text is not page text: their children are never visited (and count nothing).
            if document.tag(at: index).holdsNoPageText { continue }
            var child = document.firstChildIndex(of: index)
            while child >= 0 {
                stack.append(child)
                child = document.nextSiblingIndex(of: child)
            }
        }
        for index in order.reversed() {
            var total = Counts()
            switch document.kind(at: index) {
            case .text:
                (total.length, total.punctuation) = FastText.measure(document.data(at: index))
            case .element, .document, .documentFragment:
                var child = document.firstChildIndex(of: index)
                while child >= 0 {
                    let sub = counts[child]
                    total.length += sub.length
                    total.linkLength += sub.linkLength
                    total.punctuation += sub.punctuation
                    child = document.nextSiblingIndex(of: child)
                }
                if document.tag(at: index) == .a { total.linkLength = total.length }
            default:
                continue
            }
            counts[index] = total
        }
    }

    subscript(index: Int) -> Counts { index < counts.count ? counts[index] : Counts() }

    func linkDensity(_ index: Int) -> Double {
        let counts = self[index]
        return counts.length == 0 ? 1 : Double(counts.linkLength) / Double(counts.length)
    }

    /// Takes a node that is about to be detached out of its ancestors' figures.
    mutating func removing(_ index: Int) {
        let removed = self[index]
        var removedLinkLength = removed.linkLength
        var ancestor = document.parentIndex(of: index)
        while ancestor >= 0 {
            counts[ancestor].length -= removed.length
            counts[ancestor].punctuation -= removed.punctuation
            if document.tag(at: ancestor) == .a {
                // Above a link, all of the removed text counted as link text.
                removedLinkLength = removed.length
                counts[ancestor].linkLength = counts[ancestor].length
            } else {
                counts[ancestor].linkLength -= removedLinkLength
            }
            ancestor = document.parentIndex(of: ancestor)
        }
    }
}
