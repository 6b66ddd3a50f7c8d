import Foundation
import NewsCore

/// What the site keeps of one published story, enough to build every list, feed and the sitemap
/// without reading the archive. The cleaned body and the plain text (for the search index) live in
/// files of their own (``SiteState``), read only while the story's page or search document is written.
struct SiteStory: Sendable, Hashable {
    var postKey: String
    var itemKey: String
    var title: String
    var date: Date
    var sourceKey: String
    var group: String
    var site: String
    var channel: String
    var author: String?
    /// The original article's address (only an http(s) URL is kept).
    var link: String?
    var headImage: String?
    /// The first words of the text, for lists and feeds.
    var summary: String
    /// Changes whenever anything the site shows of the story changes.
    var revision: String
    /// With `images: archive`: the images the site keeps copies of.
    var images: SiteStoryImages? = nil
    /// The topics (named keep rules) the story matched, each a list of the site.
    var topics: [String] = []

    /// The file name stem of the story's page and body: stable for the story's whole life.
    var stem: String { String(StableHash.hex(postKey).prefix(16)) }
}

/// A copy of a story from another outlet (known from de-duplication): never a page of its own, but
/// listed on the original's page.
struct SiteCopy: Sendable, Hashable {
    var itemKey: String
    var copyOf: String
    var title: String
    var site: String
    var link: String?
}

/// One line of the site's state log: fields separated by tabs, with `\`, tab, CR and LF escaped.
enum SiteRecordCoding {
    static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: "\t") + "\n"
    }

    static func fields(of line: Substring) -> [String] {
        fields(of: Array(line.utf8)[...])
    }

    /// The fields of one line's bytes (split on tab bytes: UTF-8 never has 0x09 inside a character).
    static func fields(of line: ArraySlice<UInt8>) -> [String] {
        // Decoded once; only a field with a backslash is unescaped (into a second string).
        line.split(separator: 0x09, omittingEmptySubsequences: false).map { bytes in
            let field = String(decoding: bytes, as: UTF8.self)
            return bytes.contains(0x5C) ? unescape(Substring(field)) : field
        }
    }

    static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return field.replacingCharacters { character in
            switch character {
            case "\\": "\\\\"
            case "\t": "\\t"
            case "\n": "\\n"
            case "\r": "\\r"
            case "\r\n": "\\r\\n"
            default: nil
            }
        }
    }

    static func unescape(_ field: Substring) -> String {
        guard field.utf8.contains(0x5C) else { return String(field) }
        var result = ""
        var escaping = false
        for character in field {
            if escaping {
                switch character {
                case "t": result.append("\t")
                case "n": result.append("\n")
                case "r": result.append("\r")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}

extension SiteStory {
    static let tag = "S"

    /// The state log's fields. The text field (the story's plain text, which logs of earlier versions
    /// held) is left empty: the text has a file of its own.
    var record: [String] { record(text: "") }

    func record(text: String) -> [String] {
        let fields = [
            Self.tag, postKey, itemKey, title, String(date.timeIntervalSince1970), sourceKey, group, site, channel,
            author ?? "", link ?? "", headImage ?? "", summary, text, revision,
        ]
        // A story with topics has both optional fields (``noImages`` standing for no images); one without
        // keeps the record it had before topics were listed, so its revision stays the same.
        guard !topics.isEmpty else { return images.map { fields + [$0.field] } ?? fields }
        return fields + [images?.field ?? Self.noImages, topics.joined(separator: "\u{1F}")]
    }

    /// The images field of a story that has topics but no images (U+001E is in no host or URL).
    static let noImages = "\u{1E}"

    /// The story of a log line, and the plain text the line carries (empty but in logs of earlier versions).
    init?(record fields: [String]) {
        guard (15...17).contains(fields.count), fields[0] == Self.tag, let seconds = Double(fields[4]) else { return nil }
        self.init(
            postKey: fields[1], itemKey: fields[2], title: fields[3], date: Date(timeIntervalSince1970: seconds),
            sourceKey: fields[5], group: fields[6], site: fields[7], channel: fields[8],
            author: fields[9].isEmpty ? nil : fields[9], link: fields[10].isEmpty ? nil : fields[10],
            headImage: fields[11].isEmpty ? nil : fields[11], summary: fields[12], revision: fields[14])
        if fields.count >= 16, fields[15] != Self.noImages { images = SiteStoryImages(field: fields[15]) }
        if fields.count == 17 { topics = fields[16].split(separator: "\u{1F}").map(String.init) }
    }

    /// The plain text a log line of an earlier version carries.
    static func text(ofRecord fields: [String]) -> String { fields.count >= 15 ? fields[13] : "" }
}

extension SiteCopy {
    static let tag = "C"

    var record: [String] { [Self.tag, itemKey, copyOf, title, site, link ?? ""] }

    init?(record fields: [String]) {
        guard fields.count == 6, fields[0] == Self.tag else { return nil }
        self.init(itemKey: fields[1], copyOf: fields[2], title: fields[3], site: fields[4], link: fields[5].isEmpty ? nil : fields[5])
    }
}
