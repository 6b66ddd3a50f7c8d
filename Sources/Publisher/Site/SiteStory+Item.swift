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

    /// Whitespace runs made single spaces.
    static func plainText(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
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
