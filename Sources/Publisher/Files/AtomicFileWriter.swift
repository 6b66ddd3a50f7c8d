public import Foundation
import NewsCore
#if canImport(Glibc)
import Glibc
#endif

/// A file that could not be written, as a sentence: the file's path and the cause.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var cause: String

    public init(path: String, cause: String) {
        self.path = path
        self.cause = cause
    }

    public var description: String { "cannot write \(path): \(cause)" }
}

/// Writes files atomically (a temporary file in the same directory, then `rename`), and only when
/// the content differs, so re-runs leave unchanged files untouched (mtime included).
public enum AtomicFileWriter {
    public enum Outcome: Sendable, Hashable { case written, unchanged }

    /// Writes `content` to `url` unless the file already holds it. With `durable`, the file is synced
    /// before the rename; batch writers pass false and call ``syncFileSystem(containing:)`` once after the batch instead.
    public static func write(_ content: String, to url: URL, durable: Bool = true) throws -> Outcome {
        try write(Data(content.utf8), to: url, durable: durable)
    }

    /// Writes `data` (an archived image) to `url` unless the file already holds it, as above.
    public static func write(_ data: Data, to url: URL, durable: Bool = true) throws -> Outcome {
        let path = url.path
        if holds(path, exactly: data) { return .unchanged }
        let directory = url.deletingLastPathComponent()
        let temporary = directory.path + "/.\(url.lastPathComponent).\(getpid()).tmp"
        // A failed write leaves no temporary file behind (on a full disk it would hold space).
        var code = writeFile(data, to: temporary, sync: durable)
        if code == ENOENT {
            // The directory went away (or never was): make it, once, and try again.
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw FileWriteError(path: path, cause: SystemErrorText.cause(of: error))
            }
            code = writeFile(data, to: temporary, sync: durable)
        }
        if let code {
            unlink(temporary)
            throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: code))
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: code))
        }
        return .written
    }

    /// Whether the file at `path` holds exactly `data` (false when it does not exist), read with plain
    /// system calls: most posts a batch writes are new, and Foundation's reader builds an error for each.
    static func holds(_ path: String, exactly data: Data) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard let existing = DescriptorReading.contents(of: descriptor, expectedSize: data.count) else { return false }
        return existing.elementsEqual(data)
    }

    /// Makes every write and rename so far on the file system that holds `directory` durable: one
    /// `syncfs` for a whole batch of files. (One `fsync` per file, even issued together after the
    /// batch, cost four times the whole import's CPU in kernel time here.)
    public static func syncFileSystem(containing directory: URL) throws {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileWriteError(path: directory.path, cause: SystemErrorText.cause(errno: errno)) }
        defer { close(descriptor) }
        guard systemSyncfs(descriptor) == 0 else {
            throw FileWriteError(path: directory.path, cause: SystemErrorText.cause(errno: errno))
        }
    }

    /// Writes (and with `sync`, fsyncs) a whole file with plain system calls (Foundation's own writers
    /// make a second temporary file of their own, which a kill would leave behind).
    /// - Returns: nil when the file is written (and synced), else the `errno` of the failing call.
    static func writeFile(_ data: Data, to path: String, sync: Bool) -> Int32? {
        let descriptor = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return errno }
        defer { close(descriptor) }
        if let failure = data.withUnsafeBytes({ writeAll($0, to: descriptor) }) { return failure }
        return !sync || fsync(descriptor) == 0 ? nil : errno
    }

    /// Writes every byte to an open file, going on after short writes and interruptions.
    /// - Returns: nil when all is written, else the `errno` of the failing `write`.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
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
