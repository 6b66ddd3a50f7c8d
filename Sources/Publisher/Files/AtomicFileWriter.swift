public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files atomically (a temporary file in the same directory, then `rename`), and only when
/// the content differs, so re-runs leave unchanged files untouched (mtime included).
public enum AtomicFileWriter {
    public enum Outcome: Sendable, Hashable { case written, unchanged }

    public static func write(_ content: String, to url: URL) throws -> Outcome {
        let data = Data(content.utf8)
        if let existing = try? Data(contentsOf: url), existing == data { return .unchanged }
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        try writeDurably(data, to: temporary.path)
        guard rename(temporary.path, url.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [
                NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: "rename failed: \(String(cString: strerror(code)))",
            ])
        }
        return .written
    }

    /// Writes and fsyncs a whole file with plain system calls (Foundation's own writers make a
    /// second temporary file of their own, which a kill would leave behind).
    static func writeDurably(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw posixError(path, "cannot create") }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw posixError(path, "cannot write")
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else { throw posixError(path, "cannot sync") }
    }

    private static func posixError(_ path: String, _ what: String) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [
            NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "\(what) \(path): \(String(cString: strerror(errno)))",
        ])
    }

    /// Removes temporary files that a killed run left behind in `directory` (those of processes
    /// that no longer exist). Returns how many were removed.
    @discardableResult
    public static func removeStaleTemporaries(in directory: URL) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var removed = 0
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let parts = name.dropLast(4).split(separator: ".")
            guard let pid = parts.last.flatMap({ pid_t($0) }), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }  // that process is still running
            if (try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))) != nil { removed += 1 }
        }
        return removed
    }
}
