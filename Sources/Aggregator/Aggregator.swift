public import Foundation
public import Extraction
import FeedParsing
import HTML5Parser
public import NewsCore
public import Topics

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
        /// The server answered 304: nothing to do.
        public var notModified = false
        /// How long the feed says it stays fresh: the longer of its `ttl` and the server's `max-age`.
        public var freshFor: TimeInterval?
        public var error: SourceError?
        public var warnings: [String] = []
        /// Items whose full text came from their own page.
        public var fullTexts = 0
        /// The error that stopped the whole run (see ``Aggregator/isFatal``), as thrown.
        public var fatalError: (any Error)?
    }

    public var results: [SourceResult] = []
    /// What publishing changed in the outputs' files.
    public var published = PublishResult()
    /// Why an output could not publish (a full disk, a directory that went away); what it did not
    /// publish stays in the journal for the next run.
    public var publishError: String?
    /// Items decided again because the rules changed (published or unpublished accordingly).
    public var redecided = 0
    /// Why deciding the archive again for changed rules failed; the run's new items are still decided.
    public var rulesError: String?
    public var inserted: Int { results.reduce(0) { $0 + $1.inserted } }
    public var updated: Int { results.reduce(0) { $0 + $1.updated } }
    public var duplicates: Int { results.reduce(0) { $0 + $1.duplicates } }
    public var filesWritten: Int { published.written + published.removed }
    public var failures: [SourceError] { results.compactMap(\.error) }
    /// The error after which the run started no further source (a damaged archive), if any.
    public var fatalError: (any Error)? { results.lazy.compactMap(\.fatalError).first }
}

/// The pipeline for one run: load → parse → normalise → store, source by source, while the outputs
/// publish what the archive's journal says changed. A failing source is reported and the run goes on.
public struct Aggregator: Sendable {
    public var store: any ArticleStore
    public var loader: any DocumentLoader
    public var publishers: [any Publisher]
    /// Every configured source, for publishing items of sources this run does not fetch (the daemon
    /// runs only the sources that are due); the run's own sources when empty.
    public var knownSources: [Source] = []
    public var clock: @Sendable () -> Date
    /// How many sources are worked on at once (the loader applies its own network limits on top).
    public var concurrency: Int
    /// Archive retention, applied to each source after its run.
    public var retention: Retention = Retention()
    /// Extraction rules for full-text pages, chosen by host (the built-in ones by default).
    public var siteRules: [SiteRule] = SiteRule.builtIn
    /// Keep/block rules, topics and tags, decided for each item after it is normalised (see Aggregator+Decisions).
    public var topicRules: RuleSet = .empty
    /// Whether the entries of a changed feed that repeat byte for byte what its last stored fetch held
    /// are left unread (see ``EntryMemory``). Off, every entry is read on every run: the same archive,
    /// at the cost of reading it all.
    public var skipsRepeatedEntries = true
    /// Whether an error means no source can succeed (the archive itself is damaged): after one,
    /// the run starts no further source, and the report's `fatalError` carries it.
    public var isFatal: @Sendable (any Error) -> Bool = { _ in false }

    public struct Retention: Sendable {
        public var maxAge: TimeInterval?
        public var maxItemsPerSource: Int?
        public init(maxAge: TimeInterval? = nil, maxItemsPerSource: Int? = nil) {
            self.maxAge = maxAge
            self.maxItemsPerSource = maxItemsPerSource
        }
    }

    public init(store: any ArticleStore, loader: any DocumentLoader, publishers: [any Publisher], concurrency: Int = 8,
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
        // Every source registered in one write (each source's own registration then finds it done); a
        // failure here is reported by each source's own registration.
        try? await store.register(sources)
        let redecision = await redecideIfRulesChanged()
        // Outputs publish while sources are fetched: each stored feed tells the queue how many items
        // it changed, and the queue drains a batch whenever a batch's worth has gathered.
        let queue = PublicationQueue(store: store, publishers: publishers, sources: knownSources.isEmpty ? sources : knownSources)
        // What the run inserts may then be published from memory, not read back.
        await store.willPublish(to: publishers.map(\.identity))
        let (stored, storedSignal) = AsyncStream.makeStream(of: Int.self)
        async let publishing = Self.publish(queue, whenSignalled: stored)
        let context = RunContext()
        await withTaskGroup(of: (Int, RunReport.SourceResult).self) { group in
            var next = 0
            var stopped = false
            func startNext() {
                guard !stopped, next < sources.count else { return }
                let index = next
                next += 1
                group.addTask { (index, await self.run(sources[index], in: context)) }
            }
            for _ in 0..<min(concurrency, sources.count) { startNext() }
            for await (index, result) in group {
                results[index] = result
                if result.fatalError != nil { stopped = true }
                progress?(result)
                storedSignal.yield(result.inserted + result.updated + result.duplicates + result.expired)
                startNext()
            }
        }
        storedSignal.finish()
        var report = RunReport(results: results.compactMap { $0 })
        (report.redecided, report.rulesError) = redecision
        (report.published, report.publishError) = await publishing
        return report
    }

    /// Publishes a batch whenever a batch's worth of changes has gathered, then finishes the outputs
    /// (publishing what is left) when the signals end. Fewer, fuller batches mean fewer file-system syncs. The first failure
    /// stops publishing for this run (the journal keeps the rest).
    static func publish(_ queue: PublicationQueue, whenSignalled signals: AsyncStream<Int>) async -> (PublishResult, String?) {
        var total = PublishResult()
        var gathered = 0
        do {
            for await changed in signals {
                gathered += changed
                // One batch per batch's worth: the changes stored meanwhile gather for the next one.
                while gathered >= PublicationQueue.batchSize {
                    let (result, taken) = try await queue.publishBatch()
                    total = total + result
                    gathered = taken == 0 ? 0 : gathered - taken
                }
            }
            total = total + (try await queue.finish())
            return (total, nil)
        } catch {
            for await _ in signals {}
            return (total, "\(error)")
        }
    }

    public func run(_ source: Source) async -> RunReport.SourceResult {
        await run(source, in: RunContext())
    }

    /// One source's run, step by step (see Aggregator+Steps): fetch → parse → identify → normalise
    /// and full text → fingerprint → clean the bodies the outputs will publish → store, recording the
    /// fetch in the same write (with the copies decided outside it) → retention. The outputs publish what was stored through the journal, apart from this.
    func run(_ source: Source, in context: RunContext) async -> RunReport.SourceResult {
        var result = RunReport.SourceResult(source: source)
        let startedAt = clock()
        do {
            try await store.register(source)
            guard let document = try await fetchFeed(source, result: &result, at: startedAt) else {
                // An unchanged feed still ages: retention applies as after any run.
                result.expired = try await applyRetention(source, now: startedAt)
                return result
            }
            let memory = source.listing == nil && skipsRepeatedEntries ? try await store.entryMemory(sourceKey: source.key) : nil
            let feed = try await sourceFeed(document, source: source, memory: memory, result: &result)
            let normalizer = ItemNormalizer(source: source, fetchedAt: startedAt)
            let (entries, existing, unchanged, remembered) = try await identify(feed, source: source, normalizer: normalizer, memory: memory)
            result.unchanged += unchanged
            var (items, bodies) = await items(for: entries, existing: existing, normalizer: normalizer,
                                              source: source, acceptedPages: context.acceptedPages, result: &result)
            decide(&items, source: source)
            let fingerprints = Self.fingerprint(&items, existing: existing, bodies: bodies)
            if !publishers.isEmpty { Self.cleanBodies(&items, existing: existing, bodies: bodies) }
            // The items and the fetch's success in one write; retention after it (a run killed in between
            // applies it next time, as after a feed that did not change).
            let fetched = FetchRecord(sourceKey: source.key, at: startedAt, validators: document.validators, entryMemory: remembered)
            let outcomes = try await context.archiveWrites.serialized {
                try await storeDecidingCopies(items, fingerprints: fingerprints, existing: existing, recording: fetched)
            }
            result.count(outcomes)
            result.expired = try await applyRetention(source, now: startedAt)
        } catch {
            // Loaders name the URL only; the report names the configured source too.
            let message = (error as? SourceError)?.message ?? String(describing: error)
            result.error = SourceError(source: source.label, url: source.url, message: message)
            if isFatal(error) { result.fatalError = error }
            try? await store.recordFetch(sourceKey: source.key, at: startedAt, error: message, validators: nil)
        }
        return result
    }

    /// The items retention removes from `source` after a run (0 when no retention is configured).
    func applyRetention(_ source: Source, now: Date) async throws -> Int {
        guard retention.maxAge != nil || retention.maxItemsPerSource != nil else { return 0 }
        return try await store.applyRetention(
            sourceKey: source.key, maxAge: retention.maxAge, maxItems: retention.maxItemsPerSource, now: now)
    }
}
