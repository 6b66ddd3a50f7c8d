// Creating and inserting nodes, including foster parenting and template contents.
extension TreeBuilder {
    /// Where a new node goes: inside `parent`, before `before` (or at the end when -1).
    struct InsertionPoint {
        var parent: Int32
        var before: Int32
    }

    func appropriateInsertionPoint(overrideTarget: Int32 = -1) -> InsertionPoint {
        let target = overrideTarget >= 0 ? overrideTarget : currentNode
        var point = InsertionPoint(parent: target, before: -1)
        if fosterParenting, let tag = htmlTag(target),
            tag == .table || tag == .tbody || tag == .tfoot || tag == .thead || tag == .tr
        {
            let lastTemplate = stack.lastIndex { isHTML($0, .template) }
            let lastTable = stack.lastIndex { isHTML($0, .table) }
            if let template = lastTemplate, lastTable == nil || template > lastTable! {
                point = InsertionPoint(parent: stack[template], before: -1)
            } else if let table = lastTable {
                let tableNode = stack[table]
                let parent = record(tableNode).parent
                if parent >= 0 {
                    point = InsertionPoint(parent: parent, before: tableNode)
                } else {
                    point = InsertionPoint(parent: stack[table - 1], before: -1)
                }
            } else {
                point = InsertionPoint(parent: stack[0], before: -1)
            }
        }
        if isHTML(point.parent, .template) {
            point = InsertionPoint(parent: record(point.parent).templateContents, before: -1)
        }
        return point
    }

    func insert(_ node: Int32, at point: InsertionPoint) {
        if point.before >= 0 {
            document.insert(node, before: point.before)
        } else {
            document.appendChild(node, to: point.parent)
        }
    }

    func createElement(for token: TagToken, tag: HTMLTag, namespace: HTMLNamespace) -> Int32 {
        document.makeElement(name: token.name, namespace: namespace, tag: tag, attributes: token.attributes)
    }

    @discardableResult
    func insertHTMLElement(_ token: TagToken, _ tag: HTMLTag) -> Int32 {
        let node = createElement(for: token, tag: tag, namespace: .html)
        insert(node, at: appropriateInsertionPoint())
        push(node)
        return node
    }

    @discardableResult
    func insertHTMLElement(_ tag: HTMLTag) -> Int32 {
        insertHTMLElement(TagToken(name: tag.name), tag)
    }

    /// Inserts a foreign element; `token` must already have its name and attributes adjusted.
    @discardableResult
    func insertForeignElement(_ token: TagToken, _ tag: HTMLTag, namespace: HTMLNamespace) -> Int32 {
        let node = createElement(for: token, tag: tag, namespace: namespace)
        insert(node, at: appropriateInsertionPoint())
        push(node)
        return node
    }

    func insertCharacters(_ text: String) {
        let point = appropriateInsertionPoint()
        if record(point.parent).kind == .document { return }
        if point.before >= 0 {
            document.insertText(text, before: point.before)
        } else {
            document.appendText(text, to: point.parent)
        }
    }

    func insertComment(_ text: String, parent: Int32? = nil) {
        let node = document.makeNode(HTMLDocument.Record(kind: .comment, data: text))
        if let parent {
            document.appendChild(node, to: parent)
        } else {
            insert(node, at: appropriateInsertionPoint())
        }
    }

    /// Adds the token's attributes that `node` does not have yet (for a stray `<html>` or `<body>`).
    func addMissingAttributes(_ token: TagToken, to node: Int32) {
        for attribute in token.attributes
        where !document.records[Int(node)].attributes.contains(where: { $0.name == attribute.name }) {
            document.records[Int(node)].attributes.append(attribute)
        }
    }

    /// The generic raw text and RCDATA element parsing algorithms.
    func parseRawText(_ token: TagToken, _ tag: HTMLTag, state: HTMLTokenizer.State) {
        insertHTMLElement(token, tag)
        tokenizer.setState(state)
        originalMode = mode
        mode = .text
    }
}
