/// An attribute as the tokenizer and the DOM see it.
///
/// `prefix` and `namespace` are set only on foreign (SVG/MathML) elements whose attributes
/// were adjusted by the tree builder (`xlink:href`, `xml:lang`, …).
public struct HTMLAttribute: Sendable, Hashable {
    public var name: String
    public var value: String
    public var prefix: String?
    public var namespace: HTMLNamespace?

    public init(name: String, value: String, prefix: String? = nil, namespace: HTMLNamespace? = nil) {
        self.name = name
        self.value = value
        self.prefix = prefix
        self.namespace = namespace
    }
}

/// A DOCTYPE token: every identifier is absent (`nil`) until the input sets it.
public struct DoctypeToken: Sendable, Hashable {
    public var name: String?
    public var publicIdentifier: String?
    public var systemIdentifier: String?
    public var forceQuirks: Bool = false
}

/// A start or end tag token.
public struct TagToken: Sendable, Hashable {
    public var name: String {
        didSet { tag = HTMLTag.lookup(name) }
    }
    public var attributes: [HTMLAttribute]
    public var selfClosing: Bool
    /// The name as the tree builder knows it (`.other` for every name it has no tag for).
    public private(set) var tag: HTMLTag

    public init(name: String, attributes: [HTMLAttribute] = [], selfClosing: Bool = false) {
        self.init(tag: HTMLTag.lookup(name), name: name, attributes: attributes, selfClosing: selfClosing)
    }

    /// A token whose tag is already known (the tokenizer looks it up from the name's bytes).
    init(tag: HTMLTag, name: String, attributes: [HTMLAttribute] = [], selfClosing: Bool = false) {
        self.name = name
        self.attributes = attributes
        self.selfClosing = selfClosing
        self.tag = tag
    }

    /// The value of the first attribute called `name`, if any.
    public func attribute(_ name: String) -> String? {
        for attribute in attributes where attribute.name == name { return attribute.value }
        return nil
    }
}

/// One token of the WHATWG tokenizer's output.
///
/// Adjacent characters are delivered as runs. A U+0000 seen in the data state is always a run of
/// its own, so the tree builder can apply its per-mode NUL rules without scanning text.
public enum HTMLToken: Sendable, Hashable {
    case doctype(DoctypeToken)
    case startTag(TagToken)
    case endTag(TagToken)
    case comment(String)
    case characters(String)
    case endOfFile
}

/// A parse error: its WHATWG code (such as `eof-in-tag`) and the byte offset in the
/// normalised input where it was detected. Parse errors never stop parsing.
public struct HTMLParseError: Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var offset: Int

    public init(code: String, offset: Int) {
        self.code = code
        self.offset = offset
    }

    public var description: String { "\(code) at byte \(offset)" }
}
