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
///
/// Layout: every entry has `width` nodes (the longest sketch's slots; 8), one per slot, in entry order,
/// kept in chunks of 16,384 (no array that doubles, no copy as it grows, no reference counting). A
/// node (16 bytes) holds its value, the next node of its hash bucket's chain and the next older node
/// with the same slot and value; its value's chain depth, saturating at 255, is kept beside it (1 byte).
/// A bucket chain links only the newest node of each slot and value (at most two a bucket on average),
/// so a lookup walks the nodes that hold its value and no others; each entry's rowid and first
/// sighting sit together (one cache miss a match, not two). One bucket array (8 bytes a bucket: its
/// first node and a filter of its chain's values) serves every slot. Eight dictionaries (one per slot)
/// and two 32-bit arrays per slot took about 10 MB at 40,000 originals.
final class SketchIndex: @unchecked Sendable {
    private let lock = NSLock()
    /// The last `item_sketch.seq` read.
    private var readThrough: Int64 = 0
    /// Per entry (one per sketch row read): the item's rowid and its first sighting (-∞ once removed),
    /// and how many slots its sketch has (its nodes past those are never in a bucket).
    private var entries: [SketchEntry] = []
    private var slotCounts: [UInt8] = []
    /// The live entry of each item rowid.
    private var entryOfItem: [Int64: Int32] = [:]
    /// Nodes per entry: entry `e`'s slot `s` is node `e * width + s`.
    private var width = 0
    private let nodes = ChunkedStorage<SketchNode>()
    /// Per node: how many entries held its slot's value once it joined (itself included), at most 255.
    private let depth = ChunkedStorage<UInt8>()
    /// The first node of each hash bucket's chain and which values it holds; a power of two of them.
    private var buckets: [SketchBucket] = []
    private var bucketShift: UInt64 = 64
    private var removedEntries = 0
    /// No entry was first seen before this (a bound: removed entries included).
    private var earliestSighting = Double.infinity

    /// A sketch row as the archive keeps it.
    typealias Row = (seq: Int64, itemID: Int64, firstSeen: Double, sketch: [UInt64])

    /// Adds the rows written since the last call: `rows` gives them in `seq` order after `readThrough`.
    func catchUp(_ rows: (_ after: Int64) throws -> [Row]) rethrows {
        lock.lock()
        defer { lock.unlock() }
        if removedEntries > 1024 && removedEntries > entries.count / 2 {
            // Mostly removed entries: read the archive's rows again from the start, without them.
            readThrough = 0
            entries = []
            slotCounts = []
            entryOfItem = [:]
            resetNodes(width: 0)
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
    var stagedChanges: Int {
        lock.lock()
        defer { lock.unlock() }
        return staged.count
    }

    func dropStagedChanges(after count: Int) {
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
    func applyStagedChanges() {
        lock.lock()
        defer { lock.unlock() }
        if let cutoff = stagedPrune {
            // The rows read so far are those the prune saw; rows written after it are read later.
            for (itemID, entry) in entryOfItem where entries[Int(entry)].firstSeen < cutoff {
                entryOfItem[itemID] = nil
                entries[Int(entry)].firstSeen = -.infinity
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
                entries[Int(entry)].firstSeen = -.infinity
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
    /// order; nil when more than `limit` do (a value that common says nothing about the story). The
    /// store asks ``candidates(sketch:since:atMost:sharing:count:)``; the tests hold that to these answers.
    func items(slot: Int, value: UInt64, since: Double, atMost limit: Int) -> [Int64]? {
        lock.lock()
        defer { lock.unlock() }
        return unlockedItems(slot: slot, value: value, since: since, atMost: limit)
    }

    /// What ``items(slot:value:since:atMost:)`` answers for each slot of `sketch`, under one lock,
    /// with the buckets of every slot read first, together: eight independent loads, which the
    /// processor overlaps, instead of eight cache misses one after another.
    func items(sketch: [UInt64], since: Double, atMost limit: Int) -> [[Int64]?] {
        lock.lock()
        defer { lock.unlock() }
        let mayHold = slotsBucketsMayHold(sketch)
        return sketch.indices.map { slot in
            guard Self.mask(mayHold, allows: slot) else { return [] }
            return unlockedItems(slot: slot, value: sketch[slot], since: since, atMost: limit)
        }
    }

    /// The rowids of the entries first seen since `since` that share at least `minimum` of `sketch`'s
    /// slots (a slot whose value more than `limit` such entries hold is not counted), most shared first,
    /// then by rowid, at most `count` of them: what counting ``items(sketch:since:atMost:)``'s answers
    /// gives. When no entry was removed and every one is recent enough (a cold import, most runs), a
    /// matching node's entry is counted by its place, without reading its rowid and sighting: one cache
    /// miss a node instead of two.
    func candidates(sketch: [UInt64], since: Double, atMost limit: Int, sharing minimum: Int, count: Int) -> [Int64] {
        lock.lock()
        defer { lock.unlock() }
        let mayHold = slotsBucketsMayHold(sketch)
        let allCount = removedEntries == 0 && earliestSighting >= since
        var matches: [Int32] = []
        for slot in sketch.indices where Self.mask(mayHold, allows: slot) {
            guard var node = newest(slot: slot, value: sketch[slot]).node else { continue }
            if allCount && limit < Int(UInt8.max) && Int(depth[Int(node)]) > limit { continue }
            let first = matches.count
            // (A walk ends as soon as the value is too common: boilerplate chains every item of a source.)
            while node >= 0 && matches.count - first <= limit {
                let entry = Int32(Int(node) / width)
                if allCount || entries[Int(entry)].firstSeen >= since { matches.append(entry) }
                node = nodes[Int(node)].sameValue
            }
            if matches.count - first > limit { matches.removeLast(matches.count - first) }
        }
        guard matches.count >= minimum else { return [] }
        matches.sort()
        var shared: [(itemID: Int64, slots: Int)] = []
        var start = 0
        while start < matches.count {
            var end = start + 1
            while end < matches.count && matches[end] == matches[start] { end += 1 }
            if end - start >= minimum { shared.append((entries[Int(matches[start])].itemID, end - start)) }
            start = end
        }
        shared.sort { $0.slots != $1.slots ? $0.slots > $1.slots : $0.itemID < $1.itemID }
        return shared.prefix(count).map(\.itemID)
    }

    /// Bit `s` set for each slot `s` below 64 whose value the bucket's filter may hold (slots past
    /// the index's width never match).
    private func slotsBucketsMayHold(_ sketch: [UInt64]) -> UInt64 {
        guard !buckets.isEmpty else { return 0 }
        var mask: UInt64 = 0
        for slot in 0..<min(sketch.count, width, 64) {
            let hash = mixed(slot: slot, value: sketch[slot])
            if buckets[Int(truncatingIfNeeded: hash >> bucketShift)].mayHold(hash) { mask |= 1 << UInt64(slot) }
        }
        return mask
    }

    /// Whether a mask from ``slotsBucketsMayHold(_:)`` lets `slot` be looked up (slots from 64 on always are).
    private static func mask(_ mask: UInt64, allows slot: Int) -> Bool {
        slot >= 64 || mask & (1 << UInt64(slot)) != 0
    }

    private func unlockedItems(slot: Int, value: UInt64, since: Double, atMost limit: Int) -> [Int64]? {
        guard var node = newest(slot: slot, value: value).node else { return [] }
        // A common value (boilerplate, or a frequent word's shingle) chains many entries: when none was
        // removed and all were first seen since `since`, the chain's depth answers without a walk
        // (exact below 255, where it saturates).
        if removedEntries == 0 && earliestSighting >= since && limit < Int(UInt8.max) && Int(depth[Int(node)]) > limit {
            return nil
        }
        var found: [Int64] = []
        // Every node of the value's own chain holds it: no node of another value is read.
        while node >= 0 {
            let entry = entries[Int(node) / width]
            if entry.firstSeen >= since {
                guard found.count < limit else { return nil }
                found.append(entry.itemID)
            }
            node = nodes[Int(node)].sameValue
        }
        // The chain runs newest first.
        return found.sorted()
    }

    /// The newest node with `value` in `slot`, if any, and the node before it in its bucket's chain
    /// (-1 when it is the bucket's first, or when there is none).
    private func newest(slot: Int, value: UInt64) -> (node: Int32?, before: Int32) {
        guard !buckets.isEmpty, slot < width else { return (nil, -1) }
        let hash = mixed(slot: slot, value: value)
        let bucket = buckets[Int(truncatingIfNeeded: hash >> bucketShift)]
        // Most values of a new story are in no chain: the bucket's filter says so without a walk.
        guard bucket.mayHold(hash) else { return (nil, -1) }
        var before: Int32 = -1
        var node = bucket.first
        while node >= 0 {
            let held = nodes[Int(node)]
            if held.value == value && Int(node) % width == slot { return (node, before) }
            before = node
            node = held.bucketNext
        }
        return (nil, -1)
    }

    private func mixed(slot: Int, value: UInt64) -> UInt64 {
        (value ^ (UInt64(truncatingIfNeeded: slot) &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
    }

    /// Makes `node` (holding `value` in `slot`) its value's newest: it takes the place of the value's
    /// previous newest node in the bucket's chain (which stays reachable as the next of its own
    /// value), or joins the chain's front. Returns the previous newest node.
    @discardableResult
    private func link(node: Int, slot: Int, value: UInt64, mayHold: Bool = true) -> Int32? {
        let hash = mixed(slot: slot, value: value)
        let target = Int(truncatingIfNeeded: hash >> bucketShift)
        let (previous, before) = mayHold ? newest(slot: slot, value: value) : (nil, -1)
        if let previous {
            nodes[node].sameValue = previous
            nodes[node].bucketNext = nodes[Int(previous)].bucketNext
            if before >= 0 { nodes[Int(before)].bucketNext = Int32(node) } else { buckets[target].first = Int32(node) }
        } else {
            nodes[node].sameValue = -1
            nodes[node].bucketNext = buckets[target].first
            buckets[target].first = Int32(node)
            buckets[target].note(hash)
        }
        return previous
    }

    private func resetNodes(width newWidth: Int) {
        width = newWidth
        nodes.removeAll()
        depth.removeAll()
        buckets = []
        bucketShift = 64
    }

    /// Doubles the buckets when the nodes would outnumber them twice, and links every node again.
    /// (One node a bucket took 1 MB more at 40,000 originals for no measurable gain in CPU.)
    private func reserveBuckets(nodes count: Int) {
        guard count > 2 * buckets.count else { return }
        var size = max(1024, buckets.count)
        while 2 * size < count { size *= 2 }
        buckets = [SketchBucket](repeating: SketchBucket(), count: size)
        bucketShift = UInt64(64 - size.trailingZeroBitCount)
        // Oldest first, so each value's newest node again leads its bucket's chain.
        for entry in 0..<(nodes.count / max(1, width)) {
            for slot in 0..<Int(slotCounts[entry]) {
                let node = entry * width + slot
                link(node: node, slot: slot, value: nodes[node].value)
            }
        }
    }

    /// Lays the nodes out again for a longer sketch than any before (never for Newsmill's own, all of
    /// ``TextFingerprint/sketchSize``), in entry order, so chains and depths come out as they were.
    private func widen(to newWidth: Int, entryCount: Int) {
        let oldWidth = width
        let sketches = (0..<entryCount).map { entry in (0..<Int(slotCounts[entry])).map { nodes[entry * oldWidth + $0].value } }
        resetNodes(width: newWidth)
        for (entry, sketch) in sketches.enumerated() {
            appendNodes(entry: Int32(entry), sketch: sketch)
        }
    }

    /// The entry's nodes, linked into their buckets (the entry's own data is in place).
    private func appendNodes(entry: Int32, sketch: [UInt64]) {
        reserveBuckets(nodes: nodes.count + width)
        let mayHold = slotsBucketsMayHold(sketch)
        for slot in 0..<width {
            guard slot < sketch.count else {
                nodes.append(SketchNode(value: 0))
                depth.append(0)
                continue
            }
            let value = sketch[slot]
            nodes.append(SketchNode(value: value))
            // (The entry's own nodes never match another of its slots: the filter read before them holds.)
            let previous = link(node: nodes.count - 1, slot: slot, value: value, mayHold: Self.mask(mayHold, allows: slot))
            depth.append(previous.map { depth[Int($0)] == UInt8.max ? UInt8.max : depth[Int($0)] + 1 } ?? 1)
        }
    }

    private func add(itemID: Int64, firstSeen seen: Double, sketch: [UInt64]) {
        if let old = entryOfItem[itemID] {
            entries[Int(old)].firstSeen = -.infinity
            removedEntries += 1
        }
        let entry = Int32(entries.count)
        entries.append(SketchEntry(itemID: itemID, firstSeen: seen))
        slotCounts.append(UInt8(min(sketch.count, Int(UInt8.max))))
        entryOfItem[itemID] = entry
        earliestSighting = min(earliestSighting, seen)
        // (A sketch has 8 slots; one of more than 255 would be indexed by its first 255.)
        let slots = Array(sketch.prefix(Int(UInt8.max)))
        if slots.count > width { widen(to: slots.count, entryCount: Int(entry)) }
        appendNodes(entry: entry, sketch: slots)
    }
}

/// A node of ``SketchIndex``: a slot's value in one entry's sketch, the next node of its bucket's chain
/// (while it is its value's newest node; -1 ends the chain), and the next older node with the same
/// slot and value (-1: none).
struct SketchNode {
    var value: UInt64
    var bucketNext: Int32 = -1
    var sameValue: Int32 = -1
}

/// An entry of ``SketchIndex``: the item's rowid and its first sighting (-∞ once removed).
struct SketchEntry {
    var itemID: Int64
    var firstSeen: Double
}

/// A hash bucket of ``SketchIndex``: the first node of its chain (-1: none), and a 32-bit filter of
/// the values its chain ever held (two bits each, never cleared): a value whose two bits are not both
/// set is in no node of the chain. Many of a new story's eight values are in no other story's sketch;
/// for them the filter answers without walking the chain (a cache miss a node).
struct SketchBucket {
    var first: Int32 = -1
    var filter: UInt32 = 0

    /// The filter's two bits for a value's hash (its low bits; the bucket is chosen by its high bits).
    @inline(__always) static func bits(_ hash: UInt64) -> UInt32 {
        (1 << UInt32(truncatingIfNeeded: hash & 31)) | (1 << UInt32(truncatingIfNeeded: (hash >> 5) & 31))
    }

    @inline(__always) func mayHold(_ hash: UInt64) -> Bool {
        let bits = Self.bits(hash)
        return filter & bits == bits
    }

    mutating func note(_ hash: UInt64) { filter |= Self.bits(hash) }
}

/// A growing array of a trivial type kept in chunks of 16,384 elements of raw memory: appending never
/// copies what it holds, at most one chunk's room is unused (a doubling array leaves up to half of its
/// capacity unused), and reading an element costs two loads (no reference counting, no bounds check).
final class ChunkedStorage<Element: BitwiseCopyable> {
    private var chunks: UnsafeMutablePointer<UnsafeMutablePointer<Element>>
    private var chunkCapacity = 16
    private var chunkCount = 0
    private(set) var count = 0
    private static var shift: Int { 14 }
    private static var mask: Int { (1 << shift) - 1 }

    init() { chunks = .allocate(capacity: chunkCapacity) }

    deinit {
        removeAll()
        chunks.deallocate()
    }

    subscript(index: Int) -> Element {
        @inline(__always) get { chunks[index >> Self.shift][index & Self.mask] }
        @inline(__always) set { chunks[index >> Self.shift][index & Self.mask] = newValue }
    }

    func append(_ element: Element) {
        if count & Self.mask == 0 {
            if chunkCount == chunkCapacity {
                let grown = UnsafeMutablePointer<UnsafeMutablePointer<Element>>.allocate(capacity: chunkCapacity * 2)
                grown.moveInitialize(from: chunks, count: chunkCount)
                chunks.deallocate()
                chunks = grown
                chunkCapacity *= 2
            }
            (chunks + chunkCount).initialize(to: .allocate(capacity: 1 << Self.shift))
            chunkCount += 1
        }
        (chunks[count >> Self.shift] + (count & Self.mask)).initialize(to: element)
        count += 1
    }

    func removeAll() {
        for index in 0..<chunkCount { chunks[index].deallocate() }
        chunkCount = 0
        count = 0
    }
}
