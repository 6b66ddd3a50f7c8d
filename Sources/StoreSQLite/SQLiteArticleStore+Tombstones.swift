import Foundation
import GRDB
import NewsCore

// Deleting for good: forget, retention, and the tombstones that keep items out.
extension SQLiteArticleStore {
    public func forget(_ keyOrLink: String, reason: String, at date: Date) async throws -> [Item] {
        try await writes.write { db in
            let linkKey = LinkNormalizer.normalize(keyOrLink)
            let matches = try Row.fetchAll(
                db, sql: "SELECT \(Self.itemColumns) FROM item WHERE key = ? OR link_key = ?", arguments: [keyOrLink, linkKey]).map(Self.item)
            // Forgetting a copy forgets the story: its original and every copy.
            var originals: [Item] = []
            for match in matches {
                if let originalKey = match.duplicateOf,
                   let original = try Row.fetchOne(db, sql: "SELECT \(Self.itemColumns) FROM item WHERE key = ?", arguments: [originalKey]).map(Self.item) {
                    originals.append(original)
                } else {
                    originals.append(match)
                }
            }
            var removed: [Item] = []
            let revision = try self.nextRevision(db)
            for original in originals {
                let copies = try Row.fetchAll(db, sql: "SELECT \(Self.itemColumns) FROM item WHERE duplicate_of = ?", arguments: [original.key]).map(Self.item)
                for item in [original] + copies where !removed.contains(where: { $0.key == item.key }) {
                    try self.delete(db, item, reason: reason, at: date, revision: revision)
                    removed.append(item)
                }
            }
            // The next run of each source reads every entry again, so that it reports the forgotten
            // items' entries as turned away (retention leaves the memory: see `EntryMemory`).
            for sourceKey in Set(removed.map(\.sourceKey)) { try Self.forgetEntryMemory(db, sourceKey: sourceKey) }
            if matches.isEmpty {
                // Forgetting something never seen still keeps it out.
                try db.execute(
                    sql: "INSERT OR REPLACE INTO tombstone(key, link_key, deleted_at, reason) VALUES (?, ?, ?, ?)",
                    arguments: [keyOrLink, linkKey, date.timeIntervalSince1970, reason])
            }
            return removed
        }
    }

    public func applyRetention(sourceKey: String, maxAge: TimeInterval?, maxItems: Int?, now: Date) async throws -> Int {
        try await writes.write { db in
            var expired: [Item] = []
            if let maxAge {
                expired += try Row.fetchAll(
                    db, sql: "SELECT \(Self.itemColumns) FROM item WHERE source_key = ? AND date < ?",
                    arguments: [sourceKey, now.timeIntervalSince1970 - maxAge]).map(Self.item)
            }
            if let maxItems {
                expired += try Row.fetchAll(
                    db, sql: "SELECT \(Self.itemColumns) FROM item WHERE source_key = ? ORDER BY date DESC, key DESC LIMIT -1 OFFSET ?",
                    arguments: [sourceKey, maxItems]).map(Self.item)
            }
            var seen = Set<String>()
            let revision = expired.isEmpty ? 0 : try self.nextRevision(db)
            for item in expired where seen.insert(item.key).inserted {
                try self.delete(db, item, reason: "retention", at: now, revision: revision)
            }
            return seen.count
        }
    }

    func delete(_ db: Database, _ item: Item, reason: String, at date: Date, revision: Int64) throws {
        if let itemID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM item WHERE key = ?"), arguments: [item.key]) {
            try deleteSketch(db, itemID: itemID)
        }
        try recordRemoval(db, item, revision: revision)
        try db.execute(sql: "DELETE FROM item_version WHERE item_key = ?", arguments: [item.key])
        try db.execute(sql: "DELETE FROM item WHERE key = ?", arguments: [item.key])
        try db.execute(
            sql: "INSERT OR REPLACE INTO tombstone(key, link_key, deleted_at, reason) VALUES (?, ?, ?, ?)",
            arguments: [item.key, item.linkKey, date.timeIntervalSince1970, reason])
    }
}
