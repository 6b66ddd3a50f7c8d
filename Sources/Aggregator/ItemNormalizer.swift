import Foundation
import HTML5Parser
import NewsCore

/// Turns a feed entry into an archived ``Item``: identity, title, the right date, HTML.
struct ItemNormalizer {
    var source: Source
    var fetchedAt: Date

    /// The entry with no control character left that would harm the archive (see
    /// ``ControlCharacters``): removed from text, shown as a sign in the id (so ids stay distinct),
    /// percent-encoded in links. The first step for every entry, before its identity is computed.
    static func sanitized(_ entry: FeedEntry) -> FeedEntry {
        func text(_ value: String?) -> String? { value.map(ControlCharacters.removed) }
        var clean = entry
        clean.id = entry.id.map(ControlCharacters.pictured)
        clean.link = entry.link.map(ControlCharacters.percentEncoded)
        clean.title = text(entry.title)
        clean.author = text(entry.author)
        clean.summary = text(entry.summary)
        clean.content = text(entry.content)
        clean.rawPublished = text(entry.rawPublished)
        clean.rawUpdated = text(entry.rawUpdated)
        clean.images = entry.images.map(ControlCharacters.percentEncoded)
        clean.enclosures = entry.enclosures.map(ControlCharacters.percentEncoded)
        clean.categories = entry.categories.map(ControlCharacters.removed)
        return clean
    }

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

    /// Titles sometimes carry markup or entities: keep their text only, on one line.
    static func plainTitle(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let text = raw.contains("<") || raw.contains("&") ? HTMLParser.parseFragment(raw, context: "div").textContent : raw
        let collapsed = text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }.joined(separator: " ")
            .trimmingWhitespace()
        return collapsed.isEmpty ? nil : collapsed
    }

    static func fallbackTitle(_ html: String) -> String {
        let text = text(of: html).trimmingWhitespace()
        return text.isEmpty ? "(untitled)" : String(text.prefix(40))
    }
}
