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

    /// Opens (creating if needed) the archive at `path` and migrates it.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
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

    public func store(_ item: Item) throws -> StoreOutcome {
        try pool.write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT content_hash, date, date_origin FROM item WHERE key = ?", arguments: [item.key]) {
                let oldHash: String = row["content_hash"]
                guard oldHash != item.contentHash else { return .unchanged }
                // Keep the stored date unless the feed now gives one.
                let origin = Item.DateOrigin(rawValue: row["date_origin"]) ?? .firstSeen
                let keepDate = item.dateOrigin != .feed && origin != .content
                let date: Double = keepDate ? row["date"] : item.date.timeIntervalSince1970
                try db.execute(
                    sql: """
                        UPDATE item SET title = ?, link = ?, date = ?, date_origin = ?, author = ?, html = ?,
                        og_image = ?, content_hash = ? WHERE key = ?
                        """,
                    arguments: [item.title, item.link, date, keepDate ? origin.rawValue : item.dateOrigin.rawValue,
                                item.author, item.html, item.ogImage, item.contentHash, item.key])
                try insertVersion(db, item)
                return .updated
            }
            try db.execute(
                sql: """
                    INSERT INTO item(key, source_key, title, link, date, date_origin, first_seen, author, html, og_image, content_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [item.key, item.sourceKey, item.title, item.link, item.date.timeIntervalSince1970,
                            item.dateOrigin.rawValue, item.firstSeen.timeIntervalSince1970, item.author, item.html,
                            item.ogImage, item.contentHash])
            try insertVersion(db, item)
            return .inserted
        }
    }

    private func insertVersion(_ db: Database, _ item: Item) throws {
        try db.execute(
            sql: "INSERT INTO item_version(item_key, seen_at, title, html, content_hash) VALUES (?, ?, ?, ?, ?)",
            arguments: [item.key, Date().timeIntervalSince1970, item.title, item.html, item.contentHash])
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

    private static func item(_ row: Row) -> Item {
        var item = Item(
            key: row["key"], sourceKey: row["source_key"], title: row["title"], link: row["link"],
            date: Date(timeIntervalSince1970: row["date"]),
            dateOrigin: Item.DateOrigin(rawValue: row["date_origin"]) ?? .firstSeen,
            firstSeen: Date(timeIntervalSince1970: row["first_seen"]), author: row["author"], html: row["html"],
            ogImage: row["og_image"])
        item.contentHash = row["content_hash"]
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
                SELECT s.*, (SELECT COUNT(*) FROM item i WHERE i.source_key = s.key) AS item_count
                FROM source s ORDER BY s.label
                """).map { row in
                SourceStatus(
                    sourceKey: row["key"], label: row["label"],
                    lastFetch: (row["last_fetch"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    lastSuccess: (row["last_success"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    lastError: row["last_error"], itemCount: row["item_count"])
            }
        }
    }
}
