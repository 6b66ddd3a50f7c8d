import Foundation
import NewsCore
import StoreSQLite

/// A reason the command cannot start, as one sentence for the operator (printed after
/// `newsmill: `): what could not be done with which path, and why.
struct SetupError: Error, CustomStringConvertible {
    var description: String
}

/// Why a directory cannot be created or used, in words.
enum DirectoryProblem {
    /// A file in the way of `directory` (itself, or one of its parents), else the error's cause.
    static func describe(_ directory: URL, error: (any Error)?) -> String {
        fileInTheWay(of: directory) ?? error.map(SystemErrorText.cause(of:)) ?? "it cannot be used"
    }

    /// "it is a file, not a directory" or "PARENT is a file, not a directory", when that is so.
    static func fileInTheWay(of directory: URL) -> String? {
        var candidate = directory.standardizedFileURL
        var isDirectory: ObjCBool = false
        while candidate.path != "/" && !candidate.path.isEmpty {
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory) {
                guard !isDirectory.boolValue else { return nil }
                return candidate.path == directory.standardizedFileURL.path
                    ? "it is a file, not a directory" : "\(candidate.path) is a file, not a directory"
            }
            candidate.deleteLastPathComponent()
        }
        return nil
    }

    /// Creates `directory` (and its parents) unless it exists.
    /// - Throws: a ``SetupError`` that starts with `what` and names the directory and the cause.
    static func create(_ directory: URL, what: String) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SetupError(description: "\(what) \(directory.path): \(describe(directory, error: error))")
        }
    }
}

/// What the operator can do about an archive that cannot be used.
enum ArchiveAdvice {
    static func sentence(for error: ArchiveError) -> String {
        switch error.reason {
        case .empty:
            return "\(error). Restore it from a backup, or start a new, empty archive in its place with "
                + "`newsmill run --once --new-archive` (every item will then be new again)."
        case .notADatabase:
            return "\(error). Check the `store:` setting, or restore the archive from a backup."
        case .damaged:
            return "\(error). Stop every newsmill run on it and restore it from a backup, or save what SQLite can still "
                + "read with `sqlite3 \(error.path) .recover | sqlite3 \(error.path).recovered` and put the recovered file in its place."
        case .cannotCreate:
            return "\(error)."
        }
    }
}
