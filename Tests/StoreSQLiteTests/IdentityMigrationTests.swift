import Foundation
import GRDB
import NewsCore
@testable import StoreSQLite
import Testing

/// Archives from before source-scoped guids: their `id:GUID` items are re-keyed by source on open,
/// keep the old key for their posts' file names, and keep their history, copies and tombstones.
struct IdentityMigrationTests {
    @Test func unscopedGuidsAreRekeyedAndKeepTheirPostNames() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path
        let a = ArchiveTests.source("a"), b = ArchiveTests.source("b")
        // An archive as the previous release left it: schema up to v3, one item with a plain guid,
        // one with a URL guid, a copy of the first, its version history and a legacy tombstone.
        do {
            let pool = try DatabasePool(path: path)
            try SQLiteArticleStore.migrator.migrate(pool, upTo: "v3: de-duplication, tombstones")
            try await pool.write { db in
                for source in [a, b] {
                    try db.execute(sql: "INSERT INTO source(key, label, url) VALUES (?, ?, ?)", arguments: [source.key, source.label, source.url])
                }
                let insert = """
                    INSERT INTO item(key, source_key, title, link, date, date_origin, first_seen, html, content_hash, link_key, duplicate_of)
                    VALUES (?, ?, ?, ?, 0, 'feed', 0, '<p>x</p>', 'h', ?, ?)
                    """
                try db.execute(sql: insert, arguments: ["id:1", a.key, "一号", "https://a.example/1", "https://a.example/1", nil])
                try db.execute(sql: insert, arguments: ["id:https://a.example/2", a.key, "二号", "https://a.example/2", "https://a.example/2", nil])
                try db.execute(sql: insert, arguments: ["id:7", b.key, "一号转载", "https://a.example/1", "https://a.example/1", "id:1"])
                try db.execute(sql: "INSERT INTO item_version(item_key, seen_at, title, html, content_hash) VALUES ('id:1', 0, '一号', '<p>x</p>', 'h')")
                try db.execute(sql: "INSERT INTO sketch_slot(slot, value, item_key, first_seen) VALUES (0, 42, 'id:1', 0)")
                try db.execute(sql: "INSERT INTO tombstone(key, link_key, deleted_at, reason) VALUES ('id:99', NULL, 0, 'forget')")
            }
        }
        let store = try SQLiteArticleStore(path: path)
        let items = try await store.items(sourceKey: a.key)
        let plain = try #require(items.first { $0.title == "一号" })
        #expect(plain.key == "id:\(a.key):1")
        #expect(plain.legacyKey == "id:1")
        #expect(plain.postKey == "id:1", "its posts keep their file names")
        let urlGuid = try #require(items.first { $0.title == "二号" })
        #expect(urlGuid.key == "id:https://a.example/2")
        #expect(urlGuid.legacyKey == nil)
        let copy = try #require(try await store.items(sourceKey: b.key).first)
        #expect(copy.key == "id:\(b.key):7")
        #expect(copy.duplicateOf == plain.key, "copies point at the re-keyed original")
        // Its history moved with it.
        let versions = try await store.pool.read { db in try String.fetchAll(db, sql: "SELECT item_key FROM item_version") }
        #expect(versions == [plain.key])
        let slots = try await store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT item.key FROM item_sketch JOIN item ON item.rowid = item_sketch.item_id")
        }
        #expect(slots == [plain.key])
        // The old archive wrote the current version into the history too: it is one version, not two.
        #expect(try await store.history(plain.key).first?.versions.count == 1)
        // Feeding the same item again updates it in place (no second item), and the legacy tombstone holds.
        var again = ArchiveTests.item(plain.key, source: a, link: "https://a.example/1", daysAgo: 0, now: Date())
        again.title = "一号（更新）"
        #expect(try await store.store(again) == .updated)
        #expect(try await store.history(plain.key).first?.versions.map(\.title) == ["一号", "一号（更新）"])
        #expect(try await store.items(sourceKey: a.key).count == 2)
        #expect(try await store.item(key: plain.key)?.postKey == "id:1")
        let forgotten = ArchiveTests.item("id:\(a.key):99", source: a, link: "https://a.example/99", daysAgo: 0, now: Date())
        #expect(try await store.store(forgotten) == .tombstoned)
    }

    /// Whatever key a feed claims, one source's item is never rewritten by another's.
    @Test func aSourceNeverRewritesAnotherSourcesItem() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = ArchiveTests.source("a"), b = ArchiveTests.source("b")
        try await store.register(a)
        try await store.register(b)
        let original = ArchiveTests.item("link:https://a.example/1", source: a, link: "https://a.example/1", daysAgo: 0, now: Date())
        #expect(try await store.store(original) == .inserted)
        var hostile = ArchiveTests.item("link:https://a.example/1", source: b, link: "https://a.example/1", daysAgo: 0, now: Date())
        hostile.html = "<p>overwritten</p>"
        hostile.contentHash = "other"
        #expect(try await store.store(hostile) == .duplicate(of: original.key))
        let kept = try #require(try await store.item(key: original.key))
        #expect(kept.html == original.html && kept.sourceKey == a.key)
    }
}
