import Foundation

/// The near-duplicate index, held in memory by one process: for each sketch slot, the originals
/// whose sketch has a value there. The archive keeps one packed row per original (`item_sketch`,
/// numbered in the order they were written); the index reads the rows it has not seen before each
/// lookup, so it also learns what other processes wrote. The rows this process writes join it from
/// memory once their transaction commits (read back only when another process wrote in between), and
/// rows it deletes leave it then. A row another process deletes stays until this process ends: it
/// only proposes a candidate that is no longer archived (skipped) or whose text the comparison turns down.
///
/// It answers what the eight probes per item of the slot table it replaces answered (v11), without
/// reading the archive: a 40,000-item import spent an eighth of its CPU in those probes, and the
/// slot table's random inserts dirtied a page per slot in every transaction.
final class SketchIndex: @unchecked Sendable {
    private let lock = NSLock()
    /// The last `item_sketch.seq` read.
    private var readThrough: Int64 = 0
    /// Per entry (one per sketch row read): the item's rowid, its first sighting (-∞ once removed),
    /// and where its slots start in `next`.
    private var itemIDs: [Int64] = []
    private var firstSeen: [Double] = []
    private var slotStart: [Int32] = []
    /// The live entry of each item rowid.
    private var entryOfItem: [Int64: Int32] = [:]
    /// Per slot, the last entry whose sketch holds a value there; `next` links each entry's slot to
    /// the entry before it with the same value (-1 ends the chain).
    private var heads: [[UInt64: Int32]] = []
    private var next: [Int32] = []
    /// Per entry's slot: how many entries its chain held once it joined (itself included).
    private var depth: [Int32] = []
    private var removedEntries = 0
    /// No entry was first seen before this (a bound: removed entries included).
    private var earliestSighting = Double.infinity

    /// Adds the rows written since the last call: `rows` gives them in `seq` order after `readThrough`.
    func catchUp(_ rows: (_ after: Int64) throws -> [Row]) rethrows {
        lock.lock()
        defer { lock.unlock() }
        if removedEntries > 1024 && removedEntries > itemIDs.count / 2 {
            // Mostly removed entries: read the archive's rows again from the start, without them.
            readThrough = 0
            itemIDs = []
            firstSeen = []
            slotStart = []
            entryOfItem = [:]
            heads = []
            next = []
            depth = []
            removedEntries = 0
            earliestSighting = .infinity
        }
        for row in try rows(readThrough) {
            add(itemID: row.itemID, firstSeen: row.firstSeen, sketch: row.sketch)
            readThrough = max(readThrough, row.seq)
            rowsRead += 1
        }
    }

    /// How many rows catch-ups have read from the archive (rows from memory not counted).
    private(set) var rowsRead = 0

    /// A sketch row as the archive keeps it.
    typealias Row = (seq: Int64, itemID: Int64, firstSeen: Double, sketch: [UInt64])

    private enum Change {
        case removal(itemID: Int64)
        case addition(Row)
    }

    /// What the running write transaction changed in the archive's rows: the index applies it once
    /// the transaction commits (see ``GroupedWrites``).
    private var staged: [Change] = []

    /// Notes that the running transaction deleted the item's sketch row (its text changed, or it was deleted).
    func stageRemoval(itemID: Int64) {
        lock.lock()
        defer { lock.unlock() }
        staged.append(.removal(itemID: itemID))
    }

    /// Notes that the running transaction wrote a sketch row: it joins the index from memory once the
    /// transaction commits, unless another process's rows came before it (then it is read with them).
    func stageAddition(_ row: Row) {
        lock.lock()
        defer { lock.unlock() }
        staged.append(.addition(row))
    }

    /// How many changes are staged: a write that is rolled back drops the ones it staged.
    var stagedRemovals: Int {
        lock.lock()
        defer { lock.unlock() }
        return staged.count
    }

    func dropStagedRemovals(after count: Int) {
        lock.lock()
        defer { lock.unlock() }
        staged.removeLast(max(0, staged.count - count))
        if count == 0 { stagedPrune = nil }
    }

    private var stagedPrune: Double?

    /// Notes that the running transaction deleted the rows of items first seen before `cutoff`
    /// (rows it writes afterwards stay).
    func stagePrune(before cutoff: Double) {
        lock.lock()
        defer { lock.unlock() }
        stagedPrune = cutoff
    }

    /// The transaction committed: its items' old sketches leave the index and its new ones join it.
    func applyStagedRemovals() {
        lock.lock()
        defer { lock.unlock() }
        if let cutoff = stagedPrune {
            // The rows read so far are those the prune saw; rows written after it are read later.
            for (itemID, entry) in entryOfItem where firstSeen[Int(entry)] < cutoff {
                entryOfItem[itemID] = nil
                firstSeen[Int(entry)] = -.infinity
                removedEntries += 1
            }
        }
        stagedPrune = nil
        // A row joins only right after the last one read: a gap is another process's rows (or rows
        // deleted since), which the next catch-up reads in order, this transaction's rows with them.
        var contiguous = true
        for change in staged {
            switch change {
            case .removal(let itemID):
                guard let entry = entryOfItem.removeValue(forKey: itemID) else { continue }
                firstSeen[Int(entry)] = -.infinity
                removedEntries += 1
            case .addition(let row):
                guard row.seq > readThrough else { continue }  // a catch-up read it already
                guard contiguous && row.seq == readThrough + 1 else {
                    contiguous = false
                    continue
                }
                add(itemID: row.itemID, firstSeen: row.firstSeen, sketch: row.sketch)
                readThrough = row.seq
            }
        }
        staged = []
    }

    /// Rowids of the items first seen since `since` whose sketch holds `value` in `slot`, in rowid
    /// order; nil when more than `limit` do (a value that common says nothing about the story).
    func items(slot: Int, value: UInt64, since: Double, atMost limit: Int) -> [Int64]? {
        lock.lock()
        defer { lock.unlock() }
        guard slot < heads.count, var entry = heads[slot][value] else { return [] }
        // A common value (boilerplate, or a frequent word's shingle) chains many entries: when none was
        // removed and all were first seen since `since`, the chain's length answers without a walk.
        if removedEntries == 0 && earliestSighting >= since && depth[Int(slotStart[Int(entry)]) + slot] > limit {
            return nil
        }
        var found: [Int64] = []
        while entry >= 0 {
            let index = Int(entry)
            if firstSeen[index] >= since {
                guard found.count < limit else { return nil }
                found.append(itemIDs[index])
            }
            entry = next[Int(slotStart[index]) + slot]
        }
        // The chain runs newest first.
        return found.sorted()
    }

    private func add(itemID: Int64, firstSeen seen: Double, sketch: [UInt64]) {
        if let old = entryOfItem[itemID] {
            firstSeen[Int(old)] = -.infinity
            removedEntries += 1
        }
        let entry = Int32(itemIDs.count)
        itemIDs.append(itemID)
        firstSeen.append(seen)
        slotStart.append(Int32(next.count))
        entryOfItem[itemID] = entry
        while heads.count < sketch.count { heads.append([:]) }
        earliestSighting = min(earliestSighting, seen)
        for (slot, value) in sketch.enumerated() {
            let previous = heads[slot].updateValue(entry, forKey: value) ?? -1
            next.append(previous)
            depth.append(previous < 0 ? 1 : depth[Int(slotStart[Int(previous)]) + slot] + 1)
        }
    }
}
