import Foundation
import HTML5Parser
import NewsCore

/// Turns a feed entry into an archived ``Item``: identity, title, the right date, HTML.
struct ItemNormalizer {
    var source: Source
    var fetchedAt: Date

    func item(from entry: FeedEntry, existing: Item?) -> Item {
        let key = ItemIdentity.key(for: entry, sourceKey: source.key)
        let html = entry.bestHTML
        let parser = NewsDateParser(timeZone: source.timeZone, now: fetchedAt)
        let firstSeen = existing?.firstSeen ?? fetchedAt
        var date: Date
        var origin: Item.DateOrigin
        if let raw = entry.rawPublished ?? entry.rawUpdated, let parsed = parser.parse(raw) {
            date = parsed
            origin = .feed
        } else if let found = parser.firstDate(inText: Self.text(of: html)) {
            date = found
            origin = .content
        } else {
            date = existing?.date ?? firstSeen
            origin = existing?.dateOrigin ?? .firstSeen
        }
        let title = Self.plainTitle(entry.title) ?? Self.fallbackTitle(html)
        return Item(
            key: key, sourceKey: source.key, title: title, link: entry.link, date: date, dateOrigin: origin,
            firstSeen: firstSeen, author: entry.author, html: html, ogImage: entry.images.first)
    }

    /// The fingerprint of the item's article text: its paragraphs when it has any (which leaves
    /// most navigation, promo and share blocks out), else all of its text.
    static func fingerprint(of item: Item) -> TextFingerprint {
        let fragment = HTMLParser.parseFragment(item.html, context: "div")
        let paragraphs = fragment.descendants.filter { $0.isHTMLElement("p") }.map(\.textContent)
        let text = paragraphs.joined(separator: "\n")
        return TextFingerprint(text: text.count >= 200 ? text : fragment.textContent)
    }

    static func text(of html: String) -> String {
        HTMLParser.parseFragment(html, context: "div").textContent
    }

    /// The entry's title on one line. It is already plain text: the feed parser read it by its
    /// format's rules (parsing it as HTML again would decode it twice: `Why <script> tags matter`).
    static func plainTitle(_ raw: String?) -> String? {
        guard let text = raw else { return nil }
        let collapsed = text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }.joined(separator: " ")
            .trimmingWhitespace()
        return collapsed.isEmpty ? nil : collapsed
    }

    static func fallbackTitle(_ html: String) -> String {
        let text = text(of: html).trimmingWhitespace()
        return text.isEmpty ? "(untitled)" : String(text.prefix(40))
    }
}
