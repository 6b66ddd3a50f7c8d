/// A parsed document: every node lives in one arena owned by the document, addressed by index.
///
/// The arena keeps nodes compact and makes freeing a deep tree a single array release, with no
/// recursion. Use ``HTMLNode`` handles to navigate and mutate.
///
/// ```swift
/// let document = HTMLParser.parse("<p>Hello <b>world</b>")
/// let paragraph = document.select("p").first!
/// print(paragraph.textContent)  // "Hello world"
/// ```
public final class HTMLDocument {
    struct Record {
        var kind: HTMLNodeKind
        var namespace: HTMLNamespace = .html
        var tag: HTMLTag = .other
        var parent: Int32 = -1
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var previousSibling: Int32 = -1
        var nextSibling: Int32 = -1
        /// Element local name, or DOCTYPE name.
        var name: String = ""
        /// Text or comment data, or DOCTYPE public identifier.
        var data: String = ""
        /// DOCTYPE system identifier.
        var systemIdentifier: String = ""
        var attributes: [HTMLAttribute] = []
        /// For `<template>`: the document fragment holding its contents.
        var templateContents: Int32 = -1
    }

    var records: [Record]
    /// One more than the largest ``HTMLNode/index`` of this document's nodes.
    public var capacity: Int { records.count }
    /// The document's quirks mode.
    public internal(set) var quirksMode: QuirksMode = .noQuirks
    /// Parse errors, in input order.
    public internal(set) var errors: [HTMLParseError] = []

    init() {
        records = [Record(kind: .document)]
        records.reserveCapacity(64)
    }

    /// A document whose node arena is sized for an input of `expectedInputLength` bytes up front,
    /// so that it is not copied into a twice-larger array again and again as the tree grows (on a
    /// large document most of that cost is the kernel handing out fresh pages for every copy).
    /// Reserved but unused capacity is address space only: pages are not touched until used.
    init(expectedInputLength: Int) {
        records = [Record(kind: .document)]
        records.reserveCapacity(Self.expectedNodeCount(forInputLength: expectedInputLength))
        let reservedBytes = records.capacity * MemoryLayout<Record>.stride
        if reservedBytes >= 2 * HugePageAdvice.pageSize {
            records.withUnsafeMutableBufferPointer { buffer in
                if let base = buffer.baseAddress { HugePageAdvice.advise(UnsafeMutableRawPointer(base), byteCount: reservedBytes) }
            }
        }
    }

    /// A generous estimate of the nodes an input makes: news pages have a node every 40 (Chinese)
    /// to 110 (English) bytes; one every 16 bytes covers dense markup, and beyond it the arena grows.
    static func expectedNodeCount(forInputLength length: Int) -> Int {
        min(max(64, length / 16), 1 << 22)
    }

    /// The document node.
    public var root: HTMLNode { HTMLNode(document: self, id: 0) }

    // MARK: - Creating

    func makeNode(_ record: Record) -> Int32 {
        records.append(record)
        return Int32(records.count - 1)
    }

    func makeElement(name: String, namespace: HTMLNamespace, tag: HTMLTag, attributes: [HTMLAttribute]) -> Int32 {
        var record = Record(kind: .element, namespace: namespace, tag: tag, name: name, attributes: attributes)
        if tag == .template && namespace == .html {
            record.templateContents = makeNode(Record(kind: .documentFragment))
        }
        return makeNode(record)
    }

    /// Creates a detached element in the HTML namespace.
    public func createElement(_ name: String, attributes: [HTMLAttribute] = []) -> HTMLNode {
        let lowered = name.lowercased()
        return HTMLNode(
            document: self,
            id: makeElement(name: lowered, namespace: .html, tag: HTMLTag.lookup(lowered), attributes: attributes)
        )
    }

    /// Creates a detached text node.
    public func createText(_ text: String) -> HTMLNode {
        HTMLNode(document: self, id: makeNode(Record(kind: .text, data: text)))
    }

    /// Creates a detached comment.
    public func createComment(_ text: String) -> HTMLNode {
        HTMLNode(document: self, id: makeNode(Record(kind: .comment, data: text)))
    }

    // MARK: - Tree surgery (internal, by index)

    func appendChild(_ child: Int32, to parent: Int32) {
        detach(child)
        let last = records[Int(parent)].lastChild
        records[Int(child)].parent = parent
        records[Int(child)].previousSibling = last
        if last >= 0 {
            records[Int(last)].nextSibling = child
        } else {
            records[Int(parent)].firstChild = child
        }
        records[Int(parent)].lastChild = child
    }

    func insert(_ child: Int32, before reference: Int32) {
        let parent = records[Int(reference)].parent
        detach(child)
        let previous = records[Int(reference)].previousSibling
        records[Int(child)].parent = parent
        records[Int(child)].previousSibling = previous
        records[Int(child)].nextSibling = reference
        records[Int(reference)].previousSibling = child
        if previous >= 0 {
            records[Int(previous)].nextSibling = child
        } else {
            records[Int(parent)].firstChild = child
        }
    }

    func detach(_ node: Int32) {
        let parent = records[Int(node)].parent
        guard parent >= 0 else { return }
        let previous = records[Int(node)].previousSibling
        let next = records[Int(node)].nextSibling
        if previous >= 0 { records[Int(previous)].nextSibling = next } else { records[Int(parent)].firstChild = next }
        if next >= 0 { records[Int(next)].previousSibling = previous } else { records[Int(parent)].lastChild = previous }
        records[Int(node)].parent = -1
        records[Int(node)].previousSibling = -1
        records[Int(node)].nextSibling = -1
    }

    /// Appends text to `parent`, merging with a text node that is already its last child.
    func appendText(_ text: String, to parent: Int32) {
        let last = records[Int(parent)].lastChild
        if last >= 0 && records[Int(last)].kind == .text {
            records[Int(last)].data += text
            return
        }
        let node = makeNode(Record(kind: .text, data: text))
        appendChild(node, to: parent)
    }

    /// Inserts text before `reference`, merging with a text node just before it.
    func insertText(_ text: String, before reference: Int32) {
        let previous = records[Int(reference)].previousSibling
        if previous >= 0 && records[Int(previous)].kind == .text {
            records[Int(previous)].data += text
            return
        }
        let node = makeNode(Record(kind: .text, data: text))
        insert(node, before: reference)
    }

    /// Moves every child of `from` to the end of `to`.
    func moveChildren(from: Int32, to: Int32) {
        var child = records[Int(from)].firstChild
        while child >= 0 {
            let next = records[Int(child)].nextSibling
            appendChild(child, to: to)
            child = next
        }
    }

    /// The node after `node` in tree order, staying inside `scope`.
    @inline(__always) func following(_ node: Int32, within scope: Int32) -> Int32 {
        let first = records[Int(node)].firstChild
        return first >= 0 ? first : afterSubtree(node, within: scope)
    }

    /// The node after `node`'s whole subtree in tree order, staying inside `scope`.
    @inline(__always) func afterSubtree(_ node: Int32, within scope: Int32) -> Int32 {
        var current = node
        while current != scope {
            let next = records[Int(current)].nextSibling
            if next >= 0 { return next }
            current = records[Int(current)].parent
            if current < 0 { return -1 }
        }
        return -1
    }
}
