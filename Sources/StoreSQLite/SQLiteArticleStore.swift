public import Foundation
import GRDB
public import NewsCore

/// The default archive: one SQLite file in WAL mode, through GRDB.
///
/// ```swift
/// let store = try SQLiteArticleStore(path: "newsmill.sqlite")
/// try store.register(source)
/// ```
public final class SQLiteArticleStore: ArticleStore {
    private let pool: DatabasePool
    /// Whether this process has pruned sketch rows older than the near-duplicate window yet.
    private let pruned = PruneFlag()

    /// Opens (creating if needed) the archive at `path` and migrates it.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // WAL with synchronous=NORMAL: a commit survives the process being killed at any moment
        // (only a power loss can drop the last commits), without an fsync per transaction.
        // A 16 MB page cache per connection keeps the indexes that de-duplication probes in memory
        // (the default 2 MB sends every probe to the kernel); memory stays bounded by it.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -16384")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE source (
                    key TEXT PRIMARY KEY,
                    label TEXT NOT NULL,
                    url TEXT NOT NULL,
                    last_fetch REAL,
                    last_success REAL,
                    last_error TEXT,
                    error_count INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE fetch_error (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    source_key TEXT NOT NULL REFERENCES source(key),
                    at REAL NOT NULL,
                    message TEXT NOT NULL
                );
                CREATE TABLE item (
                    key TEXT PRIMARY KEY,
                    source_key TEXT NOT NULL REFERENCES source(key),
                    title TEXT NOT NULL,
                    link TEXT,
                    date REAL NOT NULL,
                    date_origin TEXT NOT NULL,
                    first_seen REAL NOT NULL,
                    author TEXT,
                    html TEXT NOT NULL,
                    og_image TEXT,
                    content_hash TEXT NOT NULL
                );
                CREATE INDEX item_source ON item(source_key, date);
                CREATE TABLE item_version (
                    item_key TEXT NOT NULL REFERENCES item(key),
                    seen_at REAL NOT NULL,
                    title TEXT NOT NULL,
                    html TEXT NOT NULL,
                    content_hash TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: cache validators") { db in
            try db.execute(sql: """
                ALTER TABLE source ADD COLUMN etag TEXT;
                ALTER TABLE source ADD COLUMN last_modified TEXT;
                """)
        }
        migrator.registerMigration("v3: de-duplication, tombstones") { db in
            try db.execute(sql: """
                ALTER TABLE item ADD COLUMN link_key TEXT;
                ALTER TABLE item ADD COLUMN sketch BLOB;
                ALTER TABLE item ADD COLUMN duplicate_of TEXT;
                CREATE INDEX item_link_key ON item(link_key);
                CREATE INDEX item_first_seen ON item(first_seen);
                CREATE TABLE tombstone (
                    key TEXT PRIMARY KEY,
                    link_key TEXT,
                    deleted_at REAL NOT NULL,
                    reason TEXT NOT NULL
                );
                CREATE INDEX tombstone_link_key ON tombstone(link_key);
                CREATE TABLE sketch_slot (
                    slot INTEGER NOT NULL,
                    value INTEGER NOT NULL,
                    item_key TEXT NOT NULL,
                    first_seen REAL NOT NULL,
                    PRIMARY KEY (slot, value, item_key)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }

    public func register(_ source: Source) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO source(key, label, url) VALUES (?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET label = excluded.label, url = excluded.url
                    """,
                arguments: [source.key, source.label, source.url])
        }
    }

    /// How far back near-duplicate candidates are looked for, by first sighting.
    static let nearDuplicateWindow: TimeInterval = 7 * 86400

    public func store(_ items: [Item], isNearDuplicate: (Item, Item) -> Bool) throws -> [StoreOutcome] {
        try pool.write { db in
            if pruned.once() {
                try db.execute(sql: "DELETE FROM sketch_slot WHERE first_seen < ?",
                               arguments: [Date().timeIntervalSince1970 - 2 * Self.nearDuplicateWindow])
            }
            return try items.map { item in try store(db, item, isNearDuplicate: isNearDuplicate) }
        }
    }

    private func store(_ db: Database, _ item: Item, isNearDuplicate: (Item, Item) -> Bool) throws -> StoreOutcome {
        if try isTombstoned(db, item) { return .tombstoned }
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT content_hash, date, date_origin, duplicate_of, sketch FROM item WHERE key = ?"), arguments: [item.key]) {
            return try update(db, item, existing: row)
        }
        var stored = item
        stored.duplicateOf = try original(db, of: item, isNearDuplicate: isNearDuplicate)
        try insert(db, stored)
        if stored.duplicateOf == nil { try insertSketch(db, stored) }
        return stored.duplicateOf.map { .duplicate(of: $0) } ?? .inserted
    }

    public func items(keys: [String]) throws -> [String: Item] {
        try pool.read { db in
            var found: [String: Item] = [:]
            let statement = try db.cachedStatement(sql: "SELECT * FROM item WHERE key = ?")
            for key in keys {
                if let row = try Row.fetchOne(statement, arguments: [key]) { found[key] = Self.item(row) }
            }
            return found
        }
    }

    private func isTombstoned(_ db: Database, _ item: Item) throws -> Bool {
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM tombstone WHERE key = ?"), arguments: [item.key]) == true { return true }
        guard let linkKey = item.linkKey else { return false }
        return try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM tombstone WHERE link_key = ?"), arguments: [linkKey]) == true
    }

    /// The original this new item copies: another item with its link, else a recent item whose text
    /// it nearly repeats (SimHash to find candidates, the caller's check to confirm). Copies of copies
    /// point at the first original.
    private func original(_ db: Database, of item: Item, isNearDuplicate: (Item, Item) -> Bool) throws -> String? {
        if let linkKey = item.linkKey,
           let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT key, duplicate_of FROM item WHERE link_key = ? LIMIT 1"), arguments: [linkKey]) {
            return (row["duplicate_of"] as String?) ?? row["key"]
        }
        guard !item.sketch.isEmpty else { return nil }
        let since = item.firstSeen.timeIntervalSince1970 - Self.nearDuplicateWindow
        for candidate in try candidates(db, near: item.sketch, since: since, limit: 20) {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM item WHERE key = ?"), arguments: [candidate])
            else { continue }
            if isNearDuplicate(item, Self.item(row)) { return candidate }
        }
        return nil
    }

    private func insertSketch(_ db: Database, _ item: Item) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO sketch_slot(slot, value, item_key, first_seen) VALUES (?, ?, ?, ?)")
        for (slot, value) in item.sketch.enumerated() {
            try statement.execute(arguments: [slot, Int64(bitPattern: value), item.key, item.firstSeen.timeIntervalSince1970])
        }
    }

    private func deleteSketch(_ db: Database, key: String, sketch: [UInt64]) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM sketch_slot WHERE slot = ? AND value = ? AND item_key = ?")
        for (slot, value) in sketch.enumerated() {
            try statement.execute(arguments: [slot, Int64(bitPattern: value), key])
        }
    }

    /// A slot value shared by more items than this is boilerplate (a disclaimer every item of a
    /// source carries): it says nothing about which story an item is, so it is not counted.
    static let commonValueLimit = 32

    /// Keys of originals first seen since `since` that share at least ``TextFingerprint/candidateSlots``
    /// sketch slots with `sketch`, most shared first: one indexed lookup per slot.
    private func candidates(_ db: Database, near sketch: [UInt64], since: Double, limit: Int) throws -> [String] {
        let statement = try db.cachedStatement(
            sql: "SELECT item_key FROM sketch_slot WHERE slot = ? AND value = ? AND first_seen >= ? LIMIT \(Self.commonValueLimit + 1)")
        var counts: [String: Int] = [:]
        for (slot, value) in sketch.enumerated() {
            let keys = try String.fetchAll(statement, arguments: [slot, Int64(bitPattern: value), since])
            guard keys.count <= Self.commonValueLimit else { continue }
            for key in keys { counts[key, default: 0] += 1 }
        }
        return counts.filter { $0.value >= TextFingerprint.candidateSlots }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map(\.key)
    }

    private func update(_ db: Database, _ item: Item, existing row: Row) throws -> StoreOutcome {
        let oldHash: String = row["content_hash"]
        guard oldHash != item.contentHash else { return .unchanged }
        // Keep the stored date unless the feed now gives one.
        let origin = Item.DateOrigin(rawValue: row["date_origin"]) ?? .firstSeen
        let keepDate = item.dateOrigin != .feed && origin != .content
        let date: Double = keepDate ? row["date"] : item.date.timeIntervalSince1970
        try db.execute(
            sql: """
                UPDATE item SET title = ?, link = ?, date = ?, date_origin = ?, author = ?, html = ?,
                og_image = ?, content_hash = ?, link_key = ?, sketch = ? WHERE key = ?
                """,
            arguments: [item.title, item.link, date, keepDate ? origin.rawValue : item.dateOrigin.rawValue,
                        item.author, item.html, item.ogImage, item.contentHash, item.linkKey,
                        Self.blob(item.sketch), item.key])
        try insertVersion(db, item)
        if (row["duplicate_of"] as String?) == nil {
            try deleteSketch(db, key: item.key, sketch: item.sketch)
            try insertSketch(db, item)
        }
        return .updated
    }

    private func insert(_ db: Database, _ item: Item) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO item(key, source_key, title, link, date, date_origin, first_seen, author, html, og_image,
                                 content_hash, link_key, sketch, duplicate_of)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [item.key, item.sourceKey, item.title, item.link, item.date.timeIntervalSince1970,
                        item.dateOrigin.rawValue, item.firstSeen.timeIntervalSince1970, item.author, item.html,
                        item.ogImage, item.contentHash, item.linkKey, Self.blob(item.sketch), item.duplicateOf])
        try insertVersion(db, item)
    }

    public func forget(_ keyOrLink: String, reason: String, at date: Date) throws -> [Item] {
        try pool.write { db in
            let linkKey = LinkNormalizer.normalize(keyOrLink)
            let matches = try Row.fetchAll(
                db, sql: "SELECT * FROM item WHERE key = ? OR link_key = ?", arguments: [keyOrLink, linkKey]).map(Self.item)
            // Forgetting a copy forgets the story: its original and every copy.
            var originals: [Item] = []
            for match in matches {
                if let originalKey = match.duplicateOf,
                   let original = try Row.fetchOne(db, sql: "SELECT * FROM item WHERE key = ?", arguments: [originalKey]).map(Self.item) {
                    originals.append(original)
                } else {
                    originals.append(match)
                }
            }
            var removed: [Item] = []
            for original in originals {
                let copies = try Row.fetchAll(db, sql: "SELECT * FROM item WHERE duplicate_of = ?", arguments: [original.key]).map(Self.item)
                for item in [original] + copies where !removed.contains(where: { $0.key == item.key }) {
                    try delete(db, item, reason: reason, at: date)
                    removed.append(item)
                }
            }
            if matches.isEmpty {
                // Forgetting something never seen still keeps it out.
                try db.execute(
                    sql: "INSERT OR REPLACE INTO tombstone(key, link_key, deleted_at, reason) VALUES (?, ?, ?, ?)",
                    arguments: [keyOrLink, linkKey, date.timeIntervalSince1970, reason])
            }
            return removed
        }
    }

    public func applyRetention(sourceKey: String, maxAge: TimeInterval?, maxItems: Int?, now: Date) throws -> Int {
        try pool.write { db in
            var expired: [Item] = []
            if let maxAge {
                expired += try Row.fetchAll(
                    db, sql: "SELECT * FROM item WHERE source_key = ? AND date < ?",
                    arguments: [sourceKey, now.timeIntervalSince1970 - maxAge]).map(Self.item)
            }
            if let maxItems {
                expired += try Row.fetchAll(
                    db, sql: "SELECT * FROM item WHERE source_key = ? ORDER BY date DESC, key DESC LIMIT -1 OFFSET ?",
                    arguments: [sourceKey, maxItems]).map(Self.item)
            }
            var seen = Set<String>()
            for item in expired where seen.insert(item.key).inserted {
                try delete(db, item, reason: "retention", at: now)
            }
            return seen.count
        }
    }

    private func delete(_ db: Database, _ item: Item, reason: String, at date: Date) throws {
        try deleteSketch(db, key: item.key, sketch: item.sketch)
        try db.execute(sql: "DELETE FROM item_version WHERE item_key = ?", arguments: [item.key])
        try db.execute(sql: "DELETE FROM item WHERE key = ?", arguments: [item.key])
        try db.execute(
            sql: "INSERT OR REPLACE INTO tombstone(key, link_key, deleted_at, reason) VALUES (?, ?, ?, ?)",
            arguments: [item.key, item.linkKey, date.timeIntervalSince1970, reason])
    }

    private func insertVersion(_ db: Database, _ item: Item) throws {
        try db.cachedStatement(sql: "INSERT INTO item_version(item_key, seen_at, title, html, content_hash) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [item.key, Date().timeIntervalSince1970, item.title, item.html, item.contentHash])
    }

    public func item(key: String) throws -> Item? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM item WHERE key = ?", arguments: [key]).map(Self.item)
        }
    }

    public func items(sourceKey: String) throws -> [Item] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM item WHERE source_key = ? ORDER BY date, key", arguments: [sourceKey])
                .map(Self.item)
        }
    }

    static func blob(_ sketch: [UInt64]) -> Data? {
        sketch.isEmpty ? nil : sketch.withUnsafeBufferPointer { Data(buffer: $0) }
    }

    static func sketch(_ data: Data?) -> [UInt64] {
        guard let data, data.count % 8 == 0 else { return [] }
        return data.withUnsafeBytes { raw in (0..<(data.count / 8)).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) } }
    }

    private static func item(_ row: Row) -> Item {
        var item = Item(
            key: row["key"], sourceKey: row["source_key"], title: row["title"], link: row["link"],
            date: Date(timeIntervalSince1970: row["date"]),
            dateOrigin: Item.DateOrigin(rawValue: row["date_origin"]) ?? .firstSeen,
            firstSeen: Date(timeIntervalSince1970: row["first_seen"]), author: row["author"], html: row["html"],
            ogImage: row["og_image"])
        item.contentHash = row["content_hash"]
        item.linkKey = row["link_key"]
        item.sketch = Self.sketch(row["sketch"])
        item.duplicateOf = row["duplicate_of"]
        return item
    }

    public func validators(sourceKey: String) throws -> CacheValidators? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT etag, last_modified FROM source WHERE key = ?", arguments: [sourceKey])
            else { return nil }
            let validators = CacheValidators(etag: row["etag"], lastModified: row["last_modified"])
            return validators.isEmpty ? nil : validators
        }
    }

    public func recordFetch(sourceKey: String, at date: Date, error: String?, validators: CacheValidators?) throws {
        try pool.write { db in
            if let error {
                try db.execute(
                    sql: "UPDATE source SET last_fetch = ?, last_error = ?, error_count = error_count + 1 WHERE key = ?",
                    arguments: [date.timeIntervalSince1970, error, sourceKey])
                try db.execute(
                    sql: "INSERT INTO fetch_error(source_key, at, message) VALUES (?, ?, ?)",
                    arguments: [sourceKey, date.timeIntervalSince1970, error])
            } else {
                try db.execute(
                    sql: """
                        UPDATE source SET last_fetch = ?, last_success = ?, last_error = NULL, etag = ?, last_modified = ?
                        WHERE key = ?
                        """,
                    arguments: [date.timeIntervalSince1970, date.timeIntervalSince1970, validators?.etag,
                                validators?.lastModified, sourceKey])
            }
        }
    }

    public func statuses() throws -> [SourceStatus] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.*, (SELECT COUNT(*) FROM item i WHERE i.source_key = s.key) AS item_count,
                       (SELECT COUNT(*) FROM item i WHERE i.source_key = s.key AND i.duplicate_of IS NOT NULL) AS duplicate_count
                FROM source s ORDER BY s.label
                """).map { row in
                var status = SourceStatus(
                    sourceKey: row["key"], label: row["label"],
                    lastFetch: (row["last_fetch"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    lastSuccess: (row["last_success"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    lastError: row["last_error"], itemCount: row["item_count"])
                status.duplicateCount = row["duplicate_count"]
                status.errorCount = row["error_count"]
                return status
            }
        }
    }
}

/// Set the first time it is asked, and from then on answers no.
final class PruneFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    func once() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if done { return false }
        done = true
        return true
    }
}
