import Foundation
import GRDB
import NewsCore
import StoreSQLite
import Testing

/// Every index on the item table serves a query: an index no query reads costs an entry in every
/// insert and nothing else.
struct ArchiveIndexTests {
    @Test func theItemTableHasNoIndexOnFirstSightings() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArchiveTests.source("a")
        try await store.register(source)
        #expect(try await store.store(ArchiveTests.item("id:1", source: source, link: "https://a.example/1", daysAgo: 0, now: Date())) == .inserted)
        let archive = try DatabaseQueue(path: directory.appendingPathComponent("a.sqlite").path)
        let indexes = try await archive.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'item' ORDER BY name")
        }
        #expect(!indexes.contains("item_first_seen"))
        #expect(indexes.contains("item_revision") && indexes.contains("item_link_key") && indexes.contains("item_source"))
    }

    @Test func anArchiveWrittenWithTheIndexLosesIt() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("a.sqlite").path
        _ = store
        // As an archive from before v12 has it.
        let archive = try DatabaseQueue(path: path)
        try await archive.write { db in
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS item_first_seen ON item(first_seen)")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v12%'")
        }
        try archive.close()
        _ = try SQLiteArticleStore(path: path)
        let reopened = try DatabaseQueue(path: path)
        let names = try await reopened.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'") }
        #expect(!names.contains("item_first_seen"))
    }
}
