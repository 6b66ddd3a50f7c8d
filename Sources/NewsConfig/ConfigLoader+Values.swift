import Foundation
import NewsCore
import Yams

/// The ranges numeric settings must fall in: anything outside is a configuration error, never a
/// crash (an overflowing conversion) or a silent default.
enum Limits {
    static let bytes = 1...(1 << 30)
    static let attempts = 1...100
    static let concurrency = 1...1024
    static let redirects = 0...100
    static let port = 1...65535
    static let timeoutSeconds: ClosedRange<Double> = 0.001...86400
    static let hostDelaySeconds: ClosedRange<Double> = 0...3600
    static let retentionDays = 1...36500
    static let retentionItems = 1...100_000_000
    /// Periods (`interval`), in seconds: from a second to 30 days.
    static let period: ClosedRange<Double> = 1...(30 * 86400)
}

/// Reading one setting's value: a value of the wrong type (a list or a mapping where one value is
/// needed), an empty value and a number out of range are each reported with the key's full path.
extension ConfigLoader {
    static func path(_ context: String, _ key: String) -> String {
        context.isEmpty ? key : context + "." + key
    }

    /// The single value at `key`, trimmed; nil when absent, or (reported) when it is a list, a
    /// mapping, empty or null.
    mutating func string(_ mapping: Node.Mapping, _ key: String, in context: String) -> String? {
        guard let node = mapping[key] else { return nil }
        switch node {
        case .mapping:
            fail(node, Self.path(context, key), "expected a single value, not a mapping")
            return nil
        case .sequence:
            fail(node, Self.path(context, key), "expected a single value, not a list")
            return nil
        case .scalar(let scalar):
            let text = scalar.string.trimmingCharacters(in: .whitespaces)
            let isNull = scalar.style == .plain && ["~", "null", "Null", "NULL"].contains(text)
            guard !text.isEmpty, !isNull else {
                fail(node, Self.path(context, key), "expected a value, not an empty string")
                return nil
            }
            return text
        case .alias:
            fail(node, Self.path(context, key), "expected a single value, not an alias")
            return nil
        }
    }

    /// The value at `key`, reported as missing when absent.
    mutating func required(_ mapping: Node.Mapping, _ key: String, in context: String) -> String? {
        guard mapping[key] != nil else {
            fail(mapping.keys.first, Self.path(context, key), "missing \(key)")
            return nil
        }
        return string(mapping, key, in: context)
    }

    /// A string or a list of strings.
    mutating func strings(_ mapping: Node.Mapping, _ key: String, in context: String) -> [String] {
        guard let node = mapping[key] else { return [] }
        if let single = node.scalar?.string { return [single] }
        if let items = node.sequence, items.allSatisfy({ $0.scalar != nil }) { return items.compactMap(\.scalar?.string) }
        fail(node, Self.path(context, key), "expected a string or a list of strings")
        return []
    }

    /// The list at `key`; empty when absent, or (reported) when it is not a list.
    mutating func sequence(_ mapping: Node.Mapping, _ key: String, in context: String) -> [Node] {
        guard let node = mapping[key] else { return [] }
        guard let items = node.sequence else {
            fail(node, Self.path(context, key), "expected a list")
            return []
        }
        return Array(items)
    }

    mutating func zone(_ mapping: Node.Mapping, _ key: String, in context: String) -> TimeZone? {
        guard let name = string(mapping, key, in: context) else { return nil }
        guard let zone = TimeZone(identifier: name) else {
            fail(mapping[key], Self.path(context, key), "unknown time zone '\(name)' (use an IANA name such as Asia/Shanghai)")
            return nil
        }
        return zone
    }

    /// A period such as `90` (seconds), `90s`, `15m`, `6h` or `1d`, within ``Limits/period``.
    mutating func period(_ mapping: Node.Mapping, _ key: String, in context: String) -> TimeInterval? {
        guard let text = string(mapping, key, in: context)?.lowercased() else { return nil }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        let unit = text.last.flatMap { units[$0] }
        let seconds = Double(unit == nil ? text : String(text.dropLast())).map { $0 * (unit ?? 1) }
        guard let seconds, seconds.isFinite, Limits.period.contains(seconds) else {
            fail(mapping[key], Self.path(context, key), "expected a period from 1s to 30d, such as 900, 15m, 6h or 1d")
            return nil
        }
        return seconds
    }

    /// A number of seconds within `range`.
    mutating func seconds(_ mapping: Node.Mapping, _ key: String, in context: String, range: ClosedRange<Double>) -> Duration? {
        guard let text = string(mapping, key, in: context) else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            fail(mapping[key], Self.path(context, key),
                 "expected a number of seconds from \(Self.number(range.lowerBound)) to \(Self.number(range.upperBound))")
            return nil
        }
        return .milliseconds(Int((value * 1000).rounded()))
    }

    /// A whole number within `range`.
    mutating func count(_ mapping: Node.Mapping, _ key: String, in context: String, range: ClosedRange<Int>) -> Int? {
        guard let text = string(mapping, key, in: context) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            fail(mapping[key], Self.path(context, key), "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// How two configured source URLs are compared for duplicates: a file under any spelling (a plain
/// path, `file://`, `.` and `..` components, doubled slashes, a symbolic link) is one file, and
/// web URLs compare as links do for de-duplication (scheme and host case, default port, fragment).
enum SourceIdentity {
    static func comparable(_ url: String) -> String {
        if url.hasPrefix("http://") || url.hasPrefix("https://") { return LinkNormalizer.normalize(url) ?? url }
        let path = url.hasPrefix("file://") ? String(url.dropFirst("file://".count)) : url
        return "file://" + canonicalPath(path)
    }

    /// The file's real path when it exists (links resolved), else the path with `.`, `..` and
    /// empty components resolved lexically.
    static func canonicalPath(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
