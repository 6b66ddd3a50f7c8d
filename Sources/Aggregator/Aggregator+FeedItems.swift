import Extraction
import Foundation
import NewsCore

extension Aggregator {
    /// What to do with one entry of the feed.
    private struct Plan {
        /// The item as the feed gives it.
        var feed: Item
        /// The feed's HTML, parsed once for everything asked of it.
        var feedBody: HTMLText
        var feedText: String
        var stored: Item?
        /// The stored item's text, once read.
        var storedText: HTMLText?
        /// Set when the feed repeats what it said: the stored item, as it is.
        var kept: Item?
        var fetchesPage = false
    }

    /// The items to store for one feed's entries. A new item gets its page's text when the source's
    /// policy asks for it and the page is the item's own story; an archived one stays as it is unless
    /// the feed really changed it, and is then decided again, keeping the best text. A refused page
    /// is a warning naming its URL and the reason, and the item keeps its feed's text.
    /// - Returns: the items, and by key the parsed HTML of each item whose HTML was parsed on the way
    ///   (the feed's or the stored one it keeps), for the fingerprint and the clean body to read.
    func items(for entries: [(key: String, entry: FeedEntry)], existing: [String: Item], normalizer: ItemNormalizer,
               source: Source, acceptedPages: AcceptedPages, result: inout RunReport.SourceResult) async
        -> (items: [Item], bodies: [String: HTMLText])
    {
        let dates = NewsDateParser(timeZone: source.timeZone, now: normalizer.fetchedAt)
        let plans = entries.map { key, entry -> Plan in
            // (Entries the feed repeats as the archive remembers them never come here: see `identify`.)
            // Texts cost a parse each: only items that are new, or whose feed HTML changed, need them.
            let feedText = HTMLText(entry.bestHTML)
            let feed = normalizer.item(from: entry, key: key, existing: existing[key], body: feedText)
            let storedText = existing[key].map { HTMLText($0.html) }
            if let stored = existing[key], let storedText,
               !FeedChange(stored: stored, feed: feed, feedText: feedText, storedText: storedText, dates: dates).isReal {
                return Plan(feed: feed, feedBody: feedText, feedText: "", stored: stored, storedText: storedText,
                            kept: stored.keeping(snapshot: feed))
            }
            var plan = Plan(feed: feed, feedBody: feedText, feedText: feedText.text, stored: existing[key], storedText: storedText)
            plan.fetchesPage = FulltextDecision.wantsPage(feed, feedText: plan.feedText, policy: source.fulltext)
            return plan
        }
        var pages: [Int: FetchedPage] = [:]
        for (index, plan) in plans.enumerated() where plan.fetchesPage {
            guard let link = plan.feed.link else { continue }
            pages[index] = await fetchPage(link, title: plan.feed.title, source: source, result: &result)
        }
        // Each page judged on its own, then one text behind several links is a page standing in for
        // their stories (a check, a front page): none of them gets it.
        var verdicts: [Int: PageAcceptance.Verdict] = [:]
        var linksByText: [String: Set<String>] = [:]
        for (index, page) in pages {
            let plan = plans[index]
            let verdict = PageAcceptance(itemTitle: plan.feed.feedSnapshot?.title, feedText: plan.feedText, link: page.link)
                .judge(page.article, finalURL: page.finalURL, pageHTML: page.html)
            verdicts[index] = verdict
            if case .accepted = verdict { linksByText[page.textHash, default: []].insert(Self.linkKey(page.link)) }
        }
        for (index, page) in pages {
            guard case .accepted = verdicts[index],
                  let other = linksByText[page.textHash]?.sorted().first(where: { $0 != Self.linkKey(page.link) }) else { continue }
            verdicts[index] = .refused(.samePageAsAnotherItem(other))
        }
        // …nor another source's item in the same run.
        for (index, page) in pages.sorted(by: { $0.key < $1.key }) {
            guard case .accepted = verdicts[index], let other = acceptedPages.claim(page.textHash, for: Self.linkKey(page.link)) else { continue }
            verdicts[index] = .refused(.samePageAsAnotherItem(other))
        }

        var items: [Item] = []
        var bodies: [String: HTMLText] = [:]
        for (index, plan) in plans.enumerated() {
            if let kept = plan.kept {
                // The feed said the same as last time: nothing to store at all.
                if kept.feedSnapshot == plan.stored?.feedSnapshot {
                    result.unchanged += 1
                } else {
                    items.append(kept)
                }
                continue
            }
            var withPage: Item?
            if let page = pages[index], let verdict = verdicts[index] {
                switch verdict {
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
            let item = if let stored = plan.stored, let storedText = plan.storedText {
                plan.feed.revised(stored: stored, page: withPage, feedText: plan.feedText, storedText: storedText)
            } else {
                withPage ?? plan.feed
            }
            bodies[item.key] = [plan.feedBody, plan.storedText].lazy.compactMap { $0 }.first { $0.html == item.html }
            items.append(item)
        }
        return (items, bodies)
    }

    private static func linkKey(_ link: String) -> String { LinkNormalizer.normalize(link) ?? link }
}

/// The page texts accepted in one run, each with the link it was accepted for: one text never
/// serves two links, whichever sources they come from.
final class AcceptedPages: @unchecked Sendable {
    private let lock = NSLock()
    private var links: [String: String] = [:]

    /// Records `textHash` as `link`'s page; returns the other link it already serves, if any.
    func claim(_ textHash: String, for link: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        if let other = links[textHash], other != link { return other }
        links[textHash] = link
        return nil
    }
}
