public import Foundation

/// One item version for an output to publish, with the source that delivered it.
public struct PublishedItem: Sendable {
    public var item: Item
    public var source: Source

    public init(item: Item, source: Source) {
        self.item = item
        self.source = source
    }
}

/// An item whose files an output removes: forgotten, expired, or now a copy of another item.
public struct RemovedItem: Sendable, Hashable {
    public var itemKey: String
    /// What the output named the item's files by (``Item/postKey``).
    public var postKey: String

    public init(itemKey: String, postKey: String) {
        self.itemKey = itemKey
        self.postKey = postKey
    }
}

/// What changed in the archive since an output last published: the versions to publish and the
/// items whose files go.
public struct PublishBatch: Sendable {
    public var items: [PublishedItem]
    public var removals: [RemovedItem]
    /// Items that became copies of another (``Item/duplicateOf``): never published as posts (they are
    /// among ``removals`` too), but an output may show them as the same story from other outlets.
    public var copies: [PublishedItem] = []

    public init(items: [PublishedItem] = [], removals: [RemovedItem] = [], copies: [PublishedItem] = []) {
        self.items = items
        self.removals = removals
        self.copies = copies
    }

    public var isEmpty: Bool { items.isEmpty && removals.isEmpty }
}

/// What publishing did to an output's files.
public struct PublishResult: Sendable, Hashable {
    public var written = 0
    public var removed = 0

    public init(written: Int = 0, removed: Int = 0) {
        self.written = written
        self.removed = removed
    }

    public static func + (left: PublishResult, right: PublishResult) -> PublishResult {
        PublishResult(written: left.written + right.written, removed: left.removed + right.removed)
    }
}

/// An output: a Hexo directory, a Hugo or Jekyll site, Newsmill's own site. It receives what changed
/// in the archive in batches, and makes each batch's files durable before it returns, so that the
/// archive's publish journal can record the batch as published (a run killed before that publishes
/// the batch again: writing a file that is already right changes nothing). `finish` ends a run: a
/// whole-site output rebuilds its index pages and feeds there, once.
public protocol Publisher: Sendable {
    /// Names the output and every option that shapes its files. When it changes (another directory,
    /// another date format, a new rendering), the whole archive is published to it again.
    var identity: String { get }
    /// How the operator sees the output in a run's summary (`hexo → blog/source/_posts`).
    var summary: String { get }
    /// The directories the output writes into: created, checked writable and cleared of what a
    /// killed run left half-written before a run starts.
    var directories: [URL] { get }
    func publish(_ batch: PublishBatch) async throws -> PublishResult
    func finish() async throws -> PublishResult
}

extension Publisher {
    public func finish() async throws -> PublishResult { PublishResult() }
}
