public import Foundation

/// One configured source: a feed inside a group, with the names Hexo categories use.
public struct Source: Sendable, Hashable {
    public var group: String { didSet { key = Self.key(group, site, channel, url) } }
    public var site: String { didSet { key = Self.key(group, site, channel, url) } }
    public var channel: String { didSet { key = Self.key(group, site, channel, url) } }
    public var url: String { didSet { key = Self.key(group, site, channel, url) } }
    public var timeZone: TimeZone
    /// Extra request headers for this source (Referer, Cookie, …).
    public var headers: [String: String]
    /// How often the daemon fetches this source.
    public var interval: TimeInterval = 900
    /// When to fetch an item's page for its full text.
    public var fulltext: FulltextPolicy = .auto
    /// For a source that is not a feed (`type: html` or `json`): how to read its items.
    public var listing: SourceListing?

    public init(group: String, site: String, channel: String, url: String, timeZone: TimeZone, headers: [String: String] = [:]) {
        self.group = group
        self.site = site
        self.channel = channel
        self.url = url
        self.timeZone = timeZone
        self.headers = headers
        key = Self.key(group, site, channel, url)
    }

    /// A stable key for the archive: the group, site, channel and URL (kept up to date as they change,
    /// since every item of a run asks for it).
    public private(set) var key: String

    static func key(_ group: String, _ site: String, _ channel: String, _ url: String) -> String {
        StableHash.hex([group, site, channel, url].joined(separator: "\u{1F}"))
    }

    /// The host of the feed's URL (nil for a file), which the source's own item links may reach
    /// even when it is internal.
    public var feedHost: String? {
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), let host = URL(string: url)?.host else { return nil }
        return host.lowercased()
    }

    /// How error messages name the source.
    public var label: String { "\(site) / \(channel) <\(url)>" }
}

/// When Newsmill fetches an item's own page to recover the full article.
public enum FulltextPolicy: String, Sendable, Hashable, CaseIterable {
    /// When the feed's content is short, or reads like a summary of the page.
    case auto
    case always
    /// Only what the feed carries.
    case never
}

/// An item as Newsmill archives and publishes it.
public struct Item: Sendable, Hashable {
    /// Where the item's date came from.
    public enum DateOrigin: String, Sendable, Hashable {
        case feed, content, firstSeen = "first-seen"
    }

    /// Identity within the archive (see ``ItemIdentity``).
    public var key: String
    /// The key the item's posts were named by when it was first published, when that differs from
    /// ``key`` (items archived before guids were scoped by source keep their posts' file names).
    public var legacyKey: String?
    /// What outputs name the item's files by: stable for the item's whole life.
    public var postKey: String { legacyKey ?? key }
    public var sourceKey: String
    public var title: String
    public var link: String?
    public var date: Date
    public var dateOrigin: DateOrigin
    public var firstSeen: Date
    public var author: String?
    /// The item's HTML, from the feed or from its page (see ``contentOrigin``), as the archive of record
    /// keeps it; the outputs publish its cleaned form (``cleanBody``).
    public var html: String
    /// Where ``html`` came from.
    public var contentOrigin: ContentOrigin = .feed
    /// What the feed last said about the item; nil for items archived before Newsmill kept it.
    public var feedSnapshot: FeedSnapshot?
    /// The page's og:image when known.
    public var ogImage: String?
    /// A hash of title and HTML, to notice updates.
    public var contentHash: String
    /// The normalised link, for de-duplication across sources (see ``LinkNormalizer``).
    public var linkKey: String?
    /// MinHash sketch of the item's text (see ``TextFingerprint``), to find near-duplicates quickly.
    public var sketch: [UInt64] = []
    /// When this item is a copy of another (same link, or nearly the same text): that item's key.
    /// Copies are archived, linked to the first, and never published.
    public var duplicateOf: String?
    /// The feed's own categories for the item (`<category>`, Atom `category`, JSON Feed `tags`).
    public var categories: [String] = []
    /// The topics (named keep rules) the item matches, for outputs to show as tags or categories.
    public var topics: [String] = []
    /// Tags: the feed's categories, the configured keyword lists' tags and the companies recognised
    /// (`上海银行 601229.SH`).
    public var tags: [String] = []
    /// The rule that filtered the item out (archived, never published); nil when it is published.
    public var filteredOutBy: String?
    /// Whether a keep/block rule keeps the item out of every output.
    public var isFilteredOut: Bool { filteredOutBy != nil }
    /// The body the outputs publish, cleaned at import when an output is configured; nil for items
    /// archived without one (they are cleaned when published).
    public var cleanBody: CleanBody?

    public init(
        key: String, sourceKey: String, title: String, link: String?, date: Date, dateOrigin: DateOrigin,
        firstSeen: Date, author: String?, html: String, ogImage: String? = nil
    ) {
        self.init(
            key: key, sourceKey: sourceKey, title: title, link: link, date: date, dateOrigin: dateOrigin, firstSeen: firstSeen,
            author: author, html: html, ogImage: ogImage, contentHash: Self.contentHash(title: title, html: html),
            linkKey: link.flatMap(LinkNormalizer.normalize))
    }

    /// The hash of a title and HTML that tells an item's versions apart (``contentHash``).
    public static func contentHash(title: String, html: String) -> String {
        StableHash.hex(unitSeparated: [title, html])
    }

    /// An item as an archive stored it: its hash and link key as they were computed then.
    public init(
        key: String, sourceKey: String, title: String, link: String?, date: Date, dateOrigin: DateOrigin,
        firstSeen: Date, author: String?, html: String, ogImage: String?, contentHash: String, linkKey: String?
    ) {
        self.key = key
        self.sourceKey = sourceKey
        self.title = title
        self.link = link
        self.date = date
        self.dateOrigin = dateOrigin
        self.firstSeen = firstSeen
        self.author = author
        self.html = html
        self.ogImage = ogImage
        self.contentHash = contentHash
        self.linkKey = linkKey
    }
}
