public import Foundation

/// Where an item's text came from.
public enum ContentOrigin: String, Sendable, Hashable {
    /// The feed's own text for the item.
    case feed
    /// The article extracted from the item's own page.
    case page
}

/// What the feed last said about an item, kept to tell a real change from a repeated teaser.
public struct FeedSnapshot: Sendable, Hashable {
    /// The feed's own title, nil when it gave none (or only a placeholder such as `无标题`).
    public var title: String?
    /// The entry's `updated` date as the feed wrote it.
    public var updated: String?
    /// A hash of the HTML the feed carried.
    public var contentHash: String

    public init(title: String?, updated: String?, contentHash: String) {
        self.title = title
        self.updated = updated
        self.contentHash = contentHash
    }
}

/// One version of an item's title and text, as the archive kept it.
public struct ItemVersion: Sendable, Hashable {
    /// When the archive stored this version.
    public var seenAt: Date
    public var title: String
    public var html: String
    public var contentOrigin: ContentOrigin

    public init(seenAt: Date, title: String, html: String, contentOrigin: ContentOrigin) {
        self.seenAt = seenAt
        self.title = title
        self.html = html
        self.contentOrigin = contentOrigin
    }
}

/// An archived item and every version of it, oldest first.
public struct ItemHistory: Sendable, Hashable {
    public var item: Item
    public var versions: [ItemVersion]

    public init(item: Item, versions: [ItemVersion]) {
        self.item = item
        self.versions = versions
    }
}
