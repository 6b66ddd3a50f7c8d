import Foundation
import GRDB
import NewsCore
import StoreSQLite
import Testing

/// The archive keeps an item's clean body with its row, replaces it with the text, and finds
/// near-duplicate candidates by the sketch rows (which name items by rowid) through updates and deletes.
struct CleanBodyArchiveTests {
    @Test func theCleanBodyIsKeptWithItsVersionOfTheItem() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArchiveTests.source("a")
        try await store.register(source)
        var item = ArchiveTests.item("id:1", source: source, link: "https://a.example/1", daysAgo: 0, now: Date())
        item.cleanBody = CleanBody(html: "<p>clean</p>", headImage: "https://a.example/1.jpg", key: "k1")
        #expect(try await store.store(item) == .inserted)
        #expect(try await store.item(key: "id:1")?.cleanBody == item.cleanBody)

        // A new text without a body (a run without outputs) leaves none: the old one was another text's.
        var changed = item
        changed.html = "<p>new text</p>"
        changed.contentHash = Item.contentHash(title: changed.title, html: changed.html)
        changed.cleanBody = nil
        #expect(try await store.store(changed) == .updated)
        #expect(try await store.item(key: "id:1")?.cleanBody == nil)
    }

    /// A clean body that is the item's HTML (most feeds' HTML is clean already) is not kept twice: its
    /// row holds the key alone, and the item reads back the same, through an insert and an update.
    @Test func aCleanBodyThatIsTheHTMLIsKeptOnce() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArchiveTests.source("a")
        try await store.register(source)
        var item = ArchiveTests.item("id:1", source: source, link: "https://a.example/1", daysAgo: 0, now: Date())
        item.cleanBody = CleanBody(html: item.html, headImage: nil, key: "k1")
        var other = ArchiveTests.item("id:2", source: source, link: "https://a.example/2", daysAgo: 0, now: Date())
        other.cleanBody = CleanBody(html: "<p>cleaned</p>", headImage: nil, key: "k2")
        _ = try await store.store([item, other])
        #expect(try await store.item(key: "id:1")?.cleanBody == item.cleanBody)
        #expect(try await store.item(key: "id:2")?.cleanBody == other.cleanBody)
        item.html = "<p>a longer text, clean as it came</p>"
        item.contentHash = Item.contentHash(title: item.title, html: item.html)
        item.cleanBody = CleanBody(html: item.html, headImage: "https://a.example/1.jpg", key: "k3")
        #expect(try await store.store(item) == .updated)
        #expect(try await store.item(key: "id:1")?.cleanBody == item.cleanBody)
        let rows = try DatabaseQueue(path: directory.appendingPathComponent("a.sqlite").path).read { db in
            try Row.fetchAll(db, sql: "SELECT key, clean_body IS NULL AS shared, clean_key FROM item ORDER BY key")
        }
        #expect(rows.map { [$0["key"], $0["shared"] as Bool ? "shared" : "own", $0["clean_key"]] as [String] }
                == [["id:1", "shared", "k3"], ["id:2", "own", "k2"]])
    }

    @Test func sketchRowsFollowTheirItemThroughUpdatesAndDeletes() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArchiveTests.source("a")
        try await store.register(source)
        let now = Date()
        var first = ArchiveTests.item("id:1", source: source, link: "https://a.example/1", daysAgo: 0, now: now)
        first.sketch = [1, 2, 3, 4, 5, 6, 7, 8]
        var second = ArchiveTests.item("id:2", source: source, link: "https://a.example/2", daysAgo: 0, now: now)
        second.sketch = [11, 12, 13, 14, 15, 16, 17, 18]
        _ = try await store.store([first, second])
        var probe = ArchiveTests.item("id:3", source: source, link: "https://a.example/3", daysAgo: 0, now: now)
        probe.sketch = [1, 2, 13, 14, 0, 0, 0, 0]
        #expect(try await store.nearDuplicateCandidates(for: [probe])["id:3"]?.map(\.key).sorted() == ["id:1", "id:2"])

        // The second item's text changes: its rows follow it, the old ones go.
        second.html = "<p>another story</p>"
        second.contentHash = Item.contentHash(title: second.title, html: second.html)
        second.sketch = [21, 22, 23, 24, 25, 26, 27, 28]
        #expect(try await store.store(second) == .updated)
        #expect(try await store.nearDuplicateCandidates(for: [probe])["id:3"]?.map(\.key) == ["id:1"])
        probe.sketch = [0, 0, 23, 24, 0, 0, 0, 0]
        #expect(try await store.nearDuplicateCandidates(for: [probe])["id:3"]?.map(\.key) == ["id:2"])

        // Forgotten, it is nobody's candidate.
        _ = try await store.forget("id:2", reason: "forget", at: now)
        #expect(try await store.nearDuplicateCandidates(for: [probe])["id:3"] == nil)
    }
}
