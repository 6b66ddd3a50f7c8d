import Foundation
import GRDB
import NewsCore
@testable import StoreSQLite
import Testing

/// Values bound through SQLite's C API (the item insert) are stored as GRDB stored them: empty text
/// stays empty text (not NULL), nil is NULL, numbers keep their type; a failing step throws.
struct DirectStatementTests {
    @Test func emptyAndMissingValuesAreStoredAsTheyAre() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = ArchiveTests.source("s")
        try await store.register(source)
        var item = ArchiveTests.item("id:empty", source: source, link: nil, daysAgo: 0, now: Date(timeIntervalSince1970: 1_714_528_800.5))
        item.title = ""
        item.author = ""
        item.html = ""
        item.contentHash = ""
        #expect(try await store.store([item]) == [.inserted])

        let reader = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
        let read = try #require(try await reader.item(key: "id:empty"))
        #expect(read.title == "")
        #expect(read.author == "")
        #expect(read.html == "")
        #expect(read.link == nil)
        #expect(read.sketch == [])
        #expect(read.date == Date(timeIntervalSince1970: 1_714_528_800.5))
        let types = try DatabaseQueue(path: directory.appendingPathComponent("a.sqlite").path).read { db in
            try Row.fetchOne(db, sql: "SELECT typeof(title), typeof(author), typeof(link), typeof(date), typeof(revision), typeof(sketch) FROM item")
        }
        #expect(types.map { row in (0..<6).map { row[$0] as String } } == ["text", "text", "null", "real", "integer", "null"])
    }

    @Test func aFailingStepThrowsWithTheStatement() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT NOT NULL, b REAL)")
            var insert = DirectStatement(try db.cachedStatement(sql: "INSERT INTO t(a, b) VALUES (?, ?)"), in: db)
            insert.bind(nil as String?)
            insert.bind(1.5)
            #expect { try insert.execute() } throws: { error in
                let error = try #require(error as? DatabaseError)
                return error.resultCode == .SQLITE_CONSTRAINT && (error.sql ?? "").contains("INSERT INTO t")
            }
            // The same cached statement then runs with other values.
            var again = DirectStatement(try db.cachedStatement(sql: "INSERT INTO t(a, b) VALUES (?, ?)"), in: db)
            again.bind("x")
            again.bind(2.5)
            try again.execute()
            #expect(try String.fetchAll(db, sql: "SELECT a FROM t") == ["x"])
        }
    }
}
