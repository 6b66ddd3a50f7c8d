import Foundation

/// How an entry is identified across runs: its guid/id, else its normalised link, else a hash of
/// its title and content.
///
/// A guid that is a URL, and a link, name the story wherever it appears, so they are global: the same
/// URL from two sources is one story, and the second source's item is archived as a copy (under
/// ``copyKey(_:sourceKey:)``). Any other guid (`1`, `article-42`) only means something within its own
/// feed, so it is scoped by the source: two sites that both number their items from 1 never collide,
/// and no feed can reach another source's item by reusing its guid.
public enum ItemIdentity {
    public static func key(for entry: FeedEntry, sourceKey: String) -> String {
        if let id = entry.id?.trimmingWhitespace(), !id.isEmpty {
            return isURL(id) ? "id:" + id : "id:" + sourceKey + ":" + id
        }
        if let link = entry.link, let normalized = LinkNormalizer.normalize(link) { return "link:" + normalized }
        return "hash:" + sourceKey + ":" + StableHash.hex(unitSeparated: [entry.title ?? "", entry.bestHTML])
    }

    /// The key of a source's own copy of an item whose global key another source's item already holds.
    public static func copyKey(_ key: String, sourceKey: String) -> String {
        "copy:" + sourceKey + ":" + key
    }

    /// The key an archive from before source-scoped guids gave this item (`id:1` for `id:SOURCE:1`),
    /// or nil when the key was the same then.
    public static func unscopedKey(_ key: String, sourceKey: String) -> String? {
        let scopedPrefix = "id:" + sourceKey + ":"
        guard key.hasPrefix(scopedPrefix) else { return nil }
        return "id:" + key.dropFirst(scopedPrefix.count)
    }

    /// Whether a guid is an http(s) URL (compared without case).
    static func isURL(_ id: String) -> Bool {
        let head = id.prefix(8).lowercased()
        return head.hasPrefix("http://") || head.hasPrefix("https://")
    }
}

/// Normalises links for de-duplication: lowercase scheme and host, no default port, no fragment,
/// no `utm_*` parameters.
public enum LinkNormalizer {
    public static func normalize(_ link: String) -> String? {
        // Nearly every link is ASCII (percent-encoded): normalised on its bytes.
        if let normalized = normalizedASCII(link) { return normalized }
        return normalizedCharacters(link)
    }

    /// ``normalize(_:)`` read character by character: for any link.
    static func normalizedCharacters(_ link: String) -> String? {
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

    /// ``normalizedCharacters(_:)`` for an ASCII link, on its bytes (in ASCII every character but CR LF
    /// is one byte, and no step splits or matches a CR or LF); nil (not `.some(nil)`) for any other link.
    static func normalizedASCII(_ link: String) -> String?? {
        var link = link
        return link.withUTF8 { bytes -> String?? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
            func lowercased(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
            guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return .some(nil) }
            let last = bytes.lastIndex(where: { !isSpace($0) })!
            let trimmed = UnsafeBufferPointer(rebasing: bytes[first...last])
            guard let schemeEnd = Self.schemeSeparator.withUnsafeBufferPointer({ ByteSearch.offset(of: $0, in: trimmed) }) else {
                return .some(String(decoding: trimmed, as: UTF8.self))
            }
            // Written into one buffer: scheme, "://", host, path.
            var result: [UInt8] = []
            result.reserveCapacity(trimmed.count + 1)
            result.append(contentsOf: trimmed[..<schemeEnd].lazy.map(lowercased))
            let scheme = result[...]
            let defaultPort = scheme.elementsEqual("http".utf8) ? ":80" : scheme.elementsEqual("https".utf8) ? ":443" : nil
            result.append(contentsOf: Self.schemeSeparator)
            var rest = trimmed[(schemeEnd + 3)...]
            if let hash = rest.firstIndex(of: UInt8(ascii: "#")) { rest = rest[..<hash] }
            let pathStart = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
            let hostStart = result.count
            result.append(contentsOf: rest[..<pathStart].lazy.map(lowercased))
            if let defaultPort, result[hostStart...].suffix(defaultPort.utf8.count).elementsEqual(defaultPort.utf8) {
                result.removeSubrange(result[hostStart...].lastIndex(of: UInt8(ascii: ":"))!...)
            }
            let pathOffset = result.count
            let path = rest[pathStart...]
            if let question = path.firstIndex(of: UInt8(ascii: "?")) {
                result.append(contentsOf: path[..<question])
                var separator = UInt8(ascii: "?")
                for part in path[(question + 1)...].split(separator: UInt8(ascii: "&"))
                where !part.prefix(4).lazy.map(lowercased).elementsEqual("utm_".utf8) {
                    result.append(separator)
                    result.append(contentsOf: part)
                    separator = UInt8(ascii: "&")
                }
            } else {
                result.append(contentsOf: path)
            }
            if result.count == pathOffset { result.append(UInt8(ascii: "/")) }
            return .some(String(decoding: result, as: UTF8.self))
        }
    }

    private static let schemeSeparator: [UInt8] = Array("://".utf8)
}

extension String {
    /// The string without leading and trailing Unicode whitespace.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isWhitespace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !Self.isWhitespace($0) })!
        // Most strings have nothing to trim: the same string, not a copy.
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }

    /// Unicode's White_Space, answered for ASCII without the property tables (tab to carriage return, space).
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }
}
