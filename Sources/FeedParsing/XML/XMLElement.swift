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

    /// The concatenated text of this element and its descendants.
    public var text: String {
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

    public var elements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    public func first(_ local: String, in namespace: String? = nil) -> XMLElement? {
        elements.first { $0.localName == local && (namespace == nil || $0.namespaceURI == namespace) }
    }

    public func all(_ local: String, in namespace: String? = nil) -> [XMLElement] {
        elements.filter { $0.localName == local && (namespace == nil || $0.namespaceURI == namespace) }
    }

    public func attribute(_ name: String) -> String? { attributes[name] }
}

/// Namespace URIs the feed formats use.
public enum XMLNamespaces {
    public static let atom = "http://www.w3.org/2005/Atom"
    public static let atom03 = "http://purl.org/atom/ns#"
    public static let content = "http://purl.org/rss/1.0/modules/content/"
    public static let dublinCore = "http://purl.org/dc/elements/1.1/"
    public static let media = "http://search.yahoo.com/mrss/"
    public static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let rss10 = "http://purl.org/rss/1.0/"
    public static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    public static let xml = "http://www.w3.org/XML/1998/namespace"
}
