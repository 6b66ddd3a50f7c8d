public import NewsCore
import Foundation
import HTML5Parser

/// Why a document could not be read as a feed at all.
public struct FeedError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Reads RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1 into the one ``Feed`` model.
///
/// ```swift
/// let feed = try FeedParser.parse(bytes, transportCharset: "gbk", baseURL: "https://example.com/feed")
/// ```
public enum FeedParser {
    /// Parses raw bytes: the encoding comes from the BOM, the transport charset, the XML
    /// declaration, then evidence from the bytes.
    /// With `digests`, the entries of an RSS or Atom feed carry their ``EntryDigest``, and those the
    /// memory holds are not read (``Feed/repeatedEntries``).
    public static func parse(_ bytes: [UInt8], transportCharset: String? = nil, baseURL: String? = nil,
                             digests: EntryDigests? = nil) throws(FeedError) -> Feed {
        let decoded = HTMLEncoding.decode(bytes, transportCharset: transportCharset, sniffXMLDeclaration: true)
        var feed = try parse(utf8: decoded.utf8, baseURL: baseURL, digests: digests)
        feed.encoding = decoded.encoding
        if decoded.evidence == .bytes, let declared = transportCharset ?? HTMLEncoding.xmlDeclarationEncoding(bytes) {
            feed.warnings.insert("declared encoding \(declared) does not match the bytes; read as \(decoded.encoding)", at: 0)
        }
        return feed
    }

    /// Parses a feed already decoded to text.
    public static func parse(_ text: String, baseURL: String? = nil) throws(FeedError) -> Feed {
        try parse(utf8: Array(text.utf8), baseURL: baseURL)
    }

    static func parse(utf8: [UInt8], baseURL: String?, digests: EntryDigests? = nil) throws(FeedError) -> Feed {
        var feed: Feed
        if let first = utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }), first == UInt8(ascii: "{") {
            feed = try JSONFeedMapper.map(utf8)
        } else {
            feed = try mapXML(utf8, digests: digests)
        }
        if let base = baseURL ?? feed.link {
            for index in feed.entries.indices {
                feed.entries[index].link = feed.entries[index].link.map { URLResolver.resolve($0, against: base) }
                feed.entries[index].images = feed.entries[index].images.map { URLResolver.resolve($0, against: base) }
                feed.entries[index].enclosures = feed.entries[index].enclosures.map { URLResolver.resolve($0, against: base) }
            }
        }
        return feed
    }

    private static func mapXML(_ utf8: [UInt8], digests: EntryDigests?) throws(FeedError) -> Feed {
        let document = TolerantXMLReader.parse(utf8: utf8, digests: digests)
        if let tooDeepAt = document.tooDeepAt {
            throw FeedError(message: "elements nest more than \(TolerantXMLReader.maximumDepth) levels deep (at byte \(tooDeepAt)): "
                + "not read as a feed")
        }
        let roots = document.roots
        guard !roots.isEmpty else { throw FeedError(message: "no XML element found (is this a feed?)") }
        var extraWarnings: [String] = []
        // Markup before the root (a PHP warning, an HTML error banner) is skipped, not taken for the feed.
        guard let rootIndex = roots.firstIndex(where: isFeedRoot) else {
            throw FeedError(message: "root element <\(roots[0].qualifiedName)> is not RSS, RDF or Atom")
        }
        let root = roots[rootIndex]
        if rootIndex > 0 { extraWarnings.append("skipped <\(roots[0].qualifiedName)> before the feed's root element") }
        var feed: Feed
        switch root.localName.lowercased() {
        case "rss":
            feed = RSSMapper.map(root, version: root.attribute("version"))
        case "rdf":
            feed = RSSMapper.mapRDF(root)
        default:
            feed = AtomMapper.map(root, format: root.namespaceURI == XMLNamespaces.atom03 || root.attribute("version") == "0.3" ? .atom03 : .atom10)
        }
        feed.warnings = document.warnings + extraWarnings
        return feed
    }

    private static func isFeedRoot(_ element: XMLElement) -> Bool {
        ["rss", "rdf", "feed"].contains(element.localName.lowercased())
    }
}
