public import Foundation
import GRDB
public import NewsCore
import SQLiteSettings

/// The default archive: one SQLite file in WAL mode, through GRDB.
///
/// ```swift
/// let store = try SQLiteArticleStore(path: "newsmill.sqlite")
/// try store.register(source)
/// ```
public final class SQLiteArticleStore: ArticleStore {
    let pool: DatabasePool

    /// Whether this process has pruned sketch rows older than the near-duplicate window yet.
    let pruned = PruneFlag()

    /// The originals' sketches, in memory (see ``SketchIndex``).
    let sketches = SketchIndex()

    /// The writes of concurrent callers, committed together (see ``GroupedWrites``).
    let writes: GroupedWrites

    /// The sources this store registered, or read as registered, in this process.
    let registered = RegisteredSources()

    /// The items this process inserted, until the run's outputs have published them (see ``WrittenItems``).
    let written = WrittenItems()

    /// SQLite's memory statistics off, once, before the process's first connection: they take one
    /// process-wide mutex around each of the library's allocations and frees, on which a cold import's
    /// reader and writer connections waited (a third of the run's lock waits). Nothing here reads them.
    private static let memoryStatisticsOff: Bool = newsmill_sqlite_disable_memory_statistics() == 0

    /// Opens (creating if needed) the archive at `path` and migrates it.
    ///
    /// A missing file becomes a new archive, created under a temporary name and renamed into place
    /// once its tables exist, so a process killed meanwhile never leaves an empty file behind.
    /// - Parameter acceptingEmptyFile: an existing 0-byte file is an archive that lost its content
    ///   (its history and tombstones), so it is refused unless this is true.
    /// - Throws: ``ArchiveError`` when the file is empty, is not an SQLite database or is damaged.
    public init(path: String, acceptingEmptyFile: Bool = false) throws {
        _ = Self.memoryStatisticsOff
        if try !ArchiveFile.check(path, acceptingEmptyFile: acceptingEmptyFile) {
            try ArchiveFile.create(path, migrator: Self.migrator)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // WAL with synchronous=NORMAL: a commit survives the process being killed at any moment
        // (only a power loss can drop the last commits), without an fsync per transaction.
        // A 16 MB page cache per connection keeps the indexes that de-duplication probes in memory
        // (the default 2 MB sends every probe to the kernel); memory stays bounded by it. (A 256 MB
        // memory map took a fifth off a 40,000-item import's CPU, but peak RSS then grew with the
        // archive: 79 → 186 MB from 500 to 2,000 feeds.)
        // The WAL is checkpointed every 10,000 pages (40 MB) instead of 1,000: a page that many
        // transactions touch (the sketch index's) is copied into the file once per checkpoint, and
        // each checkpoint syncs. A 40,000-item import with a Hexo output: 19.0 → 16.6–17.2 s CPU.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -16384")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            writes = GroupedWrites(pool: pool, sketches: sketches)
            try Self.migrator.migrate(pool)
        } catch {
            throw ArchiveError.damaged(path, error) ?? error
        }
    }

    /// Runs `body` in a read transaction on the calling thread (the pool's async reads hand each one to
    /// a reader's queue and back: three thread wake-ups a read, for reads of a millisecond or less).
    func readHere<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Runs `body` in a read transaction of the writer's connection, on the calling thread: for the
    /// reads a run makes for every feed (validators, summaries, items, near-duplicate candidates),
    /// between its writes. A reader's connection drops its whole page cache whenever another
    /// connection wrote since its last read (it cannot tell which pages changed), which in a run is
    /// before nearly every read: its pages came back from the WAL file each time, and the dropping
    /// itself walked the cache's hash table. The writer's cache holds what it wrote.
    func readOnWriter<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var value: T?
            try db.inTransaction(.deferred) {
                value = try body(db)
                return .commit
            }
            return value!
        }
    }

    /// Registers the source unless this store already registered it (or found it registered) with
    /// the same label and URL: a run registers all its sources at once first (``register(_:)-([Source])``),
    /// and each source's own registration then writes nothing.
    public func register(_ source: Source) async throws {
        guard !registered.holds(source) else { return }
        try await writes.write { db in try Self.upsert(db, source) }
        registered.note([source])
    }

    /// Registers every source not yet registered as it is, in one write transaction (none when all
    /// are): a cold import of 2,000 feeds committed one transaction per source for this.
    public func register(_ sources: [Source]) async throws {
        var missing = sources.filter { !registered.holds($0) }
        guard !missing.isEmpty else { return }
        let stored = try readHere { db in
            try Row.fetchAll(db, sql: "SELECT key, label, url FROM source").map { RegisteredSources.Entry(key: $0[0], label: $0[1], url: $0[2]) }
        }
        registered.note(stored)
        missing = missing.filter { !registered.holds($0) }
        guard !missing.isEmpty else { return }
        let writing = missing
        try await writes.write { db in
            for source in writing { try Self.upsert(db, source) }
        }
        registered.note(missing)
    }

    static func upsert(_ db: Database, _ source: Source) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO source(key, label, url) VALUES (?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET label = excluded.label, url = excluded.url
                """
        ).execute(arguments: [source.key, source.label, source.url])
    }

    public func items(keys: [String]) async throws -> [String: Item] {
        // A feed with nothing changed (and every cold feed) asks for no key: no read transaction.
        guard !keys.isEmpty else { return [:] }
        return try readOnWriter { db in
            var found: [String: Item] = [:]
            let statement = try db.cachedStatement(sql: "SELECT \(Self.itemColumns) FROM item WHERE key = ?")
            for key in keys {
                if let item = try Self.items(statement, arguments: [key]).first { found[key] = item }
            }
            return found
        }
    }

    /// One statement per ``inListChunk`` keys (`key IN (?, …)`) rather than one lookup per key: a
    /// re-run of a 3,000-item feed asks for every key, and 3,000 single-row queries cost it about a
    /// sixth of its CPU.
    public func summaries(keys: [String]) async throws -> [String: ItemSummary] {
        guard !keys.isEmpty else { return [:] }
        return try readOnWriter { db in
            var found: [String: ItemSummary] = [:]
            found.reserveCapacity(keys.count)
            try Self.forEachChunk(of: keys) { placeholders, arguments in
                let sql = "SELECT key, source_key, link, feed_title, feed_updated, feed_hash FROM item WHERE key IN (\(placeholders))"
                let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
                while let row = try rows.next() {
                    let snapshot = (row[5] as String?).map { FeedSnapshot(title: row[3], updated: row[4], contentHash: $0) }
                    found[row[0]] = ItemSummary(sourceKey: row[1], link: row[2], feedSnapshot: snapshot)
                }
            }
            return found
        }
    }

    /// The items with these rowids, read in chunks as ``summaries(keys:)`` reads (one query per
    /// candidate made a row, and GRDB's index of its 23 column names, for each). With `topics`, each
    /// also with its categories, topics, tags and decision (``publishedColumns``), as publishing reads it.
    static func items(_ db: Database, rowids: [Int64], topics: Bool = false) throws -> [Int64: Item] {
        var found: [Int64: Item] = [:]
        guard !rowids.isEmpty else { return found }
        let selection = topics ? "\(publishedColumns) WHERE item.rowid" : "\(itemColumns), rowid FROM item WHERE rowid"
        let rowidColumn = topics ? itemColumnCount + 4 : itemColumnCount
        try forEachChunk(of: rowids) { placeholders, arguments in
            let statement = try db.cachedStatement(sql: "SELECT \(selection) IN (\(placeholders))")
            try Row.fetchCursor(statement, arguments: arguments).forEach { row in
                found[row[rowidColumn]] = topics ? publishedItem(row) : item(row)
            }
        }
        return found
    }

    /// Calls `body` with `IN` placeholders and their arguments for each chunk of at most
    /// ``inListChunk`` of `values`. A shorter chunk asks for a power of two of values, the last one
    /// repeated: a few cached statements serve every feed (each cold feed prepared one of its own).
    static func forEachChunk<Value: DatabaseValueConvertible>(
        of values: [Value], _ body: (_ placeholders: String, _ arguments: StatementArguments) throws -> Void
    ) throws {
        var start = values.startIndex
        while start < values.endIndex {
            let chunk = values[start..<min(start + inListChunk, values.endIndex)]
            start = chunk.endIndex
            let width = inListWidth(chunk.count)
            let padded = Array(chunk) + Array(repeating: chunk[chunk.endIndex - 1], count: width - chunk.count)
            try body(Array(repeating: "?", count: width).joined(separator: ", "), StatementArguments(padded))
        }
    }

    /// How many values one `IN` list holds at most (well under SQLite's limit of bound parameters).
    static let inListChunk = 500

    /// How many values an `IN` list for `count` values asks for: the next power of two, at most a chunk.
    static func inListWidth(_ count: Int) -> Int {
        min(inListChunk, 1 << (Int.bitWidth - (max(1, count) - 1).leadingZeroBitCount))
    }

    public func item(key: String) async throws -> Item? {
        try readHere { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.itemColumns) FROM item WHERE key = ?", arguments: [key]).map(Self.item)
        }
    }

    public func items(sourceKey: String) async throws -> [Item] {
        try readHere { db in
            try Self.withTopics(db, Row.fetchAll(
                db, sql: "SELECT \(Self.itemColumns) FROM item WHERE source_key = ? ORDER BY date, key", arguments: [sourceKey]
            ).map(Self.item))
        }
    }

    static func blob(_ sketch: [UInt64]) -> Data? {
        sketch.isEmpty ? nil : sketch.withUnsafeBufferPointer { Data(buffer: $0) }
    }

    static func sketch(_ data: Data?) -> [UInt64] {
        guard let data, data.count % 8 == 0 else { return [] }
        return data.withUnsafeBytes { raw in (0..<(data.count / 8)).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) } }
    }

    /// The clean body's HTML as the `clean_body` column keeps it: nil when it is the item's own HTML
    /// (most feeds' HTML is clean already; a second copy made the row half as large again), with
    /// `clean_key` still set to tell it from an item never cleaned.
    static func storedCleanHTML(_ item: Item) -> String? {
        guard let body = item.cleanBody?.html, body != item.html else { return nil }
        return body
    }

    /// The columns ``item(_:)`` reads, in its order: every item query selects exactly these.
    static let itemColumns = """
        key, source_key, title, link, date, date_origin, first_seen, author, html, og_image, content_hash, link_key, \
        sketch, duplicate_of, legacy_key, content_origin, feed_title, feed_updated, feed_hash, revision, \
        clean_body, head_image, clean_key
        """
    /// The index of `revision` in ``itemColumns``.
    static let revisionColumn = 19
    /// How many columns ``itemColumns`` names.
    static let itemColumnCount = 23

    /// The items a statement of ``itemColumns`` finds, each read from its row where SQLite has it (a
    /// cursor's row), not from a copy of the row made first (what `Row.fetchAll` and `fetchOne` make).
    /// A cursor's row is only valid while the cursor steps: it is read in the cursor's `map`.
    static func items(_ statement: Statement, arguments: StatementArguments) throws -> [Item] {
        try Array(Row.fetchCursor(statement, arguments: arguments).map(Self.item))
    }

    /// An item from a row of ``itemColumns``, read by position (GRDB's lookup by name lowercases the
    /// name on every read, which showed in profiles).
    static func item(_ row: Row) -> Item {
        var item = Item(
            key: row[0], sourceKey: row[1], title: row[2], link: row[3], date: Date(timeIntervalSince1970: row[4]),
            dateOrigin: Item.DateOrigin(rawValue: row[5]) ?? .firstSeen, firstSeen: Date(timeIntervalSince1970: row[6]),
            author: row[7], html: row[8], ogImage: row[9], contentHash: row[10], linkKey: row[11])
        item.sketch = Self.sketch(row[12])
        item.duplicateOf = row[13]
        item.legacyKey = row[14]
        item.contentOrigin = ContentOrigin(rawValue: row[15]) ?? .feed
        if let hash: String = row[18] {
            item.feedSnapshot = FeedSnapshot(title: row[16], updated: row[17], contentHash: hash)
        }
        if let key: String = row[22] {
            // No body beside its key: the clean body is the item's HTML (see ``storedCleanHTML(_:)``).
            item.cleanBody = CleanBody(html: row[20] ?? item.html, headImage: row[21], key: key)
        }
        return item
    }

    /// What the feed last said about the item, from its `feed_*` columns (nil before v4 kept it).
    static func snapshot(_ row: Row) -> FeedSnapshot? {
        guard let hash: String = row["feed_hash"] else { return nil }
        return FeedSnapshot(title: row["feed_title"], updated: row["feed_updated"], contentHash: hash)
    }
}
