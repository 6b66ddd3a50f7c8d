import Foundation

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

    /// Resolves `reference` against the innermost base that applies: `xml:base` values from the
    /// outermost to the innermost, on top of the document's own URL.
    public static func resolve(_ reference: String, bases: [String?], documentURL: String?) -> String {
        var base = documentURL
        for case let value? in bases {
            base = base.map { resolve(value, against: $0) } ?? value
        }
        return base.map { resolve(reference, against: $0) } ?? reference
    }
}
