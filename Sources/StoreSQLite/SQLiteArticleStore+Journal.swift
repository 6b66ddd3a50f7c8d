import Foundation
import GRDB
import NewsCore

// The publish journal: revisions on items and removals, one cursor per output.
extension SQLiteArticleStore {
    /// The revision for the changes of the current write transaction: one past the last one. SQLite
    /// runs one writer at a time, so every later transaction gets a larger revision, and a reader
    /// never sees a revision below one it has already passed.
    func nextRevision(_ db: Database) throws -> Int64 {
        try db.cachedStatement(sql: "UPDATE journal_clock SET revision = revision + 1").execute()
        return try Int64.fetchOne(db.cachedStatement(sql: "SELECT revision FROM journal_clock")) ?? 1
    }

    /// Records that an item's files must go from every output.
    func recordRemoval(_ db: Database, _ item: Item, revision: Int64) throws {
        try db.cachedStatement(sql: "INSERT INTO removal(revision, item_key, post_key) VALUES (?, ?, ?)")
            .execute(arguments: [revision, item.key, item.postKey])
    }

    /// Read on the writer's connection, whose cache holds the pages the run just wrote: a reader's
    /// connection dropped its whole cache before each batch (another connection had written) and read
    /// the items back from the WAL file. The span's keys and revisions are read first; an item this
    /// process inserted at that very revision comes from ``WrittenItems``, and only the others' rows
    /// are read whole.
    public func unpublished(output: String, limit: Int) async throws -> UnpublishedChanges {
        try readOnWriter { db in
            let cursor = try Int64.fetchOne(db, sql: "SELECT revision FROM publish_cursor WHERE output = ?", arguments: [output]) ?? 0
            var changed = try Self.changedRows(db, sql: "WHERE revision > ? ORDER BY revision, key LIMIT ?", arguments: [cursor, limit + 1])
            var through: Int64?
            if changed.count > limit, let last = changed.last?.revision {
                // Never split one revision between two answers: cut before the last one, or take all of
                // it when it alone fills the page.
                if changed.first?.revision == last {
                    changed = try Self.changedRows(db, sql: "WHERE revision = ? ORDER BY key", arguments: [last])
                } else {
                    changed.removeAll { $0.revision == last }
                }
                through = changed.last?.revision
            } else {
                // Everything after the cursor: the span ends at the clock, removals after the last item included.
                through = try Int64.fetchOne(db, sql: "SELECT revision FROM journal_clock")
            }
            let end = through ?? cursor
            let removals = try Row.fetchAll(
                db, sql: "SELECT item_key, post_key FROM removal WHERE revision > ? AND revision <= ? ORDER BY revision",
                arguments: [cursor, end]
            ).map { RemovedItem(itemKey: $0["item_key"], postKey: $0["post_key"]) }
            guard end > cursor else { return UnpublishedChanges(items: [], removals: [], through: nil) }
            return UnpublishedChanges(items: try items(db, changed), removals: removals, through: end)
        }
    }

    /// A row the journal lists: which item, at which revision.
    struct ChangedRow {
        var key: String
        var revision: Int64
        var rowid: Int64
    }

    /// The rows of `item` that `clause` picks, without their content.
    static func changedRows(_ db: Database, sql clause: String, arguments: StatementArguments) throws -> [ChangedRow] {
        try Array(Row.fetchCursor(db.cachedStatement(sql: "SELECT key, revision, rowid FROM item \(clause)"), arguments: arguments)
            .map { ChangedRow(key: $0[0], revision: $0[1], rowid: $0[2]) })
    }

    /// The items of `rows`, in their order: kept ones from memory, the others read (both reads are one
    /// transaction: a listed row is still there).
    func items(_ db: Database, _ rows: [ChangedRow]) throws -> [Item] {
        var kept = rows.map { written.item(key: $0.key, revision: $0.revision) }
        var read = try Self.items(db, rowids: rows.indices.filter { kept[$0] == nil }.map { rows[$0].rowid }, topics: true)
        // Each item moved into the answer, not copied (a copy retains every text an item holds).
        return rows.indices.compactMap { kept[$0].take() ?? read.removeValue(forKey: rows[$0].rowid) }
    }

    /// What publishing reads of an item: ``itemColumns`` and, joined, its topics row (one query, not one
    /// more lookup per item), then the item's rowid, from `item`. Read by ``publishedItem(_:)``.
    static let publishedColumns = """
        \(itemColumns), item_topic.categories, item_topic.topics, item_topic.tags, item_topic.filtered_out_by, item.rowid \
        FROM item LEFT JOIN item_topic ON item_topic.item_key = item.key
        """

    /// An item from a row of ``publishedColumns``: what ``item(_:)`` reads, with its categories, topics, tags
    /// and decision when it has a topics row (`categories` is never NULL in one).
    static func publishedItem(_ row: Row) -> Item {
        var item = Self.item(row)
        if let categories: String = row[itemColumnCount] {
            item.categories = list(categories)
            item.topics = list(row[itemColumnCount + 1])
            item.tags = list(row[itemColumnCount + 2])
            item.filteredOutBy = row[itemColumnCount + 3]
        }
        return item
    }

    public func markPublished(output: String, through revision: Int64) async throws {
        try await writes.write { db in
            try db.execute(
                sql: """
                    INSERT INTO publish_cursor(output, revision) VALUES (?, ?)
                    ON CONFLICT(output) DO UPDATE SET revision = MAX(revision, excluded.revision)
                    """,
                arguments: [output, revision])
        }
        written.published(output: output, through: revision)
    }

    public func willPublish(to outputs: [String]) async {
        written.expect(outputs: outputs)
    }

    /// Publishing reads each item once, in revision order: a page cache full of them helps no later
    /// read, and would stay in memory while the outputs build (16 MB of a site build's peak).
    public func releaseMemory() async {
        written.removeAll()
        try? await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA shrink_memory") }
    }

    public func pruneJournal(keeping outputs: [String]) async throws {
        try await pool.write { db in
            let placeholders = outputs.map { _ in "?" }.joined(separator: ", ")
            try db.execute(sql: "DELETE FROM publish_cursor WHERE output NOT IN (\(placeholders))", arguments: StatementArguments(outputs))
            // Removals every output has applied; with no output at all, none is waiting for them.
            try db.execute(sql: "DELETE FROM removal WHERE revision <= COALESCE((SELECT MIN(revision) FROM publish_cursor), (SELECT revision FROM journal_clock))")
        }
    }
}
