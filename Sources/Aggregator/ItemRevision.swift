import Foundation
import NewsCore

/// What changed in the feed about an item already archived. A feed that repeats its teaser changes
/// nothing; a new title, a new link, an `updated` date that moves, or feed text that changed (for
/// an item that shows the feed's text) or grew beyond the stored text (for one that shows its page)
/// is a real change, decided again under the source's policy.
struct FeedChange: Equatable {
    var title = false
    var link = false
    var updated = false
    var text = false

    var isReal: Bool { title || link || updated || text }

    /// - Parameters:
    ///   - stored: the archived item, with what the feed said last time (none for items archived before that was kept).
    ///   - feed: the item as the feed gives it now.
    ///   - feedText, storedText: the texts of the feed's and the stored HTML, read only when the feed's HTML changed.
    init(stored: Item, feed: Item, feedText: HTMLText, storedText: HTMLText, dates: NewsDateParser) {
        let now = feed.feedSnapshot
        link = stored.link != feed.link
        guard let before = stored.feedSnapshot else {
            // Archived before the feed's word was kept: only what plainly differs counts.
            title = now?.title.map { $0 != stored.title } ?? false
            text = feedText.text.count > storedText.text.count
            return
        }
        title = before.title != now?.title
        updated = Self.moved(before.updated, now?.updated, dates: dates)
        if before.contentHash != now?.contentHash {
            text = stored.contentOrigin == .feed || feedText.text.count > storedText.text.count
        }
    }

    /// Whether two `updated` strings name different moments (a reformatted same moment does not count).
    static func moved(_ before: String?, _ now: String?, dates: NewsDateParser) -> Bool {
        guard before != now else { return false }
        guard let before, let now, let old = dates.parse(before), let new = dates.parse(now) else { return true }
        return old != new
    }
}

extension Item {
    /// The stored item kept as it is, with the feed's latest word about it.
    func keeping(snapshot feed: Item) -> Item {
        var kept = self
        kept.feedSnapshot = feed.feedSnapshot
        return kept
    }

    /// After a real change: the feed's new version of the item, with the best text of three — the
    /// page's (when it was fetched and accepted), the stored page text (when the feed's is not
    /// longer), or the feed's.
    func revised(stored: Item, page: Item?, feedText: String, storedText: HTMLText) -> Item {
        if let page { return page }
        let storedIsPage = stored.contentOrigin == .page || stored.feedSnapshot == nil
        guard storedIsPage, stored.html != html, storedText.text.count > feedText.count else { return self }
        var revised = self
        revised.html = stored.html
        revised.contentOrigin = stored.contentOrigin
        if feedSnapshot?.title == nil { revised.title = stored.title }
        if revised.ogImage == nil { revised.ogImage = stored.ogImage }
        if revised.author == nil { revised.author = stored.author }
        revised.contentHash = Item.contentHash(title: revised.title, html: revised.html)
        return revised
    }
}
