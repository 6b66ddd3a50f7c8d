public import Foundation
import FeedParsing
import HTML5Parser
public import NewsCore

/// What one run did, per source and in total.
public struct RunReport: Sendable {
    public struct SourceResult: Sendable {
        public var source: Source
        public var inserted = 0
        public var updated = 0
        public var unchanged = 0
        public var filesWritten = 0
        public var error: SourceError?
        public var warnings: [String] = []
    }

    public var results: [SourceResult] = []
    public var inserted: Int { results.reduce(0) { $0 + $1.inserted } }
    public var updated: Int { results.reduce(0) { $0 + $1.updated } }
    public var filesWritten: Int { results.reduce(0) { $0 + $1.filesWritten } }
    public var failures: [SourceError] { results.compactMap(\.error) }
}

/// The pipeline for one run: load → parse → normalise → store → publish, source by source. A
/// failing source is reported and the run goes on.
public struct Aggregator: Sendable {
    public var store: any ArticleStore
    public var loader: any DocumentLoader
    public var publishers: [any ItemPublisher]
    public var clock: @Sendable () -> Date

    public init(store: any ArticleStore, loader: any DocumentLoader, publishers: [any ItemPublisher],
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.loader = loader
        self.publishers = publishers
        self.clock = clock
    }

    public func run(_ sources: [Source]) async -> RunReport {
        var report = RunReport()
        for source in sources {
            report.results.append(await run(source))
        }
        return report
    }

    public func run(_ source: Source) async -> RunReport.SourceResult {
        var result = RunReport.SourceResult(source: source)
        let startedAt = clock()
        do {
            try store.register(source)
            let document = try await loader.load(source.url)
            let feed: Feed
            do {
                feed = try FeedParser.parse(document.bytes, transportCharset: document.charset, baseURL: document.finalURL)
            } catch {
                throw SourceError(source: source.label, url: source.url, message: "not a feed: \(error)")
            }
            result.warnings = feed.warnings
            let normalizer = ItemNormalizer(source: source, fetchedAt: startedAt)
            var seen = Set<String>()
            for entry in feed.entries {
                let key = ItemIdentity.key(for: entry, sourceKey: source.key)
                guard seen.insert(key).inserted else { continue }
                let existing = try store.item(key: key)
                let item = normalizer.item(from: entry, existing: existing)
                switch try store.store(item) {
                case .inserted: result.inserted += 1
                case .updated: result.updated += 1
                case .unchanged: result.unchanged += 1
                }
            }
            // Publish from the archive, so a run that was killed after storing still writes its posts.
            for item in try store.items(sourceKey: source.key) {
                for publisher in publishers where try publisher.publish(item, source: source) {
                    result.filesWritten += 1
                }
            }
            try store.recordFetch(sourceKey: source.key, at: startedAt, error: nil)
        } catch let error as SourceError {
            // Loaders name the URL only; the report names the configured source too.
            result.error = SourceError(source: source.label, url: source.url, message: error.message)
            try? store.recordFetch(sourceKey: source.key, at: startedAt, error: error.message)
        } catch {
            let failure = SourceError(source: source.label, url: source.url, message: String(describing: error))
            result.error = failure
            try? store.recordFetch(sourceKey: source.key, at: startedAt, error: failure.message)
        }
        return result
    }
}
