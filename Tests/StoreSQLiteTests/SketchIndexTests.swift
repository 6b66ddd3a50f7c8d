import Foundation
import NewsCore
import StoreSQLite
import Testing

/// The near-duplicate index lives in each process's memory, read from the archive's packed sketch
/// rows: it learns what another process (another store on the same file) writes after it was read,
/// and forgets what this process deletes only once the deletion is committed.
struct SketchIndexTests {
    @Test func anIndexAlreadyReadLearnsWhatAnotherStoreWrites() async throws {
        let (reader, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
        let source = ArchiveTests.source("a")
        try await writer.register(source)
        let now = Date()
        var probe = ArchiveTests.item("id:9", source: source, link: "https://a.example/9", daysAgo: 0, now: now)
        probe.sketch = [1, 2, 3, 4, 0, 0, 0, 0]
        #expect(try await reader.nearDuplicateCandidates(for: [probe])["id:9"] == nil)

        var first = ArchiveTests.item("id:1", source: source, link: "https://a.example/1", daysAgo: 0, now: now)
        first.sketch = [1, 2, 3, 4, 5, 6, 7, 8]
        #expect(try await writer.store(first) == .inserted)
        #expect(try await reader.nearDuplicateCandidates(for: [probe])["id:9"]?.map(\.key) == ["id:1"])

        // A text that changes gets a new row, which the reader finds by its new values.
        first.html = "<p>another story</p>"
        first.contentHash = Item.contentHash(title: first.title, html: first.html)
        first.sketch = [31, 32, 33, 34, 35, 36, 37, 38]
        #expect(try await writer.store(first) == .updated)
        probe.sketch = [0, 0, 0, 0, 35, 36, 0, 0]
        #expect(try await reader.nearDuplicateCandidates(for: [probe])["id:9"]?.map(\.key) == ["id:1"])
    }

    @Test func manyUpdatesAndDeletesLeaveTheIndexRight() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArchiveTests.source("a")
        try await store.register(source)
        let now = Date()
        // 1,500 items, each then given a new text, and every other one forgotten: the index reads
        // itself again once most of its entries are gone, and still answers as the rows say.
        var items = (0..<1500).map { number in
            var item = ArchiveTests.item("id:\(number)", source: source, link: "https://a.example/\(number)", daysAgo: 0, now: now)
            item.sketch = (0..<8).map { UInt64(number * 8 + $0) }
            return item
        }
        _ = try await store.store(items)
        var probe = ArchiveTests.item("id:probe", source: source, link: "https://a.example/probe", daysAgo: 0, now: now)
        probe.sketch = [8, 9, 0, 0, 0, 0, 0, 0]
        #expect(try await store.nearDuplicateCandidates(for: [probe])["id:probe"]?.map(\.key) == ["id:1"])
        for index in items.indices {
            items[index].html = "<p>text \(index) again</p>"
            items[index].contentHash = Item.contentHash(title: items[index].title, html: items[index].html)
            items[index].sketch = (0..<8).map { UInt64(100_000 + index * 8 + $0) }
        }
        _ = try await store.store(items)
        #expect(try await store.nearDuplicateCandidates(for: [probe])["id:probe"] == nil, "the old values went with the old texts")
        for index in stride(from: 0, to: items.count, by: 2) {
            _ = try await store.forget(items[index].key, reason: "forget", at: now)
        }
        // Item 3 (kept) by its first two slots, item 2 (forgotten) by its next two.
        probe.sketch = [100_024, 100_025, 100_018, 100_019, 0, 0, 0, 0]
        #expect(try await store.nearDuplicateCandidates(for: [probe])["id:probe"]?.map(\.key) == ["id:3"])
    }

    /// A value more than 32 originals share is not counted, whether the index answers from the
    /// chain's length (nothing removed, everything recent) or by walking it.
    @Test func aValueMoreThan32OriginalsShareIsNotCounted() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArchiveTests.source("a")
        try await store.register(source)
        let now = Date()
        func sharing(_ count: Int, from start: Int, value: UInt64) -> [Item] {
            (start..<start + count).map { number in
                var item = ArchiveTests.item("id:\(number)", source: source, link: "https://a.example/\(number)", daysAgo: 0, now: now)
                item.sketch = [value, value + 1] + (0..<6).map { UInt64(1_000_000 + number * 8 + $0) }
                return item
            }
        }
        _ = try await store.store(sharing(32, from: 0, value: 10) + sharing(33, from: 100, value: 20))
        var probe = ArchiveTests.item("id:probe", source: source, link: "https://a.example/probe", daysAgo: 0, now: now)
        probe.sketch = [10, 11, 0, 0, 0, 0, 0, 0]
        #expect(try await store.nearDuplicateCandidates(for: [probe])["id:probe"]?.count == 20, "32 share it: the 20 first candidates")
        probe.sketch = [20, 21, 0, 0, 0, 0, 0, 0]
        #expect(try await store.nearDuplicateCandidates(for: [probe])["id:probe"] == nil, "33 share it")
        // One of the 33 forgotten: 32 left, found by walking the chain.
        _ = try await store.forget("id:100", reason: "forget", at: now)
        #expect(try await store.nearDuplicateCandidates(for: [probe])["id:probe"]?.count == 20)
    }
}
