public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files atomically (a temporary file in the same directory, then `rename`), and only when
/// the content differs, so re-runs leave unchanged files untouched (mtime included).
public enum AtomicFileWriter {
    public enum Outcome: Sendable, Hashable { case written, unchanged }

    /// Writes `content` to `url` unless the file already holds it. With `durable`, the file is synced
    /// before the rename; batch writers pass false and call ``syncFileSystem(containing:)`` once
    /// after the batch instead.
    public static func write(_ content: String, to url: URL, durable: Bool = true) throws -> Outcome {
        let data = Data(content.utf8)
        if let existing = try? Data(contentsOf: url), existing == data { return .unchanged }
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        try writeFile(data, to: temporary.path, sync: durable)
        guard rename(temporary.path, url.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [
                NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: "rename failed: \(String(cString: strerror(code)))",
            ])
        }
        return .written
    }

    /// Writes (and with `sync`, fsyncs) a whole file with plain system calls (Foundation's own writers
    /// make a second temporary file of their own, which a kill would leave behind).
    static func writeFile(_ data: Data, to path: String, sync: Bool) throws {
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
        guard !sync || fsync(descriptor) == 0 else { throw posixError(path, "cannot sync") }
    }

    /// Makes every write and rename so far on the file system that holds `directory` durable: one
    /// `syncfs` for a whole batch of files instead of one `fsync` each.
    public static func syncFileSystem(containing directory: URL) throws {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw posixError(directory.path, "cannot open") }
        defer { close(descriptor) }
        guard systemSyncfs(descriptor) == 0 else { throw posixError(directory.path, "cannot sync") }
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

/// glibc's `syncfs(2)`, which its Swift module does not export (it needs `_GNU_SOURCE`).
@_silgen_name("syncfs")
private func systemSyncfs(_ descriptor: Int32) -> Int32
