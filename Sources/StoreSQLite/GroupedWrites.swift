import Foundation
import GRDB

/// Write transactions shared by the writes that wait for one another (a group commit): while one
/// transaction runs, the writes that arrive queue up, and the next transaction runs all of them,
/// each in a savepoint of its own, then commits once. A write returns only after the transaction
/// that holds it has committed, so a caller that goes on (records the fetch after storing its items)
/// never gets ahead of what is durable; a write that throws is rolled back alone and throws to its
/// caller only. A killed process loses at most writes whose callers had not been answered.
///
/// A run that stores 2,000 feeds made 6,000 transactions (register, store, record the fetch), and
/// each commit wrote the pages it touched to the WAL again: about an eighth of a cold import's CPU.
final class GroupedWrites: @unchecked Sendable {
    private struct Write {
        /// Runs the write inside the shared transaction, in a savepoint when it is not alone there;
        /// returns what answers its caller once that commits. A write alone throws out of the
        /// transaction, which then rolls back.
        let run: @Sendable (Database, _ alone: Bool) throws -> @Sendable () -> Void
        /// Answers the caller when the shared transaction failed.
        let fail: @Sendable (any Error) -> Void
    }

    private let pool: DatabasePool
    private let sketches: SketchIndex
    private let lock = NSLock()
    private var waiting: [Write] = []
    private var running = false

    init(pool: DatabasePool, sketches: SketchIndex) {
        self.pool = pool
        self.sketches = sketches
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let sketches = self.sketches
            let write = Write(
                run: { db, alone in
                    if alone {
                        let result = try body(db)
                        return { continuation.resume(returning: result) }
                    }
                    let staged = sketches.stagedRemovals
                    do {
                        var value: T?
                        try db.inSavepoint {
                            value = try body(db)
                            return .commit
                        }
                        let result = value!
                        return { continuation.resume(returning: result) }
                    } catch {
                        sketches.dropStagedRemovals(after: staged)
                        return { continuation.resume(throwing: error) }
                    }
                },
                fail: { continuation.resume(throwing: $0) })
            lock.lock()
            waiting.append(write)
            let starts = !running
            running = true
            lock.unlock()
            if starts { runWaiting() }
        }
    }

    /// Runs every write waiting, in one transaction, then the ones that came meanwhile.
    private func runWaiting() {
        lock.lock()
        let writes = waiting
        waiting = []
        if writes.isEmpty { running = false }
        lock.unlock()
        guard !writes.isEmpty else { return }
        let sketches = self.sketches
        pool.asyncWrite({ db in try writes.map { try $0.run(db, writes.count == 1) } }, completion: { _, result in
            switch result {
            case .success(let answers):
                sketches.applyStagedRemovals()
                for answer in answers { answer() }
            case .failure(let error):
                sketches.dropStagedRemovals(after: 0)
                for write in writes { write.fail(error) }
            }
            self.runWaiting()
        })
    }
}
