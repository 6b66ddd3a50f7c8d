import NewsCore
import Testing
import TestSupport

/// A shingle set counts what sorting both hash lists and merging them counts: distinct hashes, and
/// the hashes two texts share, with repeats, a hash of 0 and sets of very different sizes.
struct ShingleSetTests {
    /// The sorted-merge count the set replaces.
    static func sharedBySorting(_ left: [UInt64], _ right: [UInt64]) -> Int {
        Set(left).intersection(Set(right)).count
    }

    @Test func setsCountWhatSortedListsCount() {
        var random = SeededGenerator(state: 5)
        for round in 0..<300 {
            // Hashes from a pool small enough that the two lists share some and repeat some.
            let pool = [UInt64](repeating: 0, count: 1 + round % 400).map { _ in random.next() } + [0]
            let left = (0..<Int.random(in: 0..<700, using: &random)).map { _ in pool.randomElement(using: &random)! }
            let right = (0..<Int.random(in: 0..<50, using: &random)).map { _ in pool.randomElement(using: &random)! }
            let (a, b) = (ShingleSet(left), ShingleSet(right))
            #expect(a.count == Set(left).count, "round \(round)")
            #expect(b.count == Set(right).count, "round \(round)")
            #expect(a.shared(with: b) == Self.sharedBySorting(left, right), "round \(round)")
            #expect(b.shared(with: a) == a.shared(with: b), "round \(round)")
            for hash in pool.prefix(20) { #expect(a.contains(hash) == left.contains(hash)) }
        }
    }

    @Test func containmentIsSharedOverTheSmallerText() {
        let story = "国家统计局今天发布数据，四月份规模以上工业增加值同比增长百分之六点七，比上月加快零点九个百分点。"
        let whole = TextFingerprint(text: story + "其中制造业增长百分之七点五，高技术制造业增长百分之十一点三。")
        let part = TextFingerprint(text: story)
        let shared = Double(part.shingles.filter(Set(whole.shingles).contains).count)
        #expect(part.containment(with: whole) == shared / Double(part.shingles.count))
        #expect(part.containment(with: whole) == 1)
        #expect(whole.containment(with: part) == 1)
        #expect(TextFingerprint(text: "").containment(with: whole) == 0)
    }
}
