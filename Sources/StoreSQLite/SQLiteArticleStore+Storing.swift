import Foundation
import GRDB
import NewsCore

// Storing a feed's items: insert, update, or record as a copy, in one transaction.
extension SQLiteArticleStore {
    public func store(_ items: [Item]) async throws -> [StoreOutcome] {
        let stored = try await writes.write { db in try self.store(db, items) }
        written.keep(stored.inserted, revision: stored.revision)
        return stored.outcomes
    }

    /// One transaction for both: a cold import committed twice per feed, and each commit rewrote the
    /// pages it touched to the WAL and walked the writer's page cache.
    public func store(_ items: [Item], recordingFetchOf sourceKey: String, at date: Date, validators: CacheValidators?,
                      entryMemory: EntryMemory?) async throws -> [StoreOutcome]
    {
        let stored = try await writes.write { db in
            let stored = try self.store(db, items)
            try Self.recordSuccess(db, sourceKey: sourceKey, at: date, validators: validators)
            if let entryMemory { try Self.recordEntryMemory(db, entryMemory, sourceKey: sourceKey) }
            return stored
        }
        // Committed: the journal's next read may take these from memory (see ``WrittenItems``).
        written.keep(stored.inserted, revision: stored.revision)
        return stored.outcomes
    }

    /// What a write of items did: each one's outcome, and the items it inserted (copies too) as their
    /// rows hold them, under the write's revision.
    struct StoredItems: Sendable {
        var outcomes: [StoreOutcome]
        var inserted: [Item]
        var revision: Int64
    }

    /// Stores the items inside the running write transaction (see ``store(_:)``).
    func store(_ db: Database, _ items: [Item]) throws -> StoredItems {
        if pruned.once() {
            let cutoff = Date().timeIntervalSince1970 - 2 * Self.nearDuplicateWindow
            try db.execute(sql: "DELETE FROM item_sketch WHERE first_seen < ?", arguments: [cutoff])
            sketches.stagePrune(before: cutoff)
        }
        let revision = try nextRevision(db)
        // Most archives hold no tombstone: then the three lookups per item that find none are skipped
        // (nothing in this transaction adds one).
        let tombstones = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM tombstone)")) ?? true
        var inserted: [Item] = []
        let outcomes = try items.map { item in
            try store(db, item, revision: revision, checkingTombstones: tombstones, inserted: &inserted)
        }
        return StoredItems(outcomes: outcomes, inserted: inserted, revision: revision)
    }

    func store(_ db: Database, _ item: Item, revision: Int64, checkingTombstones: Bool, inserted: inout [Item]) throws -> StoreOutcome {
        if try checkingTombstones && isTombstoned(db, item) { return .tombstoned }
        // Most items a write stores are new: the insert is tried first, and only a key the archive
        // holds already (the insert changes nothing) is read back and updated. Looking each key up
        // first read the item index once more for every new item.
        var stored = item
        stored.duplicateOf = try original(db, of: item)
        if try insert(db, stored, revision: revision) {
            if stored.duplicateOf == nil { try insertSketch(db, stored, itemID: db.lastInsertedRowID) }
            let outcome: StoreOutcome = stored.duplicateOf.map { .duplicate(of: $0) } ?? .inserted
            inserted.append(stored)  // its last use: moved, not copied
            return outcome
        }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT rowid, source_key, content_hash, date, date_origin, duplicate_of, sketch, feed_title, feed_updated, feed_hash, title, html, content_origin, version_seen_at, first_seen FROM item WHERE key = ?"), arguments: [item.key])
        else { throw ArchiveError(path: pool.path, reason: .damaged("the item \(item.key) is neither new nor archived")) }
        // One source never rewrites another's item, whatever key its feed claims.
        guard (row["source_key"] as String) == item.sourceKey else { return .duplicate(of: item.key) }
        return try update(db, item, existing: row, revision: revision)
    }

    func isTombstoned(_ db: Database, _ item: Item) throws -> Bool {
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM tombstone WHERE key = ?")
        if try Bool.fetchOne(statement, arguments: [item.key]) == true { return true }
        // A tombstone from before guids were scoped by source still keeps the guid out.
        if let unscoped = ItemIdentity.unscopedKey(item.key, sourceKey: item.sourceKey),
           try Bool.fetchOne(statement, arguments: [unscoped]) == true { return true }
        guard let linkKey = item.linkKey else { return false }
        return try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM tombstone WHERE link_key = ?"), arguments: [linkKey]) == true
    }

    func update(_ db: Database, _ item: Item, existing row: Row, revision: Int64) throws -> StoreOutcome {
        let oldHash: String = row["content_hash"]
        guard oldHash != item.contentHash else {
            // The same title and text: at most what the feed says about the item moved on.
            if Self.snapshot(row) != item.feedSnapshot { try updateSnapshot(db, item) }
            return .unchanged
        }
        // Keep the stored date unless the feed now gives one.
        let origin = Item.DateOrigin(rawValue: row["date_origin"]) ?? .firstSeen
        let keepDate = item.dateOrigin != .feed && origin != .content
        let date: Double = keepDate ? row["date"] : item.date.timeIntervalSince1970
        // The version being replaced joins the history; the row becomes the new one.
        try insertVersion(db, key: item.key, seenAt: (row["version_seen_at"] as Double?) ?? row["first_seen"], title: row["title"],
                          html: row["html"], contentHash: oldHash, origin: row["content_origin"])
        try db.cachedStatement(
            sql: """
                UPDATE item SET title = ?, link = ?, date = ?, date_origin = ?, author = ?, html = ?,
                og_image = ?, content_hash = ?, link_key = ?, sketch = ?, content_origin = ?, revision = ?,
                version_seen_at = ?, feed_title = ?, feed_updated = ?, feed_hash = ?, clean_body = ?, head_image = ?,
                clean_key = ? WHERE key = ?
                """
        ).execute(
            arguments: [item.title, item.link, date, keepDate ? origin.rawValue : item.dateOrigin.rawValue,
                        item.author, item.html, item.ogImage, item.contentHash, item.linkKey,
                        Self.blob(item.sketch), item.contentOrigin.rawValue, revision, Date().timeIntervalSince1970,
                        item.feedSnapshot?.title, item.feedSnapshot?.updated, item.feedSnapshot?.contentHash,
                        Self.storedCleanHTML(item), item.cleanBody?.headImage, item.cleanBody?.key, item.key])
        if (row["duplicate_of"] as String?) == nil {
            let itemID: Int64 = row["rowid"]
            try deleteSketch(db, itemID: itemID)
            try insertSketch(db, item, itemID: itemID)
        }
        try storeTopics(db, item, replacing: true)
        return .updated
    }

    func updateSnapshot(_ db: Database, _ item: Item) throws {
        try db.cachedStatement(sql: "UPDATE item SET feed_title = ?, feed_updated = ?, feed_hash = ? WHERE key = ?")
            .execute(arguments: [item.feedSnapshot?.title, item.feedSnapshot?.updated, item.feedSnapshot?.contentHash, item.key])
    }

    /// Inserts the item unless the archive holds its key already.
    /// - Returns: whether it was inserted.
    func insert(_ db: Database, _ item: Item, revision: Int64) throws -> Bool {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO item(key, source_key, title, link, date, date_origin, first_seen, author, html, og_image,
                                 content_hash, link_key, sketch, duplicate_of, legacy_key, revision,
                                 content_origin, feed_title, feed_updated, feed_hash, version_seen_at,
                                 clean_body, head_image, clean_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(key) DO NOTHING
                """)
        // Bound directly (see ``DirectStatement``): every item a run stores goes through here.
        var insert = DirectStatement(statement, in: db)
        insert.bind(item.key)
        insert.bind(item.sourceKey)
        insert.bind(item.title)
        insert.bind(item.link)
        insert.bind(item.date.timeIntervalSince1970)
        insert.bind(item.dateOrigin.rawValue)
        insert.bind(item.firstSeen.timeIntervalSince1970)
        insert.bind(item.author)
        insert.bind(item.html)
        insert.bind(item.ogImage)
        insert.bind(item.contentHash)
        insert.bind(item.linkKey)
        insert.bind(Self.blob(item.sketch))
        insert.bind(item.duplicateOf)
        insert.bind(item.legacyKey)
        insert.bind(revision)
        insert.bind(item.contentOrigin.rawValue)
        insert.bind(item.feedSnapshot?.title)
        insert.bind(item.feedSnapshot?.updated)
        insert.bind(item.feedSnapshot?.contentHash)
        insert.bind(Date().timeIntervalSince1970)
        insert.bind(Self.storedCleanHTML(item))
        insert.bind(item.cleanBody?.headImage)
        insert.bind(item.cleanBody?.key)
        try insert.execute()
        guard db.changesCount > 0 else { return false }
        try storeTopics(db, item, replacing: false)
        return true
    }

    /// A version the item's row no longer holds joins its history (see ``history(_:)``).
    func insertVersion(_ db: Database, key: String, seenAt: Double, title: String, html: String, contentHash: String,
                       origin: String) throws {
        try db.cachedStatement(
            sql: "INSERT INTO item_version(item_key, seen_at, title, html, content_hash, content_origin) VALUES (?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [key, seenAt, title, html, contentHash, origin])
    }
}
