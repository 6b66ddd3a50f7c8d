/// Navigation and reading by node index (``HTMLNode/index``), for loops over a whole document that
/// would otherwise make a handle, and retain the document, at every step. `-1` stands for "none".
///
/// ```swift
/// var index = document.firstChildIndex(of: document.root.index)
/// while index >= 0 {
///     if document.tag(at: index) == .p { paragraphs += 1 }
///     index = document.followingIndex(after: index, within: document.root.index)
/// }
/// ```
extension HTMLDocument {
    public func parentIndex(of index: Int) -> Int { Int(records[index].parent) }
    public func firstChildIndex(of index: Int) -> Int { Int(records[index].firstChild) }
    public func lastChildIndex(of index: Int) -> Int { Int(records[index].lastChild) }
    public func nextSiblingIndex(of index: Int) -> Int { Int(records[index].nextSibling) }
    public func previousSiblingIndex(of index: Int) -> Int { Int(records[index].previousSibling) }

    public func kind(at index: Int) -> HTMLNodeKind { records[index].kind }
    /// The element's tag (`.other` for names the parser has no tag for, and for non-elements).
    public func tag(at index: Int) -> HTMLTag { records[index].kind == .element ? records[index].tag : .other }
    /// The element's local name.
    public func name(at index: Int) -> String { records[index].name }
    /// Text or comment data.
    public func data(at index: Int) -> String { records[index].data }

    public func attribute(_ name: String, at index: Int) -> String? {
        for attribute in records[index].attributes where attribute.name == name && attribute.prefix == nil {
            return attribute.value
        }
        return nil
    }

    public func node(at index: Int) -> HTMLNode { HTMLNode(document: self, id: Int32(index)) }

    /// The node after `index` in tree order, staying inside `scope` (its descendants first).
    public func followingIndex(after index: Int, within scope: Int) -> Int {
        Int(following(Int32(index), within: Int32(scope)))
    }

    /// Calls `body` with the index of every element under `scope`, in tree order.
    public func forEachElementIndex(under scope: Int, _ body: (Int) throws -> Void) rethrows {
        var index = firstChildIndex(of: scope)
        while index >= 0 {
            if records[index].kind == .element { try body(index) }
            index = followingIndex(after: index, within: scope)
        }
    }

    /// The node after `index`'s whole subtree in tree order, staying inside `scope`.
    public func followingIndex(skippingChildrenOf index: Int, within scope: Int) -> Int {
        Int(afterSubtree(Int32(index), within: Int32(scope)))
    }
}

extension HTMLNode {
    /// The element's tag (`.other` for names the parser has no tag for, and for non-elements).
    public var tag: HTMLTag { document.tag(at: index) }
}
