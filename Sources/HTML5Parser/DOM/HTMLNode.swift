/// A handle on one node of an ``HTMLDocument``. Handles are cheap values; two handles are equal
/// when they name the same node of the same document.
public struct HTMLNode: Hashable {
    public let document: HTMLDocument
    let id: Int32

    init(document: HTMLDocument, id: Int32) {
        self.document = document
        self.id = id
    }

    public static func == (lhs: HTMLNode, rhs: HTMLNode) -> Bool {
        lhs.id == rhs.id && lhs.document === rhs.document
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    var record: HTMLDocument.Record { document.records[Int(id)] }

    /// The node's slot in its document, below ``HTMLDocument/capacity``: for per-node tables kept in
    /// plain arrays (faster than dictionaries keyed by node).
    public var index: Int { Int(id) }

    private func node(_ index: Int32) -> HTMLNode? {
        index >= 0 ? HTMLNode(document: document, id: index) : nil
    }

    // MARK: - Identity

    public var kind: HTMLNodeKind { record.kind }
    public var isElement: Bool { record.kind == .element }
    /// The element's local name (lowercase for HTML elements), or the DOCTYPE's name.
    public var name: String { record.name }
    public var namespace: HTMLNamespace { record.namespace }
    /// Text or comment data.
    public var data: String { record.data }

    /// True for an HTML-namespace element called `name`.
    public func isHTMLElement(_ name: String) -> Bool {
        record.kind == .element && record.namespace == .html && record.name == name
    }

    // MARK: - Navigation

    public var parent: HTMLNode? { node(record.parent) }
    public var firstChild: HTMLNode? { node(record.firstChild) }
    public var lastChild: HTMLNode? { node(record.lastChild) }
    public var nextSibling: HTMLNode? { node(record.nextSibling) }
    public var previousSibling: HTMLNode? { node(record.previousSibling) }

    /// For a `<template>`, the fragment holding its contents.
    public var templateContents: HTMLNode? { node(record.templateContents) }

    public var children: [HTMLNode] {
        var result: [HTMLNode] = []
        var child = record.firstChild
        while child >= 0 {
            result.append(HTMLNode(document: document, id: child))
            child = document.records[Int(child)].nextSibling
        }
        return result
    }

    public var elementChildren: [HTMLNode] { children.filter(\.isElement) }

    /// Every descendant in tree order (not including this node).
    /// - Complexity: O(n), iterative.
    public var descendants: [HTMLNode] {
        var result: [HTMLNode] = []
        var current = document.following(id, within: id)
        while current >= 0 {
            result.append(HTMLNode(document: document, id: current))
            current = document.following(current, within: id)
        }
        return result
    }

    /// The ancestors, nearest first.
    public var ancestors: [HTMLNode] {
        var result: [HTMLNode] = []
        var current = record.parent
        while current >= 0 {
            result.append(HTMLNode(document: document, id: current))
            current = document.records[Int(current)].parent
        }
        return result
    }

    // MARK: - Attributes

    public var attributes: [HTMLAttribute] { record.attributes }

    public func attribute(_ name: String) -> String? {
        for attribute in document.records[Int(id)].attributes where attribute.name == name && attribute.prefix == nil {
            return attribute.value
        }
        return nil
    }

    public func hasAttribute(_ name: String) -> Bool { attribute(name) != nil }

    public func setAttribute(_ name: String, _ value: String) {
        if let index = document.records[Int(id)].attributes.firstIndex(where: { $0.name == name && $0.prefix == nil }) {
            document.records[Int(id)].attributes[index].value = value
        } else {
            document.records[Int(id)].attributes.append(HTMLAttribute(name: name, value: value))
        }
    }

    /// Removes every attribute (namespaced ones included) for which `predicate` is true.
    public func removeAttributes(where predicate: (HTMLAttribute) -> Bool) {
        document.records[Int(id)].attributes.removeAll(where: predicate)
    }

    public func removeAttribute(_ name: String) {
        document.records[Int(id)].attributes.removeAll { $0.name == name && $0.prefix == nil }
    }

    // MARK: - Text

    /// The concatenated text of this node and its descendants.
    public var textContent: String {
        switch record.kind {
        case .text, .comment: return record.data
        case .doctype: return ""
        default:
            var text = ""
            var current = document.following(id, within: id)
            while current >= 0 {
                let record = document.records[Int(current)]
                if record.kind == .text { text += record.data }
                current = document.following(current, within: id)
            }
            return text
        }
    }

    /// Replaces a text or comment node's data.
    public func setData(_ data: String) {
        document.records[Int(id)].data = data
    }

    // MARK: - Mutation

    /// Detaches this node (with its subtree) from its parent.
    public func remove() { document.detach(id) }

    /// Appends `child` (moving it if it is attached elsewhere).
    public func append(_ child: HTMLNode) {
        precondition(child.document === document, "nodes belong to different documents")
        document.appendChild(child.id, to: id)
    }

    /// Inserts `node` just before this node.
    public func insertBefore(_ node: HTMLNode) {
        precondition(node.document === document, "nodes belong to different documents")
        guard record.parent >= 0 else { return }
        document.insert(node.id, before: id)
    }

    /// Replaces this node with `node`.
    public func replace(with node: HTMLNode) {
        insertBefore(node)
        remove()
    }

    /// Replaces this element by its children.
    public func unwrap() {
        guard record.parent >= 0 else { return }
        var child = record.firstChild
        while child >= 0 {
            let next = document.records[Int(child)].nextSibling
            document.insert(child, before: id)
            child = next
        }
        remove()
    }

    /// Removes every child.
    public func removeAllChildren() {
        while let child = firstChild { child.remove() }
    }
}
