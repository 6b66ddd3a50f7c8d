import Foundation
import NewsCore

/// The `parse-feed --json` document, with its keys in a fixed order.
enum FeedJSON {
    static func render(_ feed: Feed, dates: NewsDateParser) -> String {
        var out = "{\"format\": \(quote(feed.format.rawValue)), \"bozo\": \(feed.bozo), \"warnings\": "
        out += "[" + feed.warnings.map(quote).joined(separator: ", ") + "],\n"
        out += " \"feed\": {\"title\": \(quote(feed.title)), \"link\": \(quote(feed.link))},\n"
        out += " \"entries\": ["
        out += feed.entries.map { entry in
            let published = entry.rawPublished.flatMap(dates.parse)
            let updated = entry.rawUpdated.flatMap(dates.parse)
            let fields: [(String, String)] = [
                ("id", quote(entry.id)), ("title", quote(entry.title)), ("link", quote(entry.link)),
                ("published", quote(published.map(iso8601))), ("updated", quote(updated.map(iso8601))),
                ("date", quote((published ?? updated).map(iso8601))), ("author", quote(entry.author)),
                ("summary", quote(entry.summary)), ("summary_type", entry.summary == nil ? "null" : quote(entry.summaryType)),
                ("content", quote(entry.content)), ("content_type", entry.content == nil ? "null" : quote(entry.contentType)),
                ("enclosures", "[" + entry.enclosures.map(quote).joined(separator: ", ") + "]"),
                ("images", "[" + entry.images.map(quote).joined(separator: ", ") + "]"),
            ]
            return "{" + fields.map { "\(quote($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
        }.joined(separator: ",\n  ")
        return out + "]}"
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func quote(_ value: String?) -> String {
        guard let value else { return "null" }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
