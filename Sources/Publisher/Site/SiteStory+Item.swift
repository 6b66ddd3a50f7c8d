import Foundation
import HTML5Parser
import NewsCore

extension SiteStory {
    /// The story as the site shows it, its body ready for its page (the cleaned body from
    /// ``CleanStory``, its images lazy and sent without a referrer), and its plain text. With
    /// `imageLimit` (`images: archive`), the story lists the images the site keeps copies of, at most that many.
    static func make(from published: PublishedItem, imageLimit: Int? = nil) -> (story: SiteStory, body: String, text: String) {
        let item = published.item
        let source = published.source
        let clean = CleanStory(item)
        // The cleaned body's images are already lazy and sent without a referrer (HTMLSanitizer).
        let body = clean.html
        let fragment = clean.fragment  // parsed once, for the text and the image URLs
        let text = Self.plainText(fragment.textContent)
        var story = SiteStory(
            postKey: item.postKey, itemKey: item.key, title: item.title, date: item.date, sourceKey: source.key,
            group: source.group, site: source.site, channel: source.channel, author: item.author.flatMap(Self.nonEmpty),
            link: item.link.flatMap(Self.webAddress), headImage: clean.headImage.flatMap(Self.webAddress),
            summary: Self.summary(of: text), revision: "", topics: item.topics)
        if let imageLimit {
            let urls = SiteStoryImages.urls(in: fragment, headImage: story.headImage, limit: imageLimit)
            story.images = SiteStoryImages(feedHost: source.feedHost, urls: urls)
        }
        story.revision = StableHash.hex(story.record(text: text).joined(separator: "\u{1F}") + "\u{1F}" + body)
        return (story, body, text)
    }

    /// Whitespace runs made single spaces (a character is whitespace when its first scalar is, as
    /// `Character.isWhitespace` reads it), and none at either end.
    static func plainText(_ text: String) -> String {
        plainTextByScalars(text) ?? text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// ``plainText(_:)`` scalar by scalar, without grapheme breaking or property lookups (a full build
    /// spent a fifteenth of its CPU splitting texts by character): only for text whose scalars all lie
    /// where each scalar is a character of its own beside whitespace — ASCII, Latin, general punctuation
    /// (its spaces and joiners left out), CJK punctuation (its tone marks left out), ideographs and
    /// full-width forms. Nil for any other text.
    static func plainTextByScalars(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var space = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x3000:
                space = !bytes.isEmpty
                continue
            case 0x00...0x7F, 0xA1...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x3001...0x3029, 0x3030...0x303F, 0x3400...0x4DBF,
                0x4E00...0x9FFF, 0xFF01...0xFF5E, 0xFFE0...0xFFE6:
                if space {
                    bytes.append(0x20)
                    space = false
                }
                if scalar.isASCII { bytes.append(UInt8(scalar.value)) } else { bytes.append(contentsOf: UTF8.encode(scalar)!) }
            default:
                return nil
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func summary(of text: String, length: Int = 140) -> String {
        text.count <= length ? text : String(text.prefix(length)) + "…"
    }

    static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// `text` when it is an http(s) URL (never a `javascript:` or `data:` one), else nil.
    static func webAddress(_ text: String) -> String? {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), URL(string: text) != nil else { return nil }
        return text
    }
}

extension SiteCopy {
    init(_ published: PublishedItem, copyOf: String) {
        self.init(
            itemKey: published.item.key, copyOf: copyOf, title: published.item.title, site: published.source.site,
            link: published.item.link.flatMap(SiteStory.webAddress))
    }
}
