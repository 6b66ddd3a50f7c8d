import FeedParsing
import Foundation
import NewsCore

extension Aggregator {
    /// The source's items as a feed: a feed is parsed as one; an HTML list page (`type: html`, with
    /// its further pages while `next` finds one, up to `pages`, each once and on the same host) and a
    /// JSON roll list (`type: json`) are read by their listing. Warnings go on the result.
    func sourceFeed(_ document: LoadedDocument, source: Source, memory: EntryMemory?,
                    result: inout RunReport.SourceResult) async throws -> Feed {
        guard let listing = source.listing else { return try parseFeed(document, source: source, memory: memory, result: &result) }
        var feed: Feed
        do {
            switch listing.kind {
            case .json:
                feed = try JSONListReader.read(document.bytes, charset: document.charset, url: document.finalURL, listing: listing)
            case .html:
                feed = try await listPages(from: document, listing: listing, source: source)
            }
        } catch let error as FeedError {
            throw SourceError(source: source.label, url: source.url, message: error.message)
        }
        result.warnings = feed.warnings.map { "\(source.label): \($0)" }
        result.freshFor = document.maxAge
        return feed
    }

    private func listPages(from first: LoadedDocument, listing: SourceListing, source: Source) async throws -> Feed {
        var page = try ListPageReader.read(first.bytes, charset: first.charset, url: first.finalURL, listing: listing)
        var feed = page.feed
        var visited: Set<String> = [first.finalURL, source.url]
        let host = URL(string: first.finalURL)?.host?.lowercased()
        var read = 1
        while read < max(1, listing.pages), let next = page.next {
            guard visited.insert(next).inserted else { break }
            guard URL(string: next)?.host?.lowercased() == host else {
                feed.warnings.append("next page \(next) is on another host: not read")
                break
            }
            let request = LoadRequest(url: next, kind: .feed, headers: source.headers,
                                      trust: .untrusted(privateHostsAllowed: host.map { [$0] } ?? []))
            do {
                guard case .loaded(let document) = try await loader.load(request) else { break }
                page = try ListPageReader.read(document.bytes, charset: document.charset, url: document.finalURL, listing: listing)
            } catch {
                feed.warnings.append("next page \(next): \(error)")
                break
            }
            read += 1
            let known = Set(feed.entries.compactMap(\.link))
            feed.entries += page.feed.entries.filter { !known.contains($0.link ?? "") }
            feed.warnings += page.feed.warnings
        }
        return feed
    }
}
