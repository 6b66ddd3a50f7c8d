import Foundation

/// How an entry is identified across runs: its guid/id, else its normalised link, else a hash of
/// its title and content.
public enum ItemIdentity {
    public static func key(for entry: FeedEntry, sourceKey: String) -> String {
        if let id = entry.id?.trimmingWhitespace(), !id.isEmpty { return "id:" + id }
        if let link = entry.link, let normalized = LinkNormalizer.normalize(link) { return "link:" + normalized }
        return "hash:" + sourceKey + ":" + StableHash.hex((entry.title ?? "") + "\u{1F}" + entry.bestHTML)
    }
}

/// Normalises links for de-duplication: lowercase scheme and host, no default port, no fragment,
/// no `utm_*` parameters.
public enum LinkNormalizer {
    public static func normalize(_ link: String) -> String? {
        let trimmed = link.trimmingWhitespace()
        guard let schemeEnd = trimmed.range(of: "://") else { return trimmed.isEmpty ? nil : trimmed }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        var rest = Substring(trimmed[schemeEnd.upperBound...])
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let pathStart = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var host = rest[..<pathStart].lowercased()
        if (scheme == "http" && host.hasSuffix(":80")) || (scheme == "https" && host.hasSuffix(":443")) {
            host = String(host[..<host.lastIndex(of: ":")!])
        }
        var path = String(rest[pathStart...])
        if let question = path.firstIndex(of: "?") {
            let query = path[path.index(after: question)...].split(separator: "&").filter {
                !$0.lowercased().hasPrefix("utm_")
            }
            path = String(path[..<question]) + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        }
        if path.isEmpty { path = "/" }
        return scheme + "://" + host + path
    }
}

extension String {
    /// The string without leading and trailing Unicode whitespace.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
