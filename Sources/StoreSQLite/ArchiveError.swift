import Foundation
import GRDB

/// Why the archive cannot be used, worded for the operator: it names the file and what is wrong
/// with it. The command that opened it adds what to do.
public struct ArchiveError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The file is there but holds 0 bytes: an archive that lost its content, not a new one.
        case empty
        /// The file does not start with SQLite's header.
        case notADatabase
        /// SQLite reads the file but finds it damaged (its message).
        case damaged(String)
        /// A new archive could not be created there (the cause).
        case cannotCreate(String)
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .empty: "the archive \(path) is an empty file (0 bytes): its history and tombstones are gone"
        case .notADatabase: "the archive \(path) is not an SQLite database (the file does not start with SQLite's header)"
        case .damaged(let detail): "the archive \(path) is damaged (\(detail))"
        case .cannotCreate(let cause): "cannot create the archive \(path): \(cause)"
        }
    }

    /// `error` as a damaged archive at `path` when SQLite reported corruption, else nil.
    static func damaged(_ path: String, _ error: any Error) -> ArchiveError? {
        if let archive = error as? ArchiveError { return archive }
        guard let database = error as? DatabaseError,
            database.resultCode == .SQLITE_CORRUPT || database.resultCode == .SQLITE_NOTADB
        else { return nil }
        return ArchiveError(path: path, reason: .damaged(database.message ?? "SQLite error \(database.resultCode.rawValue)"))
    }
}

extension SQLiteArticleStore {
    /// `error` as a damaged archive at `path` when it says the archive itself is damaged (so that
    /// no source can succeed and a run should stop rather than fail every source the same way),
    /// else nil.
    public static func damage(in error: any Error, path: String) -> ArchiveError? {
        ArchiveError.damaged(path, error)
    }
}

/// The archive file's checks before SQLite opens it, and the creation of a new one.
enum ArchiveFile {
    static let header = Data("SQLite format 3\u{0}".utf8)

    /// True when the file exists and starts like an SQLite database (or is empty and that is
    /// accepted); false when there is no file yet.
    static func check(_ path: String, acceptingEmptyFile: Bool) throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        // An unreadable file is left to SQLite, whose error names the cause.
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: header.count)) ?? Data()
        if start.isEmpty {
            guard acceptingEmptyFile else { throw ArchiveError(path: path, reason: .empty) }
            return true
        }
        guard start == header else { throw ArchiveError(path: path, reason: .notADatabase) }
        return true
    }

    /// Creates a migrated archive at `path` through a temporary file renamed into place.
    static func create(_ path: String, migrator: DatabaseMigrator) throws {
        let creating = path + ".creating"
        for leftover in [creating, creating + "-journal"] { try? FileManager.default.removeItem(atPath: leftover) }
        do {
            let queue = try DatabaseQueue(path: creating)
            try migrator.migrate(queue)
            try queue.close()
        } catch {
            try? FileManager.default.removeItem(atPath: creating)
            throw ArchiveError(path: path, reason: .cannotCreate((error as? DatabaseError)?.message ?? "\(error)"))
        }
        guard rename(creating, path) == 0 else {
            let cause = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: creating)
            throw ArchiveError(path: path, reason: .cannotCreate(cause))
        }
    }
}
