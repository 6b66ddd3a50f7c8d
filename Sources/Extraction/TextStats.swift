import HTML5Parser

/// Text length, length inside links, and punctuation count of every node under a root, computed in
/// one pass from the leaves up, so that scoring never walks a subtree twice. After nodes are removed,
/// ``recount(under:)`` makes the figures true again.
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
        // Script and style text is not page text: their children are never visited (and count nothing).
        for index in Self.childrenFirst(document, from: root.index, including: { _ in true }) {
            var total = Counts()
            switch document.kind(at: index) {
            case .text:
                (total.length, total.punctuation) = FastText.measure(document.data(at: index))
            case .element, .document, .documentFragment:
                total = summedChildren(of: index)
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

    /// Counts the elements under `scope` (and `scope`) again from their children, after nodes under
    /// it were detached, and takes the difference out of `scope`'s ancestors. Text nodes keep their
    /// figures. One call after many removals costs one walk of `scope` plus its depth, where taking
    /// each removed node out of its ancestors cost the depth per node (quadratic on a deep nest that
    /// ends in thousands of scripts).
    mutating func recount(under scope: Int) {
        let before = self[scope]
        let containers = Self.childrenFirst(document, from: scope) { index in
            let kind = document.kind(at: index)
            return kind == .element || kind == .document || kind == .documentFragment
        }
        for index in containers {
            counts[index] = summedChildren(of: index)
        }
        let after = counts[scope]
        let lostLength = before.length - after.length
        var lostLinkLength = before.linkLength - after.linkLength
        let lostPunctuation = before.punctuation - after.punctuation
        guard lostLength != 0 || lostLinkLength != 0 || lostPunctuation != 0 else { return }
        var ancestor = document.parentIndex(of: scope)
        while ancestor >= 0 {
            counts[ancestor].length -= lostLength
            counts[ancestor].punctuation -= lostPunctuation
            if document.tag(at: ancestor) == .a {
                // Above a link, all of the lost text counted as link text.
                let linkBefore = counts[ancestor].linkLength
                counts[ancestor].linkLength = counts[ancestor].length
                lostLinkLength = linkBefore - counts[ancestor].linkLength
            } else {
                counts[ancestor].linkLength -= lostLinkLength
            }
            ancestor = document.parentIndex(of: ancestor)
        }
    }

    /// The figures of a container: the sum of its children's (none under script and style), all of
    /// it link text inside a link.
    private func summedChildren(of index: Int) -> Counts {
        var total = Counts()
        guard !document.tag(at: index).holdsNoPageText else { return total }
        var child = document.firstChildIndex(of: index)
        while child >= 0 {
            let sub = counts[child]
            total.length += sub.length
            total.linkLength += sub.linkLength
            total.punctuation += sub.punctuation
            child = document.nextSiblingIndex(of: child)
        }
        if document.tag(at: index) == .a { total.linkLength = total.length }
        return total
    }

    /// The nodes under `root` (and `root`) that `including` accepts, every child before its parent,
    /// without recursion: a pre-order walk by index (children pushed after their parent), reversed.
    /// The children of a node that holds no page text (script, style) are not visited, nor those of a
    /// node `including` refuses.
    static func childrenFirst(_ document: HTMLDocument, from root: Int, including: (Int) -> Bool) -> [Int] {
        var order: [Int] = []
        var stack = [root]
        while let index = stack.popLast() {
            guard including(index) else { continue }
            order.append(index)
            if document.tag(at: index).holdsNoPageText { continue }
            var child = document.firstChildIndex(of: index)
            while child >= 0 {
                stack.append(child)
                child = document.nextSiblingIndex(of: child)
            }
        }
        return order.reversed()
    }
}
