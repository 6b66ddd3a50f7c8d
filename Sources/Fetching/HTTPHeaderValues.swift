import Foundation

/// Reading the response headers the fetcher cares about.
enum HTTPHeaderValues {
    /// `charset` from a Content-Type value, unquoted.
    /// The media type of a `Content-Type` value, lowercased, without its parameters (`image/png`).
    static func mediaType(fromContentType value: String?) -> String? {
        guard let type = value?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased(), !type.isEmpty else { return nil }
        return type
    }

    static func charset(fromContentType value: String?) -> String? {
        guard let value else { return nil }
        for parameter in value.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let charset = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return charset.isEmpty ? nil : charset
        }
        return nil
    }

    /// The longest `Retry-After` taken as given, in seconds (a year); longer ones are capped to it,
    /// so that no header value, however large, overflows a computation.
    static let longestRetryAfter = 365 * 86400

    /// The longest `max-age` taken as given, in seconds (a year); longer ones are capped to it.
    static let longestMaxAge = 365 * 86400

    /// `Retry-After` as seconds from `now`: delta-seconds or an HTTP date, at most a year.
    static func retryAfter(_ value: String?, now: Date = Date()) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = wholeSeconds(value) { return TimeInterval(min(longestRetryAfter, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: value) {
                return min(TimeInterval(longestRetryAfter), max(0, date.timeIntervalSince(now)))
            }
        }
        return nil
    }

    /// `max-age` from Cache-Control (nil with `no-store`/`no-cache` or when absent), at most a year.
    static func maxAge(fromCacheControl value: String?) -> TimeInterval? {
        guard let value = value?.lowercased() else { return nil }
        if value.contains("no-store") || value.contains("no-cache") { return nil }
        for directive in value.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == "max-age",
               let seconds = wholeSeconds(parts[1].trimmingCharacters(in: .whitespaces)) {
                return TimeInterval(min(longestMaxAge, seconds))
            }
        }
        return nil
    }

    /// A header's non-negative whole number of seconds, however many digits it has: a number too
    /// large for `Int` is `Int.max` (the caller caps it), not an error or an overflow.
    static func wholeSeconds<Text: StringProtocol>(_ text: Text) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text) ?? Int.max
    }
}
