public import NewsCore

/// Publishes what the archive's journal says each output has not published yet, batch by batch: the
/// output writes a batch's files and makes them durable, then the journal records the batch as
/// published. A run killed in between publishes the batch again; a run with nothing new publishes
/// nothing. One drain runs at a time.
public actor PublicationQueue {
    let store: any ArticleStore
    let publishers: [any Publisher]
    /// The configured sources by key, for the categories and names a post shows.
    let sources: [String: Source]
    /// Items per batch: a batch's files are synced together.
    public static let batchSize = 500

    public init(store: any ArticleStore, publishers: [any Publisher], sources: [Source]) {
        self.store = store
        self.publishers = publishers
        self.sources = Dictionary(sources.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Publishes everything pending, to every output.
    public func drain() async throws -> PublishResult {
        var total = PublishResult()
        for publisher in publishers {
            total = total + (try await drain(publisher))
        }
        return total
    }

    /// Ends a run: publishes what is left, lets each output finish (index pages, feeds), and forgets
    /// journal entries that every configured output has applied.
    public func finish() async throws -> PublishResult {
        var total = try await drain()
        await store.releaseMemory()
        for publisher in publishers {
            total = total + (try await publisher.finish())
        }
        try await store.pruneJournal(keeping: publishers.map(\.identity))
        return total
    }

    /// Publishes one batch to every output: what a run does whenever a batch's worth of changes has
    /// gathered. Draining instead published, after each full batch, the few feeds stored while that
    /// batch was written, each remainder a batch (and a file-system sync) of its own: a cold import
    /// of 6,000 posts synced 61 times, mostly for 20 to 100 posts.
    /// - Returns: also how many changes the first output took (0: none was waiting).
    public func publishBatch() async throws -> (result: PublishResult, taken: Int) {
        var total = PublishResult()
        var taken: Int?
        for publisher in publishers {
            let (result, count) = try await publishBatch(publisher)
            total = total + result
            taken = taken ?? count
        }
        return (total, taken ?? 0)
    }

    func drain(_ publisher: any Publisher) async throws -> PublishResult {
        var total = PublishResult()
        while true {
            let (result, taken) = try await publishBatch(publisher)
            guard taken > 0 else { return total }
            total = total + result
        }
    }

    /// One batch of what `publisher` has not published (about ``batchSize`` changes), published and
    /// recorded as published; returns how many changes it held (0: nothing was waiting).
    func publishBatch(_ publisher: any Publisher) async throws -> (PublishResult, Int) {
        let changes = try await store.unpublished(output: publisher.identity, limit: Self.batchSize)
        guard let through = changes.through else { return (PublishResult(), 0) }
        let batch = self.batch(changes)
        let result = batch.isEmpty ? PublishResult() : try await publisher.publish(batch)
        try await store.markPublished(output: publisher.identity, through: through)
        // A span with neither items nor removals (revisions that touched nothing published) still counts.
        return (result, max(1, changes.items.count + changes.removals.count))
    }

    /// Originals are published; copies, items the rules filter out and deleted items lose their files. Items of sources no longer
    /// configured are left as they are.
    func batch(_ changes: UnpublishedChanges) -> PublishBatch {
        var batch = PublishBatch(removals: changes.removals)
        for item in changes.items {
            if item.duplicateOf != nil || item.isFilteredOut {
                batch.removals.append(RemovedItem(itemKey: item.key, postKey: item.postKey))
                if let source = sources[item.sourceKey] { batch.copies.append(PublishedItem(item: item, source: source)) }
            } else if let source = sources[item.sourceKey] {
                batch.items.append(PublishedItem(item: item, source: source))
            }
        }
        return batch
    }
}
