/// A parsed CSS selector list (Selectors Level 4 subset used for scraping rules).
///
/// ```swift
/// let selector = try CSSSelector("article p:not(.ad) > img[src$='.jpg' i]")
/// let images = document.root.select(selector)
/// ```
public struct CSSSelector: Sendable, Hashable {
    let alternatives: [ComplexSelector]

    /// Parses `text`; throws ``CSSSelectorError`` naming the offending position.
    public init(_ text: String) throws(CSSSelectorError) {
        var parser = SelectorParser(text)
        alternatives = try parser.parseSelectorList()
        try parser.expectEnd()
    }
}

/// A selector that could not be parsed: what was wrong and at which character offset.
public struct CSSSelectorError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var position: Int
    public var selector: String

    public var description: String { "invalid selector '\(selector)' at \(position): \(message)" }
}

enum Combinator: Sendable, Hashable {
    case descendant, child, nextSibling, subsequentSibling
}

/// Compound selectors joined by combinators; `combinators[i]` joins `compounds[i]` and `compounds[i + 1]`.
struct ComplexSelector: Sendable, Hashable {
    var compounds: [CompoundSelector]
    var combinators: [Combinator]
    /// For relative selectors inside `:has()`: how the first compound relates to the anchor.
    var leading: Combinator?
}

struct CompoundSelector: Sendable, Hashable {
    var simple: [SimpleSelector] = []
}

enum AttributeOperator: Sendable, Hashable {
    case exists, equals, includes, dashMatch, prefix, suffix, substring
}

indirect enum SimpleSelector: Sendable, Hashable {
    case type(String)
    case universal
    case id(String)
    case className(String)
    case attribute(name: String, op: AttributeOperator, value: String, caseInsensitive: Bool)
    case not([ComplexSelector])
    case isAny([ComplexSelector])
    case has([ComplexSelector])
    case nthChild(a: Int, b: Int, of: [ComplexSelector]?, fromEnd: Bool)
    case nthOfType(a: Int, b: Int, fromEnd: Bool)
    case empty
    case root
}
