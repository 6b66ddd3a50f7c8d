import Foundation
import GRDB
import NewsCore
import StoreSQLite
import Testing

/// A run registers all its sources in one write, and a source registered again as it is writes
/// nothing: a cold import of 2,000 feeds committed one transaction per source for its registration.
struct SourceRegistrationTests {
    /// Whether other connections committed to the archive (SQLite's `data_version` moves when they
    /// did, as this connection sees it), and how many pages the WAL holds (each commit adds at least one).
    final class CommitCounter {
        let queue: DatabaseQueue
        let path: String
        init(path: String) throws {
            self.path = path
            queue = try DatabaseQueue(path: path)
        }
        func version() throws -> Int { try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 } }
        func walPages() throws -> Int {
            let size = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
            return max(0, size - 32) / (4096 + 24)
        }
    }

    @Test func registeringASourceAgainAsItIsWritesNothing() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let counter = try CommitCounter(path: directory.appendingPathComponent("a.sqlite").path)
        let source = ArchiveTests.source("a")
        try await store.register(source)
        let (before, pages) = (try counter.version(), try counter.walPages())
        try await store.register(source)
        #expect(try counter.walPages() == pages, "an unchanged source is not written again")
        #expect(try counter.version() == before)
    }

    @Test func aSourceStoredUnderAnotherLabelIsWrittenAgain() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let counter = try CommitCounter(path: directory.appendingPathComponent("a.sqlite").path)
        let source = ArchiveTests.source("a")
        // As an older Newsmill labelled it.
        try await counter.queue.write { db in
            try db.execute(sql: "INSERT INTO source(key, label, url) VALUES (?, 'an older label', ?)", arguments: [source.key, source.url])
        }
        try await store.register([source])
        #expect(try await store.statuses().map(\.label) == [source.label])
    }

    @Test func aRunsSourcesAreRegisteredInOneWrite() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("a.sqlite").path
        let counter = try CommitCounter(path: path)
        let sources = (0..<50).map { ArchiveTests.source("s\($0)") }
        let pages = try counter.walPages()
        try await store.register(sources)
        let afterBatch = try counter.version()
        #expect(try counter.walPages() - pages < 10, "one commit for 50 sources, not 50")
        for source in sources { try await store.register(source) }
        #expect(try counter.version() == afterBatch)
        #expect(try await store.statuses().count == 50)
        // Another process (another store on the file) finds them registered and writes nothing either.
        let other = try SQLiteArticleStore(path: path)
        try await other.register(sources)
        for source in sources { try await other.register(source) }
        #expect(try counter.version() == afterBatch)
    }
}
