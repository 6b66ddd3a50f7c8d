/// A node of the tolerant XML reader's tree.
public enum XMLNode: Sendable, Hashable {
    case element(XMLElement)
    case text(String)
}

/// An XML element with its namespace resolved.
public struct XMLElement: Sendable, Hashable {
    /// The name as written (`content:encoded`).
    public var qualifiedName: String
    /// The local part (`encoded`).
    public var localName: String
    /// The namespace URI, or "" when none applies.
    public var namespaceURI: String
    public var attributes: [String: String]
    public var children: [XMLNode] = []
    /// For a feed's `<item>` or `<entry>` read with ``EntryDigests``: the ``EntryDigest`` of its markup.
    public var entryDigest: UInt64?
    /// Set when the entry's digest is in the memory the reader was given: its content was not read
    /// (the element has no children nor attributes).
    public var isRepeat = false

    /// The concatenated text of this element and its descendants.
    public var text: String {
        // Most elements of a feed hold one text node (a title, a CDATA description): that string itself.
        if children.count == 1, case .text(let only) = children[0] { return only }
        var result = ""
        var stack: [XMLNode] = children.reversed()
        while let node = stack.popLast() {
            switch node {
            case .text(let text): result += text
            case .element(let element): stack.append(contentsOf: element.children.reversed())
            }
        }
        return result
    }

    /// The children written back as markup: for elements that carry unescaped (X)HTML, such as
    /// Atom `type="xhtml"` content or an RSS description whose HTML was not escaped.
    public var innerXML: String {
        var result = ""
        // Each frame: the nodes still to write, and the closing tag to write after them.
        var frames: [(nodes: ArraySlice<XMLNode>, closing: String)] = [(children[...], "")]
        while !frames.isEmpty {
            guard let node = frames[frames.count - 1].nodes.popFirst() else {
                result += frames.removeLast().closing
                continue
            }
            switch node {
            case .text(let text):
                result += Self.escape(text, quotes: false)
            case .element(let element):
                result += "<" + element.localName
                for key in element.attributes.keys.sorted() where !key.hasPrefix("xmlns") {
                    result += " \(key)=\"\(Self.escape(element.attributes[key]!, quotes: true))\""
                }
                if element.children.isEmpty && Self.voidHTMLElements.contains(element.localName) {
                    result += ">"
                } else {
                    result += ">"
                    frames.append((element.children[...], "</\(element.localName)>"))
                }
            }
        }
        return result
    }

    /// The element's content as HTML: its markup when it has child elements, else its text.
    public var htmlContent: String {
        hasChildElements ? innerXML : text
    }

    /// Whether any child is an element (without building ``elements``).
    public var hasChildElements: Bool {
        children.contains { if case .element = $0 { true } else { false } }
    }

    static let voidHTMLElements: Set<String> = ["br", "img", "hr", "meta", "link", "input", "source", "wbr", "col", "area", "embed", "track"]

    static func escape(_ text: String, quotes: Bool) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    public var elements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// The first child element with this name (a walk over the children: a mapper asks a dozen times
    /// per item, and building ``elements`` for each question showed in profiles).
    public func first(_ local: String, in namespace: String? = nil) -> XMLElement? {
        for case .element(let element) in children where element.localName == local && (namespace == nil || element.namespaceURI == namespace) {
            return element
        }
        return nil
    }

    public func all(_ local: String, in namespace: String? = nil) -> [XMLElement] {
        var found: [XMLElement] = []
        for case .element(let element) in children where element.localName == local && (namespace == nil || element.namespaceURI == namespace) {
            found.append(element)
        }
        return found
    }

    public func attribute(_ name: String) -> String? { attributes[name] }
}

/// Namespace URIs the feed formats use.
public enum XMLNamespaces {
    public static let atom = "http://www.w3.org/2005/Atom"
    public static let atom03 = "http://purl.org/atom/ns#"
    public static let content = "http://purl.org/rss/1.0/modules/content/"
    public static let dublinCore = "http://purl.org/dc/elements/1.1/"
    public static let dublinCoreTerms = "http://purl.org/dc/terms/"
    public static let syndication = "http://purl.org/rss/1.0/modules/syndication/"
    public static let media = "http://search.yahoo.com/mrss/"
    public static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let rss10 = "http://purl.org/rss/1.0/"
    public static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    public static let xml = "http://www.w3.org/XML/1998/namespace"
}
