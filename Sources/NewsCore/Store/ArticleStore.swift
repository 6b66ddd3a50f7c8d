public import Foundation

/// What storing an item did.
public enum StoreOutcome: Sendable, Hashable {
    case inserted, updated, unchanged
}

/// Fetch bookkeeping for one source, as `newsmill status` shows it.
public struct SourceStatus: Sendable, Hashable {
    public var sourceKey: String
    public var label: String
    public var lastFetch: Date?
    public var lastSuccess: Date?
    public var lastError: String?
    public var itemCount: Int

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
    /// Inserts the item, or updates it when its content changed. An item already stored keeps its
    /// `firstSeen` (and a first-seen date) from the first time.
    func store(_ item: Item) throws -> StoreOutcome
    func item(key: String) throws -> Item?
    func items(sourceKey: String) throws -> [Item]
    /// Records a fetch: its time, and either its error (kept in the source's error history) or, on
    /// success, the cache validators to send next time. Call it only after the fetch's items are
    /// stored, so that a crash in between never leaves validators that would hide unstored items.
    func recordFetch(sourceKey: String, at date: Date, error: String?, validators: CacheValidators?) throws
    /// The validators of the last successful fetch, for a conditional GET.
    func validators(sourceKey: String) throws -> CacheValidators?
    func statuses() throws -> [SourceStatus]
}
