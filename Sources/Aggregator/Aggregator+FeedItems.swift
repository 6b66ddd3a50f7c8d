import Extraction
import Foundation
import NewsCore

extension Aggregator {
    /// What to do with one entry of the feed.
    private struct Plan {
        /// The item as the feed gives it.
        var feed: Item
        var feedText: String
        var stored: Item?
        /// Set when the feed repeats what it said: the stored item, as it is.
        var kept: Item?
        var fetchesPage = false
    }

    /// The items to store for one feed's entries. A new item gets its page's text when the source's
    /// policy asks for it and the page is the item's own story; an archived one stays as it is unless
    /// the feed really changed it, and is then decided again, keeping the best text. A refused page
    /// is a warning naming its URL and the reason, and the item keeps its feed's text.
    func items(for entries: [(key: String, entry: FeedEntry)], existing: [String: Item], normalizer: ItemNormalizer,
               source: Source, result: inout RunReport.SourceResult) async -> [Item] {
        let dates = NewsDateParser(timeZone: source.timeZone, now: normalizer.fetchedAt)
        let plans = entries.map { key, entry -> Plan in
            let feed = normalizer.item(from: entry, existing: existing[key])
            let feedText = ItemNormalizer.text(of: feed.html)
            var plan = Plan(feed: feed, feedText: feedText, stored: existing[key])
            if let stored = plan.stored, !FeedChange(stored: stored, feed: feed, feedText: feedText, dates: dates).isReal {
                plan.kept = stored.keeping(snapshot: feed)
            } else {
                plan.fetchesPage = FulltextDecision.wantsPage(feed, feedText: feedText, policy: source.fulltext)
            }
            return plan
        }
        var pages: [Int: FetchedPage] = [:]
        for (index, plan) in plans.enumerated() where plan.fetchesPage {
            guard let link = plan.feed.link else { continue }
            pages[index] = await fetchPage(link, source: source, result: &result)
        }
        // One text behind several links is a page standing in for their stories (a check, a front page).
        var linksByText: [String: Set<String>] = [:]
        for page in pages.values { linksByText[page.textHash, default: []].insert(LinkNormalizer.normalize(page.link) ?? page.link) }

        var items: [Item] = []
        for (index, plan) in plans.enumerated() {
            if let kept = plan.kept {
                items.append(kept)
                continue
            }
            var withPage: Item?
            if let page = pages[index] {
                switch verdict(on: page, for: plan, linksByText: linksByText) {
                case .accepted:
                    // A page that gives no more than the feed did changes nothing.
                    if page.article.text.count > plan.feedText.count {
                        withPage = plan.feed.withPage(page.article, feedHadTitle: plan.feed.feedSnapshot?.title != nil)
                        result.fullTexts += 1
                    }
                case .refused(let reason):
                    result.warnings.append("full text of \(page.link) refused: \(reason)")
                }
            }
            if let stored = plan.stored {
                items.append(plan.feed.revised(stored: stored, page: withPage, feedText: plan.feedText))
            } else {
                items.append(withPage ?? plan.feed)
            }
        }
        return items
    }

    private func verdict(on page: FetchedPage, for plan: Plan, linksByText: [String: Set<String>]) -> PageAcceptance.Verdict {
        let ownLink = LinkNormalizer.normalize(page.link) ?? page.link
        if let other = linksByText[page.textHash]?.sorted().first(where: { $0 != ownLink }) {
            return .refused(.samePageAsAnotherItem(other))
        }
        return PageAcceptance(itemTitle: plan.feed.feedSnapshot?.title, feedText: plan.feedText, link: page.link)
            .judge(page.article, finalURL: page.finalURL)
    }
}
