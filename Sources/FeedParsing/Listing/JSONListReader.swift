public import NewsCore
import Foundation
import HTML5Parser

/// Reads a JSON or JSONP roll list (`type: json`) as a ``Feed``, mapping each field by its path
/// (`result.data[].title`). Malformed JSON is an error that says where; a path that finds nothing
/// is a warning naming it.
///
/// ```swift
/// let feed = try JSONListReader.read(bytes, charset: nil, url: url, listing: listing)
/// ```
public enum JSONListReader {
    public static func read(_ bytes: [UInt8], charset: String?, url: String, listing: SourceListing) throws(FeedError) -> Feed {
        var fields: [(name: String, path: JSONFieldPath, field: [JSONFieldPath.Step])] = []
        var itemsPath: [JSONFieldPath.Step]?
        if let items = listing.items {
            let path = try JSONFieldPath(items)
            guard let split = path.split, split.field.isEmpty else {
                throw FeedError(message: "items path `\(items)` must end in `[]`")
            }
            itemsPath = split.items
        }
        for (name, text) in listing.fields {
            let path = try JSONFieldPath(text)
            guard let split = path.split else {
                throw FeedError(message: "\(name) path `\(text)` has no `[]`: which array holds the items?")
            }
            if let itemsPath, itemsPath != split.items {
                throw FeedError(message: "\(name) path `\(text)` is not inside the items array")
            }
            itemsPath = split.items
            fields.append((name, path, split.field))
        }
        guard let itemsPath else { throw FeedError(message: "a json source needs field paths such as `data[].title`") }

        let decoded = HTMLEncoding.decode(bytes, transportCharset: charset)
        let root = try parse(Self.unwrappingJSONP(decoded.utf8), url: url)
        var feed = Feed(format: .unknown, link: url)
        feed.encoding = decoded.encoding
        guard let array = JSONFieldPath.follow(itemsPath, in: root) as? [Any] else {
            let where_ = itemsPath.isEmpty ? "the document" : "`\(fields.first.map { String($0.path.description.prefix { $0 != "[" }) } ?? "")`"
            feed.warnings.append("no item array at \(where_) in \(url)")
            return feed
        }
        var found = Set<String>()
        var withoutLink = 0
        for element in array {
            var entry = FeedEntry()
            for (name, _, field) in fields {
                guard let value = JSONFieldPath.follow(field, in: element).flatMap(Self.text) else { continue }
                found.insert(name)
                switch name {
                case "title": entry.title = value
                case "link": entry.link = URLResolver.resolve(value, against: url)
                case "date": entry.rawPublished = value
                case "summary": entry.summary = FeedEntry.html(fromPlainText: value)
                case "image": entry.images = [URLResolver.resolve(value, against: url)]
                default: break
                }
            }
            guard let link = entry.link, link.hasPrefix("http://") || link.hasPrefix("https://") else {
                withoutLink += 1
                continue
            }
            entry.id = link
            feed.entries.append(entry)
        }
        if !array.isEmpty {
            for (name, path, _) in fields where !found.contains(name) {
                feed.warnings.append("\(name) path `\(path)` found nothing in the \(array.count) items of \(url)")
            }
        }
        if withoutLink > 0 { feed.warnings.append("\(withoutLink) of \(array.count) items of \(url) have no link: left out") }
        return feed
    }

    /// `callback({...});` (also inside `try{…}catch(e){}`) → `{...}`: the first object or array
    /// passed to a call, up to its matching bracket (strings and escapes respected).
    static func unwrappingJSONP(_ utf8: [UInt8]) -> [UInt8] {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return utf8 }
        if utf8[first] == UInt8(ascii: "{") || utf8[first] == UInt8(ascii: "[") { return Array(utf8[first...]) }
        var open = first
        while let paren = utf8[open...].firstIndex(of: UInt8(ascii: "(")) {
            guard let start = utf8[(paren + 1)...].firstIndex(where: { !isSpace($0) }) else { break }
            if utf8[start] == UInt8(ascii: "{") || utf8[start] == UInt8(ascii: "[") {
                return Array(utf8[start..<matchingEnd(utf8, from: start)])
            }
            open = paren + 1
        }
        return utf8
    }

    /// The index after the bracket that closes the one at `start` (or the end, when none does).
    private static func matchingEnd(_ utf8: [UInt8], from start: Int) -> Int {
        var depth = 0
        var inString = false
        var escaped = false
        var index = start
        while index < utf8.count {
            let byte = utf8[index]
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
            } else if byte == 0x22 {
                inString = true
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return utf8.count
    }

    static func parse(_ utf8: [UInt8], url: String) throws(FeedError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(utf8), options: [.fragmentsAllowed])
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw FeedError(message: "malformed JSON in \(url): \(reason)")
        }
    }

    /// Strings as they are, numbers as digits (Unix times stay exact), nothing for other values.
    static func text(_ value: Any) -> String? {
        if let string = value as? String {
            let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        if let number = value as? NSNumber {
            let double = number.doubleValue
            return double == double.rounded() && abs(double) < 1e15 ? String(Int64(double)) : number.stringValue
        }
        return nil
    }
}
