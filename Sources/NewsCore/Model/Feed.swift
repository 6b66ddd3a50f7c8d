public import Foundation

/// A feed as every format (RSS, Atom, JSON Feed) maps to it.
public struct Feed: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case rss090, rss091, rss092, rss10, rss20, atom03, atom10, json10, json11, unknown
    }

    public var format: Format
    public var title: String?
    public var link: String?
    public var entries: [FeedEntry]
    /// Problems found while reading a malformed feed (the entries are still usable).
    public var warnings: [String]
    /// How long the feed asks readers to wait between fetches (RSS `ttl`, or `sy:updatePeriod`).
    public var ttl: TimeInterval?
    /// The encoding the document was read in (`utf-8`, `gbk`, …).
    public var encoding: String = "utf-8"
    /// Entries not read because their raw markup is in the source's ``EntryMemory`` (only when the
    /// reader was given one), each with its place among ``entries``.
    public var repeatedEntries: [RepeatedEntry] = []
    /// True when the feed was not well-formed (feedparser's name for it).
    public var bozo: Bool { !warnings.isEmpty }

    public init(format: Format, title: String? = nil, link: String? = nil, entries: [FeedEntry] = [], warnings: [String] = []) {
        self.format = format
        self.title = title
        self.link = link
        self.entries = entries
        self.warnings = warnings
    }
}

/// An entry the feed repeats byte for byte from the last stored fetch: not read again.
public struct RepeatedEntry: Sendable, Hashable {
    /// Its ``EntryDigest``.
    public var digest: UInt64
    /// How many of the feed's read ``Feed/entries`` come before it.
    public var position: Int

    public init(digest: UInt64, position: Int) {
        self.digest = digest
        self.position = position
    }
}

/// How to read an entry's summary or content. The raw values are the names `parse-feed` prints.
public enum EntryContentType: String, Sendable, Hashable {
    /// Markup, read as HTML.
    case html
    /// Plain text: ``FeedEntry/bestHTML`` escapes it into paragraphs.
    case text
    /// XHTML markup (Atom's `type="xhtml"`), read as HTML. The Atom reader reports such content as
    /// ``html``, since it hands on the markup of the construct's `div`.
    case xhtml
}

/// One entry of a feed, before Newsmill normalises it into an ``Item``.
public struct FeedEntry: Sendable, Hashable {
    public var id: String?
    public var title: String?
    public var link: String?
    /// The date string as the feed wrote it (kept for diagnostics).
    public var rawPublished: String?
    public var rawUpdated: String?
    public var author: String?
    public var summary: String?
    /// How to read ``summary``.
    public var summaryType: EntryContentType = .html
    public var content: String?
    /// How to read ``content``.
    public var contentType: EntryContentType = .html
    public var images: [String]
    public var enclosures: [String]
    public var categories: [String]
    /// The ``EntryDigest`` of the entry's raw markup, when the reader was asked for digests.
    public var digest: UInt64?

    public init(
        id: String? = nil, title: String? = nil, link: String? = nil, rawPublished: String? = nil,
        rawUpdated: String? = nil, author: String? = nil, summary: String? = nil, content: String? = nil,
        images: [String] = [], enclosures: [String] = [], categories: [String] = []
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.rawPublished = rawPublished
        self.rawUpdated = rawUpdated
        self.author = author
        self.summary = summary
        self.content = content
        self.images = images
        self.enclosures = enclosures
        self.categories = categories
    }

    /// The richest HTML the entry carries (plain text is escaped into paragraphs).
    public var bestHTML: String {
        if let content, !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return contentType == .text ? Self.html(fromPlainText: content) : content
        }
        guard let summary else { return "" }
        return summaryType == .text ? Self.html(fromPlainText: summary) : summary
    }

    /// Plain text as HTML: characters escaped, blank-line separated blocks as paragraphs.
    public static func html(fromPlainText text: String) -> String {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        let paragraphs = escaped.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        return paragraphs.map { "<p>\($0.replacingOccurrences(of: "\n", with: "<br>"))</p>" }.joined()
    }
}
