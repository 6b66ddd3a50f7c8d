import Foundation
import GRDB
@testable import StoreSQLite
import Testing

/// The archive's reads, and a write that finds no transaction running, run on the caller's thread:
/// handing each to a GRDB queue and back cost two to three thread wake-ups (see BENCHMARKS.md).
struct CallerThreadTests {
    @Test func anIdleWriteRunsOnTheCallersThread() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let caller = pthread_self()
        let writer = try await store.writes.write { _ in pthread_self() }
        #expect(pthread_equal(caller, writer) != 0)
    }

    @Test func aReadRunsOnTheCallersThread() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let caller = pthread_self()
        let reader = try store.readHere { db in
            #expect(db.isInsideTransaction)
            return pthread_self()
        }
        #expect(pthread_equal(caller, reader) != 0)
    }

    /// Writes that arrive while one runs still each commit once, in order per caller, with the
    /// leading caller's transaction and the queue's after it.
    @Test func writesArrivingWhileOneRunsAllCommit() async throws {
        let (store, directory) = try ArchiveTests.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await store.writes.write { db in try db.execute(sql: "CREATE TABLE t(n INTEGER)") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<200 {
                group.addTask { try await store.writes.write { db in try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [n]) } }
            }
            try await group.waitForAll()
        }
        let numbers = try store.readHere { db in try Int.fetchAll(db, sql: "SELECT n FROM t ORDER BY n") }
        #expect(numbers == Array(0..<200))
    }
}
