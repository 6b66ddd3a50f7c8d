import Foundation
import NewsCore
@testable import StoreSQLite
import Testing

/// What the journal gives from memory (the items this process inserted, see `WrittenItems`) is what
/// reading their rows gives, and a row written again since is read, never taken from memory.
struct WrittenItemsTests {
    /// Items with every field the archive keeps: fractional dates, a clean body apart from the HTML and
    /// one equal to it, a feed snapshot, categories and tags, a copy by link, a sketch.
    static func items(_ source: Source, now: Date) -> [Item] {
        (0..<6).map { index in
            var item = ArchiveTests.item("id:\(index)", source: source, link: "https://s.example/\(index % 5)", daysAgo: 0.3 * Double(index), now: now)
            item.author = index.isMultiple(of: 2) ? "记者 \(index)" : nil
            item.ogImage = index == 1 ? "https://s.example/\(index).jpg" : nil
            item.contentHash = "hash \(index)"
            item.linkKey = "s.example/\(index % 5)"
            item.sketch = index == 3 ? [] : (0..<8).map { UInt64($0 * 7919 + index) }
            item.feedSnapshot = FeedSnapshot(title: "feed \(index)", updated: index == 2 ? nil : "2024-05-01", contentHash: "feed hash \(index)")
            item.cleanBody = CleanBody(html: index == 4 ? item.html : "<p>clean \(index)</p>", headImage: index == 0 ? "https://s.example/head.png" : nil,
                                       key: "clean \(index)")
            if index.isMultiple(of: 3) {
                item.categories = ["财经", "国内"]
                item.tags = ["600519"]
            }
            return item
        }
    }

    @Test func keptItemsAreTheirRowsAsRead() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArchiveTests.source("s")
        try await store.register(source)
        await store.willPublish(to: ["a", "b"])
        let outcomes = try await store.store(Self.items(source, now: Date(timeIntervalSince1970: 1_714_528_800.123_456_7)))
        #expect(outcomes.last == .duplicate(of: "id:0"), "the sixth item repeats the first one's link")

        let kept = try await store.unpublished(output: "a", limit: 100)
        // Every listed item came from memory: the store keeps what it inserted at that revision.
        let revision = try #require(kept.through)
        #expect(kept.items.allSatisfy { store.written.item(key: $0.key, revision: revision) != nil })
        // A second store on the same file keeps nothing of this process's writes: it reads the rows.
        let reader = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
        let read = try await reader.unpublished(output: "a", limit: 100)
        #expect(read.items.count == 6)
        #expect(kept.items == read.items)
        #expect(kept.through == read.through)
    }

    @Test func aRowWrittenAgainIsReadAndPublishedItemsAreLetGo() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArchiveTests.source("s")
        try await store.register(source)
        await store.willPublish(to: ["a", "b"])
        let now = Date()
        let items = (0..<3).map { ArchiveTests.item("id:\($0)", source: source, link: nil, daysAgo: 0, now: now) }
        _ = try await store.store(items)
        let inserted = try #require(try await store.unpublished(output: "a", limit: 100).through)
        #expect(store.written.item(key: "id:1", revision: inserted) != nil)

        // An update gives the item a new revision: the journal reads its row, not the inserted version.
        var changed = items[1]
        changed.title = "changed"
        changed.contentHash = "new"
        _ = try await store.store([changed])
        // New topics from a redecision give new revisions too.
        _ = try await store.redecide(rulesHash: "rules 2") { item in
            if item.key == "id:2" { item.topics = ["宏观"] }
        }
        let changes = try await store.unpublished(output: "a", limit: 100)
        #expect(changes.items.map(\.key) == ["id:0", "id:1", "id:2"])
        #expect(changes.items.map(\.title) == ["id:0", "changed", "id:2"])
        #expect(changes.items.map(\.topics) == [[], [], ["宏观"]])

        // Kept until every output of the run has published it.
        let through = try #require(changes.through)
        try await store.markPublished(output: "a", through: through)
        #expect(store.written.item(key: "id:0", revision: inserted) != nil)
        try await store.markPublished(output: "b", through: through)
        #expect(store.written.item(key: "id:0", revision: inserted) == nil)
    }

    @Test func nothingIsKeptWithoutOutputs() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArchiveTests.source("s")
        try await store.register(source)
        _ = try await store.store([ArchiveTests.item("id:0", source: source, link: nil, daysAgo: 0, now: Date())])
        await store.willPublish(to: [])
        _ = try await store.store([ArchiveTests.item("id:1", source: source, link: nil, daysAgo: 0, now: Date())])
        let changes = try await store.unpublished(output: "a", limit: 100)
        #expect(changes.items.map(\.key) == ["id:0", "id:1"])
        let through = try #require(changes.through)
        #expect((1...through).allSatisfy { revision in
            store.written.item(key: "id:0", revision: revision) == nil && store.written.item(key: "id:1", revision: revision) == nil
        })
    }

    /// Writes answered together may keep their items out of revision order; publishing through a
    /// revision lets go of exactly the items kept at or below it, and a key kept again by a later
    /// write stays for that write.
    @Test func publishingLetsGoOfWhatIsThroughWhateverTheOrderKept() {
        let written = WrittenItems()
        written.expect(outputs: ["a"])
        let source = ArchiveTests.source("s")
        let item = { (key: String) in ArchiveTests.item(key, source: source, link: nil, daysAgo: 0, now: Date()) }
        written.keep([item("id:5"), item("id:again")], revision: 5)
        written.keep([item("id:3"), item("id:again")], revision: 3)
        written.keep([item("id:4")], revision: 4)
        // id:again is held at 3 (the last keep) and no longer at 5.
        #expect(written.item(key: "id:again", revision: 3) != nil)
        written.published(output: "a", through: 3)
        #expect(written.item(key: "id:3", revision: 3) == nil)
        #expect(written.item(key: "id:again", revision: 3) == nil)
        #expect(written.item(key: "id:4", revision: 4) != nil)
        #expect(written.item(key: "id:5", revision: 5) != nil)
        written.keep([item("id:again")], revision: 6)
        written.published(output: "a", through: 5)
        #expect(written.item(key: "id:4", revision: 4) == nil)
        #expect(written.item(key: "id:5", revision: 5) == nil)
        #expect(written.item(key: "id:again", revision: 6) != nil, "kept again by a later write")
        written.published(output: "a", through: 6)
        #expect(written.item(key: "id:again", revision: 6) == nil)
    }
}
