public import Foundation
public import Extraction
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
        /// Copies of items already archived from elsewhere (kept, linked, not published).
        public var duplicates = 0
        /// Items deleted or expired before, not imported again.
        public var tombstoned = 0
        /// Items removed by retention after this run.
        public var expired = 0
        public var filesWritten = 0
        /// The server answered 304: nothing to do.
        public var notModified = false
        /// How long the feed says it stays fresh: the longer of its `ttl` and the server's `max-age`.
        public var freshFor: TimeInterval?
        public var error: SourceError?
        public var warnings: [String] = []
        /// Items whose full text came from their own page.
        public var fullTexts = 0
    }

    public var results: [SourceResult] = []
    public var inserted: Int { results.reduce(0) { $0 + $1.inserted } }
    public var updated: Int { results.reduce(0) { $0 + $1.updated } }
    public var duplicates: Int { results.reduce(0) { $0 + $1.duplicates } }
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
    /// How many sources are worked on at once (the loader applies its own network limits on top).
    public var concurrency: Int
    /// Archive retention, applied to each source after its run.
    public var retention: Retention = Retention()
    /// Extraction rules for full-text pages, chosen by host (the built-in ones by default).
    public var siteRules: [SiteRule] = SiteRule.builtIn

    public struct Retention: Sendable {
        public var maxAge: TimeInterval?
        public var maxItemsPerSource: Int?
        public init(maxAge: TimeInterval? = nil, maxItemsPerSource: Int? = nil) {
            self.maxAge = maxAge
            self.maxItemsPerSource = maxItemsPerSource
        }
    }

    public init(store: any ArticleStore, loader: any DocumentLoader, publishers: [any ItemPublisher], concurrency: Int = 8,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.loader = loader
        self.publishers = publishers
        self.concurrency = max(1, concurrency)
        self.clock = clock
    }

    /// Runs every source, `concurrency` at a time; results come back in the sources' order.
    public func run(_ sources: [Source], progress: (@Sendable (RunReport.SourceResult) -> Void)? = nil) async -> RunReport {
        var results = [RunReport.SourceResult?](repeating: nil, count: sources.count)
        let acceptedPages = AcceptedPages()
        await withTaskGroup(of: (Int, RunReport.SourceResult).self) { group in
            var next = 0
            func startNext() {
                guard next < sources.count else { return }
                let index = next
                next += 1
                group.addTask { (index, await self.run(sources[index], acceptedPages: acceptedPages)) }
            }
            for _ in 0..<min(concurrency, sources.count) { startNext() }
            for await (index, result) in group {
                results[index] = result
                progress?(result)
                startNext()
            }
        }
        return RunReport(results: results.compactMap { $0 })
    }

    public func run(_ source: Source) async -> RunReport.SourceResult {
        await run(source, acceptedPages: AcceptedPages())
    }

    /// One source's run; `acceptedPages` holds the page texts the run's other sources accepted.
    func run(_ source: Source, acceptedPages: AcceptedPages) async -> RunReport.SourceResult {
        var result = RunReport.SourceResult(source: source)
        let startedAt = clock()
        do {
            try store.register(source)
            let request = LoadRequest(url: source.url, kind: .feed, headers: source.headers,
                                      validators: try store.validators(sourceKey: source.key))
            let document: LoadedDocument
            switch try await loader.load(request) {
            case .notModified:
                result.notModified = true
                result.freshFor = nil
                try store.recordFetch(sourceKey: source.key, at: startedAt, error: nil, validators: request.validators)
                return result
            case .loaded(let loaded):
                document = loaded
            }
            let feed: Feed
            do {
                feed = try FeedParser.parse(document.bytes, transportCharset: document.charset, baseURL: document.finalURL)
            } catch {
                throw SourceError(source: source.label, url: source.url, message: "not a feed: \(error)")
            }
            result.warnings = feed.warnings
            let hints = [document.maxAge, feed.ttl].compactMap { $0 }
            result.freshFor = hints.max()
            let normalizer = ItemNormalizer(source: source, fetchedAt: startedAt)
            // One feed's items: read what the archive has, normalise, then store them in one transaction.
            var seen = Set<String>()
            let unique = feed.entries.compactMap { entry -> (key: String, entry: FeedEntry)? in
                let key = ItemIdentity.key(for: entry, sourceKey: source.key)
                return seen.insert(key).inserted ? (key, entry) : nil
            }
            let existing = try store.items(keys: unique.map(\.0))
            var fingerprints: [String: TextFingerprint] = [:]
            var items = await items(for: unique, existing: existing, normalizer: normalizer, source: source,
                                  acceptedPages: acceptedPages, result: &result)
            for index in items.indices {
                let fingerprint = ItemNormalizer.fingerprint(of: items[index])
                items[index].sketch = fingerprint.sketch
                fingerprints[items[index].key] = fingerprint
            }
            var candidateFingerprints: [String: TextFingerprint] = [:]
            let outcomes = try store.store(items) { new, candidate in
                guard let fingerprint = fingerprints[new.key] else { return false }
                if candidateFingerprints[candidate.key] == nil {
                    candidateFingerprints[candidate.key] = ItemNormalizer.fingerprint(of: candidate)
                }
                return fingerprint.isNearDuplicate(of: candidateFingerprints[candidate.key]!)
            }
            for outcome in outcomes {
                switch outcome {
                case .inserted: result.inserted += 1
                case .updated: result.updated += 1
                case .unchanged: result.unchanged += 1
                case .duplicate: result.duplicates += 1
                case .tombstoned: result.tombstoned += 1
                }
            }
            if retention.maxAge != nil || retention.maxItemsPerSource != nil {
                result.expired = try store.applyRetention(
                    sourceKey: source.key, maxAge: retention.maxAge, maxItems: retention.maxItemsPerSource, now: startedAt)
            }
            // Publish from the archive, so a run that was killed after storing still writes its posts.
            // Copies of items from other sources are archived but never published twice.
            for item in try publishers.isEmpty ? [] : store.items(sourceKey: source.key) where item.duplicateOf == nil {
                for publisher in publishers where try publisher.publish(item, source: source) {
                    result.filesWritten += 1
                }
            }
            try store.recordFetch(sourceKey: source.key, at: startedAt, error: nil, validators: document.validators)
        } catch {
            // Loaders name the URL only; the report names the configured source too.
            let message = (error as? SourceError)?.message ?? String(describing: error)
            result.error = SourceError(source: source.label, url: source.url, message: message)
            try? store.recordFetch(sourceKey: source.key, at: startedAt, error: message, validators: nil)
        }
        return result
    }
}
