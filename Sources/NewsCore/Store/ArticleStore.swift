public import Foundation

/// What storing an item did.
public enum StoreOutcome: Sendable, Hashable {
    case inserted, updated, unchanged
    /// Archived as a copy of the item with this key (same link, or nearly the same text).
    case duplicate(of: String)
    /// Deleted or expired before: never imported again.
    case tombstoned
}

/// Fetch bookkeeping for one source, as `newsmill status` shows it.
public struct SourceStatus: Sendable, Hashable {
    public var sourceKey: String
    public var label: String
    public var lastFetch: Date?
    public var lastSuccess: Date?
    public var lastError: String?
    public var itemCount: Int
    /// Of those, copies of items from elsewhere (not published).
    public var duplicateCount: Int = 0
    /// Fetch failures on record.
    public var errorCount: Int = 0

    public init(sourceKey: String, label: String, lastFetch: Date?, lastSuccess: Date?, lastError: String?, itemCount: Int) {
        self.sourceKey = sourceKey
        self.label = label
        self.lastFetch = lastFetch
        self.lastSuccess = lastSuccess
        self.lastError = lastError
        self.itemCount = itemCount
    }
}

/// The archive: sources with their fetch state, and every item seen.
///
/// Implementations make each call atomic, so a run killed at any point leaves a consistent archive.
/// Every call is async: a store may live in another process (PostgreSQL) and never blocks a task
/// thread while it waits. `ArticleStoreConformance` (in the tests) holds what every store must do.
public protocol ArticleStore: Sendable {
    func register(_ source: Source) async throws
    /// Registers every source of a run at once (a run's start: one write instead of one per source).
    func register(_ sources: [Source]) async throws
    /// For each of `items` (by key), the recent originals whose text may be the same story: those
    /// first seen within the near-duplicate window that share enough MinHash sketch slots with it,
    /// most shared first. A read: the caller confirms a candidate (reading its text, outside any
    /// write) and proposes it as the new item's `duplicateOf` to ``store(_:)``.
    func nearDuplicateCandidates(for items: [Item]) async throws -> [String: [Item]]
    /// Stores a batch of items (one feed's worth) in one transaction. Each is inserted, or updated
    /// when its title or text changed (the new version joins the item's history; a changed feed
    /// snapshot alone is recorded without an update); an item already stored keeps its `firstSeen`
    /// (and a first-seen date) from the first time. A new item whose link another item already has
    /// is archived as that item's copy, and so is one whose `duplicateOf` names an item still
    /// archived (as a copy of that item's original). An item with a tombstone is not stored, and no
    /// item of one source ever rewrites another source's item.
    func store(_ items: [Item]) async throws -> [StoreOutcome]
    /// The stored items among `keys`.
    func items(keys: [String]) async throws -> [String: Item]
    /// What the archive remembers of the stored items among `keys` without their text: enough to
    /// tell that a feed repeats what it said (and whose item a key is) before reading any item whole.
    func summaries(keys: [String]) async throws -> [String: ItemSummary]
    /// Deletes items (by key or by link) with their copies, and leaves tombstones so that they are
    /// never imported again. Returns the deleted items.
    func forget(_ keyOrLink: String, reason: String, at date: Date) async throws -> [Item]
    /// Applies retention to one source: items older than `maxAge` (by date), then the oldest beyond
    /// `maxItems`, are deleted and tombstoned. Returns how many went.
    func applyRetention(sourceKey: String, maxAge: TimeInterval?, maxItems: Int?, now: Date) async throws -> Int
    func item(key: String) async throws -> Item?
    /// The items with this key or (normalised) link, each with every version of its title and text
    /// the archive stored, oldest first.
    func history(_ keyOrLink: String) async throws -> [ItemHistory]
    func items(sourceKey: String) async throws -> [Item]
    /// Records a fetch: its time, and either its error (kept in the source's error history) or, on
    /// success, the cache validators to send next time. Call it only after the fetch's items are
    /// stored, so that a crash in between never leaves validators that would hide unstored items.
    func recordFetch(sourceKey: String, at date: Date, error: String?, validators: CacheValidators?) async throws
    /// Stores a fetched feed's items (as ``store(_:)``) and records the fetch's success (as
    /// ``recordFetch(sourceKey:at:error:validators:)``) together: never the validators without the items.
    /// `entryMemory`, when given, replaces the source's ``EntryMemory`` in the same write.
    func store(_ items: [Item], recordingFetchOf sourceKey: String, at date: Date, validators: CacheValidators?,
               entryMemory: EntryMemory?) async throws -> [StoreOutcome]
    /// The validators of the last successful fetch, for a conditional GET.
    func validators(sourceKey: String) async throws -> CacheValidators?
    /// The entries of the source's last stored feed (see ``EntryMemory``); empty when none is
    /// remembered, and after `forget` deleted any of the source's items.
    func entryMemory(sourceKey: String) async throws -> EntryMemory
    func statuses() async throws -> [SourceStatus]

    // The publish journal: every insert, update, removal and change of duplicate status gives the
    // items it touches a new revision, and each output keeps the revision it has published through.

    /// What `output` has not published yet, oldest change first: about `limit` items (one change is
    /// never split between two answers) and the removals of the same span. An output never seen
    /// before gets the whole archive.
    func unpublished(output: String, limit: Int) async throws -> UnpublishedChanges
    /// Records that `output` has published every change up to `revision`.
    func markPublished(output: String, through revision: Int64) async throws
    /// Drops the cursors of outputs not in `outputs`, and the removals every remaining output has applied.
    func pruneJournal(keeping outputs: [String]) async throws
    /// Gives back the memory that reading the journal filled (caches), before the outputs finish.
    func releaseMemory() async
    /// Says which outputs will read the journal while this run stores items: a store may keep what it
    /// writes from then on until each of them has published it, instead of reading it back. An
    /// empty list: none will.
    func willPublish(to outputs: [String]) async

    /// When the archive's items were decided by rules other than `rulesHash` (keep/block rules,
    /// topics, tags): decides every item again with `decide`, gives those whose topics, tags or
    /// decision changed a new revision, and records the hash. Returns how many changed.
    func redecide(rulesHash: String, _ decide: @escaping @Sendable (inout Item) -> Void) async throws -> Int
}

/// An archived item without its text: whose it is, its link, and what the feed last said about it.
public struct ItemSummary: Sendable, Hashable {
    public var sourceKey: String
    public var link: String?
    public var feedSnapshot: FeedSnapshot?

    public init(sourceKey: String, link: String?, feedSnapshot: FeedSnapshot?) {
        self.sourceKey = sourceKey
        self.link = link
        self.feedSnapshot = feedSnapshot
    }
}

/// A span of the publish journal that an output has not published yet.
public struct UnpublishedChanges: Sendable {
    /// Current versions of items changed in the span (copies included: their files go).
    public var items: [Item]
    /// Items deleted in the span.
    public var removals: [RemovedItem]
    /// The span's last revision; nil when there is nothing to publish.
    public var through: Int64?

    public init(items: [Item], removals: [RemovedItem], through: Int64?) {
        self.items = items
        self.removals = removals
        self.through = through
    }
}

extension ArticleStore {
    /// Nothing to give back, for stores that keep no cache of their own.
    public func releaseMemory() async {}

    /// Nothing kept, for stores that read every change back.
    public func willPublish(to outputs: [String]) async {}

    /// One registration after the other, for stores without a batch of their own.
    public func register(_ sources: [Source]) async throws {
        for source in sources { try await register(source) }
    }

    /// Stores one item (see ``store(_:)-([Item])``).
    public func store(_ item: Item) async throws -> StoreOutcome {
        try await store([item])[0]
    }

    /// The items stored, then the fetch recorded, for stores without one write for both (and without
    /// an entry memory: every run then reads every entry).
    public func store(_ items: [Item], recordingFetchOf sourceKey: String, at date: Date, validators: CacheValidators?,
                      entryMemory: EntryMemory?) async throws -> [StoreOutcome]
    {
        let outcomes = try await store(items)
        try await recordFetch(sourceKey: sourceKey, at: date, error: nil, validators: validators)
        return outcomes
    }

    /// Items stored with their fetch recorded, the entry memory left as it is.
    public func store(_ items: [Item], recordingFetchOf sourceKey: String, at date: Date, validators: CacheValidators?) async throws
        -> [StoreOutcome]
    {
        try await store(items, recordingFetchOf: sourceKey, at: date, validators: validators, entryMemory: nil)
    }

    /// No memory, for stores that keep none.
    public func entryMemory(sourceKey: String) async throws -> EntryMemory { EntryMemory() }
}
