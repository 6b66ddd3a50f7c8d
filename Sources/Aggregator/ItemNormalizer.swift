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
        // Nearly every entry has none: the entry itself, not a copy whose every field is replaced.
        guard hasControlCharacters(entry) else { return entry }
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

    /// Whether any field ``sanitized(_:)`` cleans holds a character it would change (links also
    /// lose tabs and line breaks).
    static func hasControlCharacters(_ entry: FeedEntry) -> Bool {
        let texts = [entry.id, entry.title, entry.author, entry.summary, entry.content, entry.rawPublished, entry.rawUpdated]
        if texts.contains(where: { $0.map { ControlCharacters.occur(in: $0) } ?? false }) { return true }
        if entry.categories.contains(where: { ControlCharacters.occur(in: $0) }) { return true }
        return ([entry.link].compactMap { $0 } + entry.images + entry.enclosures).contains { ControlCharacters.percentEncoded(in: $0) != $0 }
    }

    /// What the feed says about `entry`, as an archived item remembers it (its title, `updated` and a
    /// hash of its HTML): equal to the stored snapshot, with the same link, means nothing changed.
    func snapshot(of entry: FeedEntry) -> FeedSnapshot {
        FeedSnapshot(title: ItemTitle.real(entry.title), updated: entry.rawUpdated, contentHash: StableHash.hex(entry.bestHTML))
    }

    /// The item for `entry`, archived under `key` (its ``ItemIdentity``, or its copy key).
    /// - Parameter body: `entry.bestHTML`, parsed when a date or title must come from its text.
    func item(from entry: FeedEntry, key: String, existing: Item?, body: HTMLText, snapshot: FeedSnapshot? = nil) -> Item {
        let html = body.html
        let parser = NewsDateParser(timeZone: source.timeZone, now: fetchedAt)
        let firstSeen = existing?.firstSeen ?? fetchedAt
        var date: Date
        var origin: Item.DateOrigin
        if let raw = entry.rawPublished ?? entry.rawUpdated, let parsed = parser.parse(raw) {
            date = parsed
            origin = .feed
        } else if let found = parser.firstDate(inText: body.text) {
            date = found
            origin = .content
        } else {
            date = existing?.date ?? firstSeen
            origin = existing?.dateOrigin ?? .firstSeen
        }
        let snapshot = snapshot ?? self.snapshot(of: entry)
        let title = snapshot.title ?? ItemTitle.fromText(ofHTML: body) ?? entry.link ?? "(untitled)"
        var item = Item(
            key: key, sourceKey: source.key, title: title, link: entry.link, date: date, dateOrigin: origin,
            firstSeen: firstSeen, author: entry.author, html: html, ogImage: entry.images.first)
        item.feedSnapshot = snapshot
        item.legacyKey = existing?.legacyKey
        item.categories = Self.categories(entry.categories)
        return item
    }

    /// The fingerprint of the item's article text (see ``storyBlocks(of:)``).
    static func fingerprint(of item: Item) -> TextFingerprint {
        TextFingerprint(blocks: storyBlocks(of: HTMLParser.parseFragment(item.html, context: "div")))
    }

    /// The blocks of text that tell an item's story: its paragraphs when they hold enough text (which
    /// leaves most navigation, promo and share blocks out), else all of its text as one block.
    static func storyBlocks(of fragment: HTMLNode) -> [String] {
        let paragraphs = fragment.descendants.filter { $0.isHTMLElement("p") }.map { $0.textContent.trimmingWhitespace() }
            .filter { !$0.isEmpty }
        // (Counted only as far as 200 characters: see `characterCount(upTo:)`.)
        var counted = 0
        for paragraph in paragraphs where counted < 200 { counted += paragraph.characterCount(upTo: 200 - counted) }
        if counted >= 200 { return paragraphs }
        let text = fragment.textContent.trimmingWhitespace()
        return text.isEmpty ? [] : [text]
    }

    /// Blocks that at least three of one feed's items carry (the source's boilerplate), given each
    /// item's blocks as hashes of their bytes (``StableHash/value(_:)``: String's own hashing
    /// normalises Unicode first, which showed in profiles of large imports).
    static func repeatedBlocks(_ hashesPerItem: [[UInt64]]) -> Set<UInt64> {
        var counts: [UInt64: Int] = [:]
        for hashes in hashesPerItem {
            for hash in Set(hashes) { counts[hash, default: 0] += 1 }
        }
        return Set(counts.filter { $0.value >= 3 }.keys)
    }

    /// The feed's categories for an entry, trimmed, each once.
    static func categories(_ raw: [String]) -> [String] {
        var seen = Set<String>()
        return raw.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The entry's title on one line. It is already plain text: the feed parser read it by its
    /// format's rules (parsing it as HTML again would decode it twice: `Why <script> tags matter`).
    static func plainTitle(_ raw: String?) -> String? {
        guard let text = raw else { return nil }
        if !hasLineBreak(text) {
            // One line already (nearly every title): trimmed, without splitting it into characters.
            let trimmed = text.trimmingWhitespace()
            return trimmed.isEmpty ? nil : trimmed
        }
        let collapsed = text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }.joined(separator: " ")
            .trimmingWhitespace()
        return collapsed.isEmpty ? nil : collapsed
    }

    /// Whether `text` holds a character `Character.isNewline` accepts (LF, VT, FF, CR, NEL, U+2028,
    /// U+2029), read from its UTF-8 bytes.
    static func hasLineBreak(_ text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if (0x0A...0x0D).contains(byte) || (previous.1 == 0xC2 && byte == 0x85)
                || (previous == (0xE2, 0x80) && (byte == 0xA8 || byte == 0xA9)) { return true }
            previous = (previous.1, byte)
        }
        return false
    }
}
