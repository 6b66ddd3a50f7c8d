import Foundation
import NewsCore
@testable import StoreSQLite
import Testing

/// The sketch rows a store writes join its in-memory index from memory when they commit; the archive's
/// rows are read back only when another process (another store on the same file) wrote in between.
struct SketchIndexOwnRowsTests {
    static func items(_ range: Range<Int>, source: Source, now: Date, salt: UInt64 = 0) -> [Item] {
        range.map { number in
            var item = ArchiveTests.item("id:\(number)", source: source, link: "https://a.example/\(number)", daysAgo: 0, now: now)
            item.sketch = (0..<8).map { UInt64(number * 8 + $0) + salt }
            return item
        }
    }

    static func probe(near number: Int, source: Source, now: Date) -> Item {
        var probe = ArchiveTests.item("id:probe", source: source, link: "https://a.example/probe", daysAgo: 0, now: now)
        probe.sketch = [UInt64(number * 8), UInt64(number * 8 + 1), 0, 0, 0, 0, 0, 0]
        return probe
    }

    @Test func aStoreDoesNotReadBackTheSketchRowsItWrote() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArchiveTests.source("a")
        try await store.register(source)
        let now = Date()
        #expect(try await store.nearDuplicateCandidates(for: [Self.probe(near: 1, source: source, now: now)]).isEmpty)
        for feed in 0..<5 {
            _ = try await store.store(Self.items(feed * 20..<feed * 20 + 20, source: source, now: now))
            let found = try await store.nearDuplicateCandidates(for: [Self.probe(near: feed * 20 + 3, source: source, now: now)])
            #expect(found["id:probe"]?.map(\.key) == ["id:\(feed * 20 + 3)"])
        }
        #expect(store.sketches.rowsRead == 0, "the 100 rows came from memory")
    }

    @Test func rowsAnotherStoreWroteInBetweenAreReadWithTheOwnOnes() async throws {
        let (first, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let second = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
        let source = ArchiveTests.source("a")
        try await first.register(source)
        let now = Date()
        _ = try await first.store(Self.items(0..<10, source: source, now: now))
        _ = try await second.store(Self.items(10..<20, source: source, now: now))
        _ = try await first.store(Self.items(20..<30, source: source, now: now))
        _ = try await second.store(Self.items(30..<40, source: source, now: now))
        for store in [first, second] {
            for number in [3, 13, 23, 33] {
                let found = try await store.nearDuplicateCandidates(for: [Self.probe(near: number, source: source, now: now)])
                #expect(found["id:probe"]?.map(\.key) == ["id:\(number)"], "item \(number)")
            }
        }
        // A changed text replaces the row; the other store learns that by reading, this one from memory.
        var changed = Self.items(23..<24, source: source, now: now, salt: 1_000_000)
        changed[0].html = "<p>another text</p>"
        changed[0].contentHash = Item.contentHash(title: changed[0].title, html: changed[0].html)
        #expect(try await first.store(changed) == [.updated])
        for store in [first, second] {
            #expect(try await store.nearDuplicateCandidates(for: [Self.probe(near: 23, source: source, now: now)]).isEmpty)
            var probe = Self.probe(near: 23, source: source, now: now)
            probe.sketch = [23 * 8 + 1_000_000, 23 * 8 + 1 + 1_000_000, 0, 0, 0, 0, 0, 0]
            #expect(try await store.nearDuplicateCandidates(for: [probe])["id:probe"]?.map(\.key) == ["id:23"])
        }
    }

    /// A value 300 originals share (more than a depth of 255 counts) is still not counted.
    @Test func aValueSharedBeyondTheSaturatedDepthIsNotCounted() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArchiveTests.source("a")
        try await store.register(source)
        let now = Date()
        var items = Self.items(0..<300, source: source, now: now)
        for index in items.indices { items[index].sketch[0] = 7; items[index].sketch[1] = 8 }
        _ = try await store.store(items)
        var probe = Self.probe(near: 0, source: source, now: now)
        probe.sketch = [7, 8, 0, 0, 0, 0, 0, 0]
        #expect(try await store.nearDuplicateCandidates(for: [probe])["id:probe"] == nil)
        probe.sketch = [7, 8, 250 * 8 + 2, 250 * 8 + 3, 0, 0, 0, 0]
        #expect(try await store.nearDuplicateCandidates(for: [probe])["id:probe"]?.map(\.key) == ["id:250"])
    }

    /// Sketches shorter or longer than the usual eight slots (none of Newsmill's own) are indexed by
    /// every slot they have, before and after a longer one lays the index out again.
    @Test func sketchesOfOtherLengthsAreFoundByEverySlot() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArchiveTests.source("a")
        try await store.register(source)
        let now = Date()
        var items = Self.items(0..<3, source: source, now: now)
        items[1].sketch = [100, 101, 102, 103]
        items[2].sketch = (0..<11).map { 200 + UInt64($0) }
        _ = try await store.store(Array(items[0..<2]))
        _ = try await store.store([items[2]])
        func found(_ sketch: [UInt64]) async throws -> [String]? {
            var probe = Self.probe(near: 0, source: source, now: now)
            probe.sketch = sketch
            return try await store.nearDuplicateCandidates(for: [probe])["id:probe"]?.map(\.key)
        }
        #expect(try await found([0, 1, 9, 9, 9, 9, 9, 9]) == ["id:0"])
        #expect(try await found([9, 9, 102, 103]) == ["id:1"])
        #expect(try await found([9, 9, 9, 9, 9, 9, 9, 9, 9, 209, 210]) == ["id:2"])
        #expect(try await found([9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 210]) == nil)
        // A fresh store reads them all from the archive, the longest first laid out when it comes.
        let reader = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
        var probe = Self.probe(near: 0, source: source, now: now)
        probe.sketch = [9, 9, 102, 103, 9, 9, 9, 9, 9, 209, 210]
        #expect(try await reader.nearDuplicateCandidates(for: [probe])["id:probe"]?.map(\.key).sorted() == ["id:1", "id:2"])
    }
}
