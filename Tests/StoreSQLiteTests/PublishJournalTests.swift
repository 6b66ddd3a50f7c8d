import Foundation
import NewsCore
import StoreSQLite
import Testing

/// The publish journal on a real SQLite file: each output sees exactly what changed since it last
/// published, in spans that never split one change.
struct PublishJournalTests {
    @Test func eachOutputSeesWhatChangedSinceItsCursor() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArchiveTests.source("s")
        try await store.register(source)
        let now = Date()
        let items = (0..<3).map { ArchiveTests.item("id:\($0)", source: source, link: "https://s.example/\($0)", daysAgo: 0, now: now) }
        _ = try await store.store(items)

        // A new output gets the whole archive, then nothing once it has published it.
        let first = try await store.unpublished(output: "hexo A", limit: 100)
        #expect(first.items.map(\.key) == ["id:0", "id:1", "id:2"])
        let through = try #require(first.through)
        try await store.markPublished(output: "hexo A", through: through)
        #expect(try await store.unpublished(output: "hexo A", limit: 100).through == nil)

        // An update is one change; an unchanged store is none.
        var changed = items[1]
        changed.title = "changed"
        changed.contentHash = "new"
        _ = try await store.store([changed, items[2]])
        let second = try await store.unpublished(output: "hexo A", limit: 100)
        #expect(second.items.map(\.title) == ["changed"])
        #expect(second.removals.isEmpty)
        try await store.markPublished(output: "hexo A", through: try #require(second.through))

        // A forgotten item is a removal, named by its post key; other outputs still see everything.
        _ = try await store.forget("id:0", reason: "test", at: now)
        let third = try await store.unpublished(output: "hexo A", limit: 100)
        #expect(third.items.isEmpty)
        #expect(third.removals == [RemovedItem(itemKey: "id:0", postKey: "id:0")])
        #expect(try await store.unpublished(output: "site B", limit: 100).items.count == 2)

        // Pruning keeps removals an output has not applied, and drops outputs no longer configured.
        try await store.pruneJournal(keeping: ["hexo A"])
        #expect(try await store.unpublished(output: "hexo A", limit: 100).removals.count == 1)
        try await store.markPublished(output: "hexo A", through: try #require(third.through))
        try await store.pruneJournal(keeping: ["hexo A"])
        #expect(try await store.unpublished(output: "hexo A", limit: 100).through == nil)
    }

    @Test func spansNeverSplitOneChange() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArchiveTests.source("s")
        try await store.register(source)
        let now = Date()
        // Three feeds' worth: 4, 4 and 1 items, each stored in one transaction.
        for batch in [0..<4, 4..<8, 8..<9] {
            _ = try await store.store(batch.map { ArchiveTests.item("id:\($0)", source: source, link: nil, daysAgo: 0, now: now) })
        }
        var seen: [String] = []
        var spans: [Int] = []
        while true {
            let changes = try await store.unpublished(output: "o", limit: 5)
            guard let through = changes.through else { break }
            seen += changes.items.map(\.key)
            spans.append(changes.items.count)
            try await store.markPublished(output: "o", through: through)
        }
        #expect(spans == [4, 5], "a span of 5 cuts before the second feed's last item would split it: \(spans)")
        #expect(seen.sorted() == (0..<9).map { "id:\($0)" }.sorted())
        // One change larger than the limit comes whole.
        _ = try await store.store((10..<20).map { ArchiveTests.item("id:\($0)", source: source, link: nil, daysAgo: 0, now: now) })
        #expect(try await store.unpublished(output: "o", limit: 5).items.count == 10)
    }
}
