public import NewsCore
import Foundation

/// Why a document could not be read as a feed at all.
public struct FeedError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 into the one ``Feed`` model.
///
/// ```swift
/// let feed = try FeedParser.parse(xmlText, baseURL: "https://example.com/feed")
/// ```
public enum FeedParser {
    public static func parse(_ text: String, baseURL: String? = nil) throws(FeedError) -> Feed {
        let (root, warnings) = TolerantXMLReader.parse(text)
        guard let root else { throw FeedError(message: "no XML element found (is this a feed?)") }
        var feed: Feed
        switch (root.localName.lowercased(), root.namespaceURI) {
        case ("rss", _):
            feed = RSSMapper.map(root, version: root.attribute("version"))
        case ("rdf", _):
            feed = RSSMapper.mapRDF(root)
        case ("feed", XMLNamespaces.atom03):
            feed = AtomMapper.map(root, format: .atom03)
        case ("feed", _):
            feed = AtomMapper.map(root, format: .atom10)
        default:
            throw FeedError(message: "root element <\(root.qualifiedName)> is not RSS or Atom")
        }
        feed.warnings = warnings
        if let base = baseURL ?? feed.link {
            for index in feed.entries.indices {
                feed.entries[index].link = feed.entries[index].link.map { URLResolver.resolve($0, against: base) }
                feed.entries[index].images = feed.entries[index].images.map { URLResolver.resolve($0, against: base) }
            }
        }
        return feed
    }
}

/// Resolves relative references against a base URL (RFC 3986, the common cases).
public enum URLResolver {
    public static func resolve(_ reference: String, against base: String) -> String {
        let reference = reference.trimmingWhitespace()
        if reference.contains("://") || reference.hasPrefix("data:") || reference.hasPrefix("mailto:") { return reference }
        guard let schemeEnd = base.range(of: "://") else { return reference }
        let scheme = String(base[..<schemeEnd.lowerBound])
        if reference.hasPrefix("//") { return scheme + ":" + reference }
        let afterScheme = base[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        let origin = String(base[..<authorityEnd])
        if reference.hasPrefix("/") { return origin + reference }
        if reference.isEmpty { return base }
        var path = String(afterScheme[authorityEnd...])
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<cut]) }
        if reference.hasPrefix("?") || reference.hasPrefix("#") { return origin + path + reference }
        let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "/"
        var segments: [Substring] = []
        for segment in (directory + reference).split(separator: "/", omittingEmptySubsequences: false) {
            if segment == ".." { if segments.count > 1 { segments.removeLast() } } else if segment != "." { segments.append(segment) }
        }
        return origin + segments.joined(separator: "/")
    }
}
