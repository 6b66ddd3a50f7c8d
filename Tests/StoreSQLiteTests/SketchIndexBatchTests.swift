@testable import StoreSQLite
import Testing
import TestSupport

/// The index's lookup of a whole sketch (its buckets read together) answers what one lookup per slot
/// answers, for values no entry has, values a few have, and values so common the limit refuses them.
struct SketchIndexBatchTests {
    @Test func aWholeSketchIsLookedUpAsSlotBySlot() {
        var random = SeededGenerator(state: 11)
        let index = SketchIndex()
        // 3,000 entries whose values come from a small pool in some slots (shared, some by more than
        // the limit) and a large one in the others; sightings spread over ten days.
        var rows: [SketchIndex.Row] = []
        for entry in 0..<3000 {
            let sketch = (0..<8).map { slot -> UInt64 in
                slot < 3 ? UInt64.random(in: 0..<(slot == 0 ? 40 : 400), using: &random) : random.next()
            }
            rows.append((seq: Int64(entry + 1), itemID: Int64(entry + 1), firstSeen: Double(entry % 10), sketch: sketch))
        }
        index.catchUp { _ in rows }
        for probe in 0..<500 {
            // Half the probes repeat an entry's values, the others mix pool values with unseen ones.
            let sketch = probe % 2 == 0
                ? rows[Int.random(in: 0..<rows.count, using: &random)].sketch
                : (0..<8).map { slot in slot < 3 ? UInt64.random(in: 0..<400, using: &random) : random.next() }
            let since = Double(probe % 12)
            let whole = index.items(sketch: sketch, since: since, atMost: 32)
            let bySlot = sketch.indices.map { index.items(slot: $0, value: sketch[$0], since: since, atMost: 32) }
            #expect(whole == bySlot, "probe \(probe)")
        }
        // The small pool's slot 0 holds values shared by about 75 entries each: refused.
        #expect(index.items(sketch: rows[0].sketch, since: 0, atMost: 32)[0] == nil)
        #expect(index.items(sketch: rows[0].sketch, since: 0, atMost: 32)[5] == [1])
    }
}
