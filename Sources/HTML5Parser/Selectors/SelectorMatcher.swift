// Matching selectors against the DOM, right to left.
extension HTMLDocument {
    func previousElementSibling(_ node: Int32) -> Int32 {
        var current = records[Int(node)].previousSibling
        while current >= 0 && records[Int(current)].kind != .element { current = records[Int(current)].previousSibling }
        return current
    }

    func nextElementSibling(_ node: Int32) -> Int32 {
        var current = records[Int(node)].nextSibling
        while current >= 0 && records[Int(current)].kind != .element { current = records[Int(current)].nextSibling }
        return current
    }

    func parentElement(_ node: Int32) -> Int32 {
        let parent = records[Int(node)].parent
        return parent >= 0 && records[Int(parent)].kind == .element ? parent : -1
    }

    func matches(_ node: Int32, _ list: [ComplexSelector], anchor: Int32 = -1) -> Bool {
        list.contains { matches(node, $0, compound: $0.compounds.count - 1, anchor: anchor) }
    }

    private func matches(_ node: Int32, _ complex: ComplexSelector, compound index: Int, anchor: Int32) -> Bool {
        guard matchesCompound(node, complex.compounds[index]) else { return false }
        if index == 0 {
            guard let leading = complex.leading else { return true }
            return related(node, anchor, by: leading)
        }
        let next = index - 1
        switch complex.combinators[next] {
        case .child:
            let parent = parentElement(node)
            return parent >= 0 && matches(parent, complex, compound: next, anchor: anchor)
        case .descendant:
            var ancestor = parentElement(node)
            while ancestor >= 0 {
                if matches(ancestor, complex, compound: next, anchor: anchor) { return true }
                ancestor = parentElement(ancestor)
            }
            return false
        case .nextSibling:
            let previous = previousElementSibling(node)
            return previous >= 0 && matches(previous, complex, compound: next, anchor: anchor)
        case .subsequentSibling:
            var previous = previousElementSibling(node)
            while previous >= 0 {
                if matches(previous, complex, compound: next, anchor: anchor) { return true }
                previous = previousElementSibling(previous)
            }
            return false
        }
    }

    /// Whether `node` stands in relation `combinator` to `anchor` (for `:has()`).
    private func related(_ node: Int32, _ anchor: Int32, by combinator: Combinator) -> Bool {
        switch combinator {
        case .child: return records[Int(node)].parent == anchor
        case .descendant:
            var current = records[Int(node)].parent
            while current >= 0 {
                if current == anchor { return true }
                current = records[Int(current)].parent
            }
            return false
        case .nextSibling: return previousElementSibling(node) == anchor
        case .subsequentSibling:
            var previous = previousElementSibling(node)
            while previous >= 0 {
                if previous == anchor { return true }
                previous = previousElementSibling(previous)
            }
            return false
        }
    }

    func matchesCompound(_ node: Int32, _ compound: CompoundSelector) -> Bool {
        let record = records[Int(node)]
        guard record.kind == .element else { return false }
        for simple in compound.simple where !matchesSimple(node, record, simple) { return false }
        return true
    }

    private func attributeValue(_ record: Record, _ name: String) -> String? {
        for attribute in record.attributes where attribute.prefix == nil && attribute.name.lowercased() == name {
            return attribute.value
        }
        return nil
    }

    private func matchesSimple(_ node: Int32, _ record: Record, _ simple: SimpleSelector) -> Bool {
        switch simple {
        case .universal:
            return true
        case .type(let name):
            return record.namespace == .html ? record.name == name : record.name.lowercased() == name
        case .id(let id):
            return attributeValue(record, "id") == id
        case .className(let name):
            guard let classes = attributeValue(record, "class") else { return false }
            return classes.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" })
                .contains { $0 == name }
        case .attribute(let name, let op, let value, let caseInsensitive):
            guard var actual = attributeValue(record, name) else { return false }
            var expected = value
            if caseInsensitive {
                actual = actual.lowercased()
                expected = expected.lowercased()
            }
            switch op {
            case .exists: return true
            case .equals: return actual == expected
            case .includes:
                return !expected.isEmpty && actual.split(separator: " ").contains { $0 == expected }
            case .dashMatch: return actual == expected || actual.hasPrefix(expected + "-")
            case .prefix: return !expected.isEmpty && actual.hasPrefix(expected)
            case .suffix: return !expected.isEmpty && actual.hasSuffix(expected)
            case .substring: return !expected.isEmpty && actual.contains(expected)
            }
        case .not(let list):
            return !matches(node, list)
        case .isAny(let list):
            return matches(node, list)
        case .has(let list):
            var candidate = following(node, within: node)
            while candidate >= 0 {
                if records[Int(candidate)].kind == .element && matches(candidate, list, anchor: node) { return true }
                candidate = following(candidate, within: node)
            }
            // Sibling-relative selectors look past the node's own subtree.
            if list.contains(where: { $0.leading == .nextSibling || $0.leading == .subsequentSibling }),
                let parent = Optional(records[Int(node)].parent), parent >= 0
            {
                var sibling = nextElementSibling(node)
                while sibling >= 0 {
                    var inner = sibling
                    while inner >= 0 {
                        if records[Int(inner)].kind == .element && matches(inner, list, anchor: node) { return true }
                        inner = following(inner, within: sibling)
                    }
                    sibling = nextElementSibling(sibling)
                }
            }
            return false
        case .nthChild(let a, let b, let of, let fromEnd):
            var position = 1
            var sibling = fromEnd ? nextElementSibling(node) : previousElementSibling(node)
            while sibling >= 0 {
                if of == nil || matches(sibling, of!) { position += 1 }
                sibling = fromEnd ? nextElementSibling(sibling) : previousElementSibling(sibling)
            }
            if let of, !matches(node, of) { return false }
            return Self.nth(a, b, position)
        case .nthOfType(let a, let b, let fromEnd):
            var position = 1
            var sibling = fromEnd ? nextElementSibling(node) : previousElementSibling(node)
            while sibling >= 0 {
                let other = records[Int(sibling)]
                if other.name == record.name && other.namespace == record.namespace { position += 1 }
                sibling = fromEnd ? nextElementSibling(sibling) : previousElementSibling(sibling)
            }
            return Self.nth(a, b, position)
        case .empty:
            var child = record.firstChild
            while child >= 0 {
                let kind = records[Int(child)].kind
                if kind == .element || (kind == .text && !records[Int(child)].data.isEmpty) { return false }
                child = records[Int(child)].nextSibling
            }
            return true
        case .root:
            let parent = record.parent
            return parent >= 0 && records[Int(parent)].kind == .document
        }
    }

    /// Whether `position` (1-based) is `a*n + b` for some n ≥ 0.
    static func nth(_ a: Int, _ b: Int, _ position: Int) -> Bool {
        if a == 0 { return position == b }
        let difference = position - b
        return difference % a == 0 && difference / a >= 0
    }
}

extension HTMLNode {
    /// The descendants matching `selector`, in tree order.
    /// - Complexity: O(n × compounds) for selectors joined by descendant and child combinators
    ///   (matched in one walk down the tree); others are matched right to left, which may look at
    ///   each candidate's ancestors or earlier siblings.
    public func select(_ selector: CSSSelector) -> [HTMLNode] {
        var result: [HTMLNode] = []
        var treeOrder = TreeOrderMatcher(document, selector.alternatives)
        treeOrder?.enter(id)
        var current = document.following(id, within: id)
        while current >= 0 {
            if document.records[Int(current)].kind == .element,
               treeOrder?.matches(current) ?? document.matches(current, selector.alternatives)
            {
                result.append(HTMLNode(document: document, id: current))
            }
            current = document.following(current, within: id)
        }
        return result
    }

    /// Parses `selector` and returns matching descendants.
    public func select(_ selector: String) throws(CSSSelectorError) -> [HTMLNode] {
        select(try CSSSelector(selector))
    }

    /// Whether this element matches `selector`.
    public func matches(_ selector: CSSSelector) -> Bool {
        isElement && document.matches(id, selector.alternatives)
    }
}

extension HTMLDocument {
    /// Elements of the whole document that match `selector`.
    public func select(_ selector: String) throws(CSSSelectorError) -> [HTMLNode] {
        try root.select(selector)
    }
}
