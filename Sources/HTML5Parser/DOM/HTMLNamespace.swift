/// The namespaces an HTML parser produces.
public enum HTMLNamespace: UInt8, Sendable, Hashable {
    case html, svg, mathml, xlink, xml, xmlns

    /// The namespace URI.
    public var uri: String {
        switch self {
        case .html: "http://www.w3.org/1999/xhtml"
        case .svg: "http://www.w3.org/2000/svg"
        case .mathml: "http://www.w3.org/1998/Math/MathML"
        case .xlink: "http://www.w3.org/1999/xlink"
        case .xml: "http://www.w3.org/XML/1998/namespace"
        case .xmlns: "http://www.w3.org/2000/xmlns/"
        }
    }

    /// The short prefix html5lib's tree format uses (`svg`, `math`, `xlink`, …).
    public var shortName: String {
        switch self {
        case .html: "html"
        case .svg: "svg"
        case .mathml: "math"
        case .xlink: "xlink"
        case .xml: "xml"
        case .xmlns: "xmlns"
        }
    }
}

/// What kind of node a DOM node is.
public enum HTMLNodeKind: UInt8, Sendable {
    case document, documentFragment, doctype, element, text, comment
}

/// The document's quirks mode, decided by its DOCTYPE.
public enum QuirksMode: Sendable {
    case noQuirks, limitedQuirks, quirks
}
