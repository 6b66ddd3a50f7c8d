/// Matching in one walk down the tree, for selectors whose combinators are all descendant (` `) or
/// child (`>`), as site rules' are (`.time-source .date`). Matching right to left searches every
/// candidate's ancestors again: on 20,000 nested `<div class="date">` that is 200 million steps.
/// Going down in tree order, each element learns from its parent which leading parts of the selector
/// it or an ancestor already matches, so each element is looked at once per compound.
struct TreeOrderMatcher {
    private let document: HTMLDocument
    private let selectors: [ComplexSelector]
    /// Per selector, per node index: bit k is set when the node matches compounds 0...k of the
    /// selector (with their combinators) as the subject.
    private var subject: [[UInt64]]
    /// The same, or-ed over the node and its element ancestors.
    private var reached: [[UInt64]]

    /// A matcher for `selectors`, or nil when one of them needs the right-to-left matcher (sibling
    /// combinators, `:has()`-relative selectors, more than 64 compounds).
    init?(_ document: HTMLDocument, _ selectors: [ComplexSelector]) {
        for selector in selectors {
            guard selector.leading == nil, selector.compounds.count <= 64,
                  selector.combinators.allSatisfy({ $0 == .descendant || $0 == .child }) else { return nil }
        }
        self.document = document
        self.selectors = selectors
        subject = Array(repeating: Array(repeating: 0, count: document.capacity), count: selectors.count)
        reached = subject
    }

    /// Learns the figures of `scope`'s element ancestors and of `scope`, from the top down. Call it
    /// before the first ``matches(_:)`` in `scope`'s subtree.
    mutating func enter(_ scope: Int32) {
        var chain: [Int32] = []
        var current = scope
        while current >= 0 {
            chain.append(current)
            current = document.records[Int(current)].parent
        }
        for node in chain.reversed() { learn(node) }
    }

    /// Whether `node` matches one of the selectors. Nodes must come in tree order, each after its parent.
    mutating func matches(_ node: Int32) -> Bool {
        learn(node)
        for index in selectors.indices where subject[index][Int(node)] & (1 << UInt64(selectors[index].compounds.count - 1)) != 0 {
            return true
        }
        return false
    }

    private mutating func learn(_ node: Int32) {
        let record = document.records[Int(node)]
        guard record.kind == .element else { return }  // non-elements keep zeros: combinators stop there
        let parent = record.parent
        let parentIsElement = parent >= 0 && document.records[Int(parent)].kind == .element
        for index in selectors.indices {
            let selector = selectors[index]
            let parentSubject = parentIsElement ? subject[index][Int(parent)] : 0
            let parentReached = parentIsElement ? reached[index][Int(parent)] : 0
            var bits: UInt64 = 0
            for k in selector.compounds.indices {
                if k > 0 {
                    let before = selector.combinators[k - 1] == .child ? parentSubject : parentReached
                    guard before & (1 << UInt64(k - 1)) != 0 else { continue }
                }
                if document.matchesCompound(node, selector.compounds[k]) { bits |= 1 << UInt64(k) }
            }
            subject[index][Int(node)] = bits
            reached[index][Int(node)] = parentReached | bits
        }
    }
}
