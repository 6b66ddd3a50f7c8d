import Foundation
import GRDB
import NewsCore

// Near-duplicate candidates: one packed sketch row per original (`item_sketch`), looked up through
// the process's in-memory index of them (``SketchIndex``).
extension SQLiteArticleStore {
    /// How far back near-duplicate candidates are looked for, by first sighting.
    static let nearDuplicateWindow: TimeInterval = 7 * 86400

    /// The original this new item copies: another item with its link, else the original of the item
    /// the caller confirmed as the same story (``nearDuplicateCandidates(for:)``), if it is still
    /// archived. Copies of copies point at the first original.
    func original(_ db: Database, of item: Item) throws -> String? {
        // (One text value each, not a row: GRDB indexes a row's column names every time it makes one.)
        if let linkKey = item.linkKey, let original = try String.fetchOne(
            db.cachedStatement(sql: "SELECT COALESCE(duplicate_of, key) FROM item WHERE link_key = ? LIMIT 1"), arguments: [linkKey]) {
            return original
        }
        guard let proposed = item.duplicateOf else { return nil }
        return try String.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(duplicate_of, key) FROM item WHERE key = ?"), arguments: [proposed])
    }

    public func nearDuplicateCandidates(for items: [Item]) async throws -> [String: [Item]] {
        // A run with nothing new never reads the index (a re-run of a 3,000-item feed would spend
        // a twentieth of its time on it).
        guard items.contains(where: { !$0.sketch.isEmpty }) else { return [:] }
        return try readOnWriter { db in
            try self.catchUpSketches(db)
            // Every item's candidates first, then all of them read in one query (a query per candidate
            // was 1 % of a cold import's instructions).
            let candidates = items.filter { !$0.sketch.isEmpty }.map { item in
                (item.key, self.candidates(near: item.sketch, since: item.firstSeen.timeIntervalSince1970 - Self.nearDuplicateWindow, limit: 20))
            }
            let archived = try Self.items(db, rowids: Array(Set(candidates.flatMap(\.1))))
            var found: [String: [Item]] = [:]
            for (key, ids) in candidates {
                let items = ids.compactMap { archived[$0] }
                if !items.isEmpty { found[key] = items }
            }
            return found
        }
    }

    /// Reads the sketch rows written since the index last looked (by this process or another).
    func catchUpSketches(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: "SELECT seq, item_id, first_seen, sketch FROM item_sketch WHERE seq > ? ORDER BY seq")
        try sketches.catchUp { after in
            try Array(Row.fetchCursor(statement, arguments: [after]).map { row -> SketchIndex.Row in
                (seq: row[0], itemID: row[1], firstSeen: row[2], sketch: Self.sketch(row[3]))
            })
        }
    }

    /// Indexes the sketch of `item`, whose row is `itemID`; the in-memory index learns the row from
    /// memory once the transaction commits (reading back each feed's rows before the next feed's
    /// lookups was 1.3 % of a cold import). Only writes through ``GroupedWrites`` may call it.
    func insertSketch(_ db: Database, _ item: Item, itemID: Int64) throws {
        guard let blob = Self.blob(item.sketch) else { return }
        let firstSeen = item.firstSeen.timeIntervalSince1970
        try db.cachedStatement(sql: "INSERT INTO item_sketch(item_id, first_seen, sketch) VALUES (?, ?, ?)")
            .execute(arguments: [itemID, firstSeen, blob])
        sketches.stageAddition((seq: db.lastInsertedRowID, itemID: itemID, firstSeen: firstSeen, sketch: Self.sketch(blob)))
    }

    /// Removes the sketch of the item whose row is `itemID`; the in-memory index forgets it once the
    /// transaction commits. Only writes through ``GroupedWrites`` may call it.
    func deleteSketch(_ db: Database, itemID: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM item_sketch WHERE item_id = ?").execute(arguments: [itemID])
        if db.changesCount > 0 { sketches.stageRemoval(itemID: itemID) }
    }

    /// A slot value shared by more items than this is boilerplate (a disclaimer every item of a
    /// source carries): it says nothing about which story an item is, so it is not counted.
    static let commonValueLimit = 32

    /// Rowids of originals first seen since `since` that share at least ``TextFingerprint/candidateSlots``
    /// sketch slots with `sketch`, most shared first: one index lookup per slot.
    func candidates(near sketch: [UInt64], since: Double, limit: Int) -> [Int64] {
        sketches.candidates(sketch: sketch, since: since, atMost: Self.commonValueLimit, sharing: TextFingerprint.candidateSlots, count: limit)
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
