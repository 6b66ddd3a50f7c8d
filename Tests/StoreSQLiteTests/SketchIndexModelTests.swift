@testable import StoreSQLite
import Testing
import TestSupport

/// The index answers what a plain list of its live rows answers, through additions (some replacing an
/// item's earlier row), removals, prunes, bucket growth and reads from scratch: values drawn from small
/// pools in some slots make long chains of one value and buckets that hold several values.
struct SketchIndexModelTests {
    /// The archive's sketch rows, oldest first: what the index should hold.
    struct Model {
        var rows: [SketchIndex.Row] = []

        /// A new row for an item replaces its earlier one, as a changed text does.
        mutating func add(_ row: SketchIndex.Row) {
            rows.removeAll { $0.itemID == row.itemID }
            rows.append(row)
        }

        func items(slot: Int, value: UInt64, since: Double, atMost limit: Int) -> [Int64]? {
            let found = rows.filter { slot < $0.sketch.count && $0.sketch[slot] == value && $0.firstSeen >= since }.map(\.itemID)
            return found.count > limit ? nil : found.sorted()
        }
    }

    @Test func everyAnswerIsTheLiveRowsAnswer() {
        var random = SeededGenerator(state: 29)
        let index = SketchIndex()
        var model = Model()
        var seq: Int64 = 0
        func sketch() -> [UInt64] {
            (0..<8).map { slot in
                switch slot {
                case 0: UInt64.random(in: 0..<6, using: &random)  // values shared by very many
                case 1, 2: UInt64.random(in: 0..<120, using: &random)  // by a few dozen
                default: random.next() % 5000
                }
            }
        }
        func check(_ round: Int) {
            for probe in 0..<60 {
                let slot = probe % 8
                let value: UInt64 = probe % 3 == 0 && !model.rows.isEmpty
                    ? model.rows[Int.random(in: 0..<model.rows.count, using: &random)].sketch[slot]
                    : sketch()[slot]
                let since = Double(Int.random(in: 0..<12, using: &random))
                let limit = [4, 32, 300][probe % 3]
                #expect(index.items(slot: slot, value: value, since: since, atMost: limit)
                            == model.items(slot: slot, value: value, since: since, atMost: limit),
                        "round \(round), slot \(slot), value \(value), since \(since), limit \(limit)")
            }
            let whole = sketch()
            #expect(index.items(sketch: whole, since: 3, atMost: 32)
                        == whole.indices.map { model.items(slot: $0, value: whole[$0], since: 3, atMost: 32) })
            // Candidates: the rows sharing at least two slots, counted over the slots' answers.
            for probe in 0..<20 {
                let sketch = probe % 2 == 0 && !model.rows.isEmpty
                    ? model.rows[Int.random(in: 0..<model.rows.count, using: &random)].sketch.enumerated().map { $0.offset < 3 ? $0.element : sketch()[$0.offset] }
                    : sketch()
                let since = Double(probe % 12) - 1
                var counts: [Int64: Int] = [:]
                for slot in sketch.indices { for id in model.items(slot: slot, value: sketch[slot], since: since, atMost: 32) ?? [] { counts[id, default: 0] += 1 } }
                let expected = counts.filter { $0.value >= 2 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(20).map(\.key)
                #expect(index.candidates(sketch: sketch, since: since, atMost: 32, sharing: 2, count: 20) == expected, "round \(round), probe \(probe)")
            }
        }
        for round in 0..<40 {
            // Rows another process wrote, read by a catch-up.
            var read: [SketchIndex.Row] = []
            for _ in 0..<Int.random(in: 20..<200, using: &random) {
                seq += 1
                let itemID = Int64.random(in: 1...1500, using: &random)
                read.append((seq: seq, itemID: itemID, firstSeen: Double(Int.random(in: 0..<10, using: &random)), sketch: sketch()))
            }
            read.forEach { model.add($0) }
            // (A catch-up that reads from the start again, once most entries are removed, gets every row.)
            index.catchUp { after in model.rows.filter { $0.seq > after } }
            check(round)
            // This process's own write: removals and additions, committed together.
            for _ in 0..<Int.random(in: 0..<30, using: &random) {
                guard let victim = model.rows.randomElement(using: &random) else { break }
                index.stageRemoval(itemID: victim.itemID)
                model.rows.removeAll { $0.itemID == victim.itemID }
            }
            for _ in 0..<Int.random(in: 0..<40, using: &random) {
                seq += 1
                let row = (seq: seq, itemID: Int64.random(in: 1...1500, using: &random), firstSeen: 9.0, sketch: sketch())
                index.stageAddition(row)
                model.add(row)
            }
            if round % 13 == 12 {
                index.stagePrune(before: 2)
                model.rows.removeAll { $0.firstSeen < 2 }
            }
            index.applyStagedChanges()
            check(round)
        }
    }

    /// With nothing removed and every entry recent (a cold import), candidates are counted by the
    /// entries' places alone: they must still be the rows the slots' answers count.
    @Test func candidatesOfAnIndexWithNothingRemovedAreTheCountedRows() {
        var random = SeededGenerator(state: 31)
        let index = SketchIndex()
        let rows: [SketchIndex.Row] = (1...3000).map { id in
            let sketch = (0..<8).map { slot -> UInt64 in slot < 4 ? UInt64.random(in: 0..<(slot == 0 ? 30 : 300), using: &random) : random.next() }
            return (seq: Int64(id), itemID: Int64(id), firstSeen: Double(id % 5), sketch: sketch)
        }
        index.catchUp { _ in rows }
        let model = Model(rows: rows)
        for probe in 0..<400 {
            let base = rows[Int.random(in: 0..<rows.count, using: &random)].sketch
            let sketch = base.indices.map { probe % 3 == 0 || $0 < 3 ? base[$0] : random.next() % 300 }
            for since in [-1.0, 0, 3] {
                var counts: [Int64: Int] = [:]
                for slot in sketch.indices { for id in model.items(slot: slot, value: sketch[slot], since: since, atMost: 32) ?? [] { counts[id, default: 0] += 1 } }
                let expected = counts.filter { $0.value >= 2 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(20).map(\.key)
                #expect(index.candidates(sketch: sketch, since: since, atMost: 32, sharing: 2, count: 20) == expected, "probe \(probe), since \(since)")
            }
        }
    }
}
