import Foundation
import NewsCore

/// Maps JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
enum JSONFeedMapper {
    static func map(_ utf8: [UInt8]) throws(FeedError) -> Feed {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(utf8))
        } catch {
            throw FeedError(message: "invalid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error.localizedDescription)")
        }
        guard let root = object as? [String: Any] else { throw FeedError(message: "JSON feed is not an object") }
        let version = root["version"] as? String ?? ""
        guard version.contains("jsonfeed.org") || root["items"] is [Any] else {
            throw FeedError(message: "JSON document is not a JSON Feed (no version and no items)")
        }
        var feed = Feed(format: version.hasSuffix("/1") ? .json10 : .json11,
                        title: root["title"] as? String, link: root["home_page_url"] as? String)
        if !version.contains("jsonfeed.org") { feed.warnings.append("missing or unknown JSON Feed version \"\(version)\"") }
        let feedAuthors = authors(root)
        let items = root["items"] as? [Any] ?? []
        for (index, value) in items.enumerated() {
            guard let item = value as? [String: Any] else {
                feed.warnings.append("item \(index) is not an object")
                continue
            }
            feed.entries.append(entry(item, feedAuthors: feedAuthors))
        }
        return feed
    }

    static func entry(_ item: [String: Any], feedAuthors: [String]) -> FeedEntry {
        var entry = FeedEntry()
        entry.id = string(item["id"])
        entry.title = string(item["title"])
        entry.link = string(item["url"]) ?? string(item["external_url"])
        if let html = string(item["content_html"]) {
            entry.content = html
        } else if let text = string(item["content_text"]) {
            entry.content = text
            entry.contentType = .text
        }
        if let summary = string(item["summary"]) {
            entry.summary = summary
            entry.summaryType = .text
        }
        entry.rawPublished = string(item["date_published"])
        entry.rawUpdated = string(item["date_modified"])
        let itemAuthors = authors(item)
        entry.author = (itemAuthors.isEmpty ? feedAuthors : itemAuthors).joined(separator: ", ").nilIfEmpty
        entry.categories = (item["tags"] as? [Any] ?? []).compactMap(string)
        entry.images = [string(item["image"]), string(item["banner_image"])].compactMap { $0 }
        for attachment in item["attachments"] as? [[String: Any]] ?? [] {
            guard let url = string(attachment["url"]) else { continue }
            entry.enclosures.append(url)
            if (attachment["mime_type"] as? String ?? "").hasPrefix("image/") { entry.images.append(url) }
        }
        return entry
    }

    /// `authors` (1.1) or `author` (1.0): names, else URLs.
    static func authors(_ object: [String: Any]) -> [String] {
        var list = object["authors"] as? [[String: Any]] ?? []
        if let single = object["author"] as? [String: Any] { list.append(single) }
        return list.compactMap { string($0["name"]) ?? string($0["url"]) }
    }

    /// Strings, and ids written as numbers.
    static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: text.isEmpty ? nil : text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }
}
