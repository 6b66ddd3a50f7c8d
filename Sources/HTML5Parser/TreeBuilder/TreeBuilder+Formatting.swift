// The list of active formatting elements and the adoption agency algorithm.
extension TreeBuilder {
    static let marker: Int32 = -1

    func pushFormatting(_ node: Int32) {
        // Noah's Ark: at most three identical entries after the last marker.
        let new = record(node)
        var matches = 0
        var earliest = -1
        var index = formatting.count - 1
        while index >= 0 {
            let entry = formatting[index]
            if entry == Self.marker { break }
            let old = record(entry)
            if old.name == new.name && old.namespace == new.namespace
                && old.attributes.count == new.attributes.count
                && Set(old.attributes) == Set(new.attributes)
            {
                matches += 1
                earliest = index
            }
            index -= 1
        }
        if matches >= 3 { formatting.remove(at: earliest) }
        formatting.append(node)
    }

    func reconstructActiveFormattingElements() {
        guard let last = formatting.last, last != Self.marker, !isInStack(last) else { return }
        var index = formatting.count - 1
        while index > 0 {
            let previous = formatting[index - 1]
            if previous == Self.marker || isInStack(previous) { break }
            index -= 1
        }
        while index < formatting.count {
            let entry = record(formatting[index])
            let token = TagToken(name: entry.name, attributes: entry.attributes)
            let node = insertHTMLElement(token, entry.tag)
            formatting[index] = node
            index += 1
        }
    }

    /// Searches from the top, where formatting elements usually are.
    func isInStack(_ node: Int32) -> Bool {
        var index = stack.count - 1
        while index >= 0 {
            if stack[index] == node { return true }
            index -= 1
        }
        return false
    }

    func clearFormattingToLastMarker() {
        while let entry = formatting.popLast(), entry != Self.marker {}
    }

    /// The last formatting element after the last marker whose tag is `tag`.
    func formattingElementIndex(_ tag: HTMLTag, name: String) -> Int? {
        var index = formatting.count - 1
        while index >= 0 {
            let entry = formatting[index]
            if entry == Self.marker { return nil }
            let record = record(entry)
            if record.tag == tag && record.name == name { return index }
            index -= 1
        }
        return nil
    }

    /// Runs the adoption agency algorithm; returns false when the caller should fall back to
    /// the "any other end tag" steps.
    func adoptionAgency(_ token: TagToken, _ tag: HTMLTag) -> Bool {
        let current = currentNode
        if isHTML(current, tag) && record(current).name == token.name && !formatting.contains(current) {
            pop()
            return true
        }
        for _ in 0..<8 {
            guard let formattingIndex = formattingElementIndex(tag, name: token.name) else { return false }
            let formattingElement = formatting[formattingIndex]
            guard let stackIndex = stack.lastIndex(of: formattingElement) else {
                parseError("adoption-agency-1.2")
                formatting.remove(at: formattingIndex)
                return true
            }
            if !hasNodeInScope(formattingElement) {
                parseError("adoption-agency-4.4")
                return true
            }
            if formattingElement != currentNode { parseError("adoption-agency-1.3") }
            var furthestIndex = -1
            for index in (stackIndex + 1)..<stack.count where isSpecial(stack[index]) {
                furthestIndex = index
                break
            }
            if furthestIndex < 0 {
                while stack.count > stackIndex { pop() }
                formatting.remove(at: formattingIndex)
                return true
            }
            let furthestBlock = stack[furthestIndex]
            let commonAncestor = stack[stackIndex - 1]
            var bookmark = formattingIndex
            var node = furthestBlock
            var lastNode = furthestBlock
            var nodeIndex = furthestIndex
            var innerCounter = 0
            while true {
                innerCounter += 1
                nodeIndex -= 1
                node = stack[nodeIndex]
                if node == formattingElement { break }
                var entryIndex = formatting.lastIndex(of: node)
                if innerCounter > 3, let index = entryIndex {
                    formatting.remove(at: index)
                    if index < bookmark { bookmark -= 1 }
                    entryIndex = nil
                }
                guard let formattingEntry = entryIndex else {
                    removeFromStack(at: nodeIndex)
                    continue
                }
                let old = record(node)
                let replacement = document.makeElement(
                    name: old.name, namespace: old.namespace, tag: old.tag, attributes: old.attributes)
                formatting[formattingEntry] = replacement
                replaceInStack(at: nodeIndex, with: replacement)
                node = replacement
                if lastNode == furthestBlock { bookmark = formattingEntry + 1 }
                document.appendChild(lastNode, to: node)
                lastNode = node
            }
            document.detach(lastNode)
            insert(lastNode, at: appropriateInsertionPoint(overrideTarget: commonAncestor))
            let old = record(formattingElement)
            let newElement = document.makeElement(
                name: old.name, namespace: old.namespace, tag: old.tag, attributes: old.attributes)
            document.moveChildren(from: furthestBlock, to: newElement)
            document.appendChild(newElement, to: furthestBlock)
            let oldFormattingIndex = formatting.lastIndex(of: formattingElement)!
            formatting.remove(at: oldFormattingIndex)
            if oldFormattingIndex < bookmark { bookmark -= 1 }
            formatting.insert(newElement, at: min(bookmark, formatting.count))
            removeFromStack(formattingElement)
            let furthestPosition = stack.lastIndex(of: furthestBlock)!
            insertInStack(newElement, at: furthestPosition + 1)
        }
        return true
    }
}
