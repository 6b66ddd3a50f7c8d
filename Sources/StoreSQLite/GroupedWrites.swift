import Foundation
import GRDB

/// Write transactions shared by the writes that wait for one another (a group commit): while one
/// transaction runs, the writes that arrive queue up, and the next transaction runs all of them,
/// each in a savepoint of its own, then commits once. A write returns only after the transaction
/// that holds it has committed, so a caller that goes on (records the fetch after storing its items)
/// never gets ahead of what is durable; a write that throws is rolled back alone and throws to its
/// caller only. A killed process loses at most writes whose callers had not been answered.
///
/// The caller that finds no transaction running leads: it runs that transaction on its own thread
/// (GRDB's synchronous write, which runs on the caller's thread when the writer is free), with no
/// hop to the writer's queue and back; the writes that arrive meanwhile wait, and run together on
/// the writer's queue after it.
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
        // No transaction running: this caller runs it on its own thread, and hands no work to the
        // writer's queue and back (two thread wake-ups a write).
        if let result = leadIfIdle(body) { return try result.get() }
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let write = Self.write(body, sketches: sketches, answering: { continuation.resume(with: $0) })
            lock.lock()
            waiting.append(write)
            let leads = !running
            running = true
            lock.unlock()
            // The transaction ended between the check above and now: this caller leads after all.
            if leads { lead() }
        }
    }

    /// Runs `body` in a transaction on this thread when none runs (the writes that arrive meanwhile
    /// run after it on the writer's queue), and gives its result; nil when one runs.
    private func leadIfIdle<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) -> Result<T, any Error>? {
        lock.lock()
        guard !running else {
            lock.unlock()
            return nil
        }
        running = true
        let own = ResultBox<T>()
        waiting.append(Self.write(body, sketches: sketches, answering: { own.result = $0 }))
        lock.unlock()
        lead()
        return own.result
    }

    /// A write that runs inside the shared transaction (in a savepoint when it is not alone there)
    /// and answers once that commits, or fails.
    private static func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T, sketches: SketchIndex,
                                           answering answer: @escaping @Sendable (Result<T, any Error>) -> Void) -> Write {
        Write(
            run: { db, alone in
                if alone {
                    let result = try body(db)
                    return { answer(.success(result)) }
                }
                let staged = sketches.stagedChanges
                do {
                    var value: T?
                    try db.inSavepoint {
                        value = try body(db)
                        return .commit
                    }
                    let result = value!
                    return { answer(.success(result)) }
                } catch {
                    sketches.dropStagedChanges(after: staged)
                    return { answer(.failure(error)) }
                }
            },
            fail: { answer(.failure($0)) })
    }

    /// Runs every write waiting, in one transaction on this thread; the writes that come meanwhile
    /// then run on the writer's queue (so that a caller leads one transaction, not a whole run's).
    private func lead() {
        let writes = takeWaiting()
        guard !writes.isEmpty else { return }
        finish(writes, Result { try pool.write { db in try Self.run(writes, in: db) } })
        runWaitingOnQueue()
    }

    /// Runs every write waiting, in one transaction on the writer's queue, then the ones that came meanwhile.
    private func runWaitingOnQueue() {
        let writes = takeWaiting()
        guard !writes.isEmpty else { return }
        pool.asyncWrite({ db in try Self.run(writes, in: db) }, completion: { _, result in
            self.finish(writes, result)
            self.runWaitingOnQueue()
        })
    }

    /// Runs the writes in the transaction `db` is in (each in a savepoint unless alone); what answers each.
    private static func run(_ writes: [Write], in db: Database) throws -> [@Sendable () -> Void] {
        try writes.map { try $0.run(db, writes.count == 1) }
    }

    /// The writes waiting, now taken; none ends the running.
    private func takeWaiting() -> [Write] {
        lock.lock()
        defer { lock.unlock() }
        let writes = waiting
        waiting = []
        if writes.isEmpty { running = false }
        return writes
    }

    /// Answers the writes of a transaction that committed (or failed), after the sketch index took
    /// in (or dropped) what they changed.
    private func finish(_ writes: [Write], _ result: Result<[@Sendable () -> Void], any Error>) {
        switch result {
        case .success(let answers):
            sketches.applyStagedChanges()
            for answer in answers { answer() }
        case .failure(let error):
            sketches.dropStagedChanges(after: 0)
            for write in writes { write.fail(error) }
        }
    }
}

/// The result of the leading caller's own write, set inside its transaction's answers.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
