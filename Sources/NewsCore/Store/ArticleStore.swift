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
public protocol ArticleStore: Sendable {
    func register(_ source: Source) throws
    /// Stores a batch of items (one feed's worth) in one transaction. Each is inserted, or updated
    /// when its title or text changed (the new version joins the item's history; a changed feed
    /// snapshot alone is recorded without an update); an item already stored keeps its `firstSeen`
    /// (and a first-seen date) from the first time. A new item whose link another item already has, or whose text
    /// `isNearDuplicate(new, candidate)` says a recent item already carries, is archived as that
    /// item's copy. An item with a tombstone is not stored. Deciding and writing in one transaction
    /// means two sources delivering the same story at once still give one original.
    func store(_ items: [Item], isNearDuplicate: (Item, Item) -> Bool) throws -> [StoreOutcome]
    /// The stored items among `keys`.
    func items(keys: [String]) throws -> [String: Item]
    /// Deletes items (by key or by link) with their copies, and leaves tombstones so that they are
    /// never imported again. Returns the deleted items.
    func forget(_ keyOrLink: String, reason: String, at date: Date) throws -> [Item]
    /// Applies retention to one source: items older than `maxAge` (by date), then the oldest beyond
    /// `maxItems`, are deleted and tombstoned. Returns how many went.
    func applyRetention(sourceKey: String, maxAge: TimeInterval?, maxItems: Int?, now: Date) throws -> Int
    func item(key: String) throws -> Item?
    /// The items with this key or (normalised) link, each with every version of its title and text
    /// the archive stored, oldest first.
    func history(_ keyOrLink: String) throws -> [ItemHistory]
    func items(sourceKey: String) throws -> [Item]
    /// Records a fetch: its time, and either its error (kept in the source's error history) or, on
    /// success, the cache validators to send next time. Call it only after the fetch's items are
    /// stored, so that a crash in between never leaves validators that would hide unstored items.
    func recordFetch(sourceKey: String, at date: Date, error: String?, validators: CacheValidators?) throws
    /// The validators of the last successful fetch, for a conditional GET.
    func validators(sourceKey: String) throws -> CacheValidators?
    func statuses() throws -> [SourceStatus]

    // The publish journal: every insert, update, removal and change of duplicate status gives the
    // items it touches a new revision, and each output keeps the revision it has published through.

    /// What `output` has not published yet, oldest change first: about `limit` items (one change is
    /// never split between two answers) and the removals of the same span. An output never seen
    /// before gets the whole archive.
    func unpublished(output: String, limit: Int) throws -> UnpublishedChanges
    /// Records that `output` has published every change up to `revision`.
    func markPublished(output: String, through revision: Int64) throws
    /// Drops the cursors of outputs not in `outputs`, and the removals every remaining output has applied.
    func pruneJournal(keeping outputs: [String]) throws
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
    /// Stores one item (see ``store(_:isNearDuplicate:)-([Item],_)``).
    public func store(_ item: Item, isNearDuplicate: (Item, Item) -> Bool = { _, _ in false }) throws -> StoreOutcome {
        try store([item], isNearDuplicate: isNearDuplicate)[0]
    }
}
