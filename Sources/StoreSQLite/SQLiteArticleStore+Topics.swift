import Foundation
import GRDB
import NewsCore

// Topics, tags, the feed's categories and the rules' decision, beside the item's row.
extension SQLiteArticleStore {
    /// Lists are stored joined by the unit separator (no category, topic or tag holds one: control
    /// characters are removed from feed text before anything is archived).
    static let listSeparator: Character = "\u{1F}"

    static func joined(_ values: [String]) -> String { values.joined(separator: String(listSeparator)) }

    static func list(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: listSeparator, omittingEmptySubsequences: false).map(String.init)
    }

    /// Records the item's categories, topics, tags and decision; an item with none of them has no row.
    /// - Parameter replacing: whether a row may exist already (an update, a new decision).
    func storeTopics(_ db: Database, _ item: Item, replacing: Bool) throws {
        let empty = item.categories.isEmpty && item.topics.isEmpty && item.tags.isEmpty && item.filteredOutBy == nil
        if empty {
            if replacing {
                try db.cachedStatement(sql: "DELETE FROM item_topic WHERE item_key = ?").execute(arguments: [item.key])
            }
            return
        }
        try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO item_topic(item_key, categories, topics, tags, filtered_out_by) VALUES (?, ?, ?, ?, ?)"
        ).execute(arguments: [item.key, Self.joined(item.categories), Self.joined(item.topics), Self.joined(item.tags), item.filteredOutBy])
    }

    /// The items with their categories, topics, tags and decision read.
    static func withTopics(_ db: Database, _ items: [Item]) throws -> [Item] {
        let statement = try db.cachedStatement(sql: "SELECT categories, topics, tags, filtered_out_by FROM item_topic WHERE item_key = ?")
        return try items.map { item in
            guard let row = try Row.fetchOne(statement, arguments: [item.key]) else { return item }
            var item = item
            item.categories = list(row[0])
            item.topics = list(row[1])
            item.tags = list(row[2])
            item.filteredOutBy = row[3]
            return item
        }
    }

    /// When the rules that decided the archive's items were not `rulesHash`: decides every item again
    /// with `decide`, gives the items whose topics, tags or decision changed a new revision (so every
    /// output publishes or unpublishes them), and records the hash. Returns how many items changed.
    public func redecide(rulesHash: String, _ decide: @escaping @Sendable (inout Item) -> Void) async throws -> Int {
        try await pool.write { db in
            let stored = try String.fetchOne(db, sql: "SELECT rules_hash FROM topic_state")
            guard stored != rulesHash else { return 0 }
            var changed = 0
            var revision: Int64?
            var lastRowID: Int64 = 0
            while true {
                let rows = try Row.fetchAll(
                    db, sql: "SELECT \(Self.itemColumns), rowid FROM item WHERE rowid > ? ORDER BY rowid LIMIT 500", arguments: [lastRowID])
                guard let last = rows.last else { break }
                lastRowID = last["rowid"]
                for item in try Self.withTopics(db, rows.map(Self.item)) {
                    var decided = item
                    decide(&decided)
                    guard decided.topics != item.topics || decided.tags != item.tags || decided.filteredOutBy != item.filteredOutBy
                    else { continue }
                    let current = try revision ?? self.nextRevision(db)
                    revision = current
                    try self.storeTopics(db, decided, replacing: true)
                    try db.cachedStatement(sql: "UPDATE item SET revision = ? WHERE key = ?").execute(arguments: [current, item.key])
                    changed += 1
                }
            }
            try db.execute(sql: "DELETE FROM topic_state")
            try db.execute(sql: "INSERT INTO topic_state(rules_hash) VALUES (?)", arguments: [rulesHash])
            return changed
        }
    }
}
