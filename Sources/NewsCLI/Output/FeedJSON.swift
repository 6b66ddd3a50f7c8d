import Foundation
import NewsCore

/// The `parse-feed --json` document, with its keys in a fixed order.
enum FeedJSON {
    static func render(_ feed: Feed, dates: NewsDateParser) -> String {
        var out = "{\"format\": \(JSONText.quote(feed.format.rawValue)), \"bozo\": \(feed.bozo), \"warnings\": "
        out += JSONText.array(feed.warnings) + ",\n"
        out += " \"feed\": {\"title\": \(JSONText.quote(feed.title)), \"link\": \(JSONText.quote(feed.link))},\n"
        out += " \"entries\": ["
        out += feed.entries.map { entry in
            let published = entry.rawPublished.flatMap(dates.parse)
            let updated = entry.rawUpdated.flatMap(dates.parse)
            let fields: [(String, String)] = [
                ("id", JSONText.quote(entry.id)), ("title", JSONText.quote(entry.title)), ("link", JSONText.quote(entry.link)),
                ("published", JSONText.quote(published.map(JSONText.iso8601))), ("updated", JSONText.quote(updated.map(JSONText.iso8601))),
                ("date", JSONText.quote((published ?? updated).map(JSONText.iso8601))), ("author", JSONText.quote(entry.author)),
                ("summary", JSONText.quote(entry.summary)), ("summary_type", entry.summary == nil ? "null" : JSONText.quote(entry.summaryType.rawValue)),
                ("content", JSONText.quote(entry.content)), ("content_type", entry.content == nil ? "null" : JSONText.quote(entry.contentType.rawValue)),
                ("enclosures", JSONText.array(entry.enclosures)),
                ("images", JSONText.array(entry.images)),
            ]
            return "{" + fields.map { "\(JSONText.quote($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
        }.joined(separator: ",\n  ")
        return out + "]}"
    }
}
