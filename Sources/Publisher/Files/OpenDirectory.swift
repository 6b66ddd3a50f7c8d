public import Foundation
import NewsCore
#if canImport(Glibc)
import Glibc
#endif

/// A directory held open while a batch of files is written into it: each file is named relative to
/// the one descriptor (no walk of the whole path per call), and a new file is written unnamed
/// (`O_TMPFILE`) and linked under its name once complete, so it appears whole or not at all without a
/// temporary name to create and rename. When the name exists already the link fails; the file is then
/// compared and, when it differs, replaced through a temporary file and `renameat`, as
/// ``AtomicFileWriter`` does. Nothing here syncs:
/// the batch's writer syncs the file system once for the batch.
///
/// A 40,000-post import spent about a tenth of its CPU creating, renaming and writing posts by path.
public final class OpenDirectory {
    public let path: String
    private let descriptor: Int32
    /// Cleared after the file system refused an unnamed file once (not every one supports them).
    private var unnamedFiles = true

    /// Opens the directory at `path`, making it (and its parents) when it is missing.
    public init(path: String) throws {
        self.path = path
        var descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor < 0 && errno == ENOENT {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw FileWriteError(path: path, cause: SystemErrorText.cause(of: error))
            }
            descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        guard descriptor >= 0 else { throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: errno)) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Writes `content` as the file `name` unless it already holds exactly that.
    public func write(_ content: String, named name: String) throws -> AtomicFileWriter.Outcome {
        var content = content
        return try content.withUTF8 { bytes in
            // Most posts a batch writes are new: the unnamed file is written and linked first, and only a
            // name that exists already (the link fails with EEXIST) is compared. Looking every name up
            // first was 3 % of a cold import's CPU.
            if unnamedFiles {
                guard let code = writeUnnamed(bytes, as: name) else { return .written }
                if Self.lacksUnnamedFiles(code) {
                    unnamedFiles = false
                } else if code != EEXIST {
                    throw FileWriteError(path: path + "/" + name, cause: SystemErrorText.cause(errno: code))
                }
            }
            if holds(name, exactly: bytes) == .same { return .unchanged }
            try replace(name, with: bytes)
            return .written
        }
    }

    private enum Comparison { case same, different, missing }

    private func holds(_ name: String, exactly bytes: UnsafeBufferPointer<UInt8>) -> Comparison {
        let file = openat(descriptor, name, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return errno == ENOENT ? .missing : .different }
        defer { close(file) }
        guard let existing = DescriptorReading.contents(of: file, expectedSize: bytes.count) else { return .different }
        return existing.elementsEqual(bytes) ? .same : .different
    }

    /// Writes an unnamed file in the directory and links it as `name`.
    /// - Returns: nil when the file is in place, else the `errno` of the failing call (`EEXIST`:
    ///   another writer made `name` meanwhile).
    private func writeUnnamed(_ bytes: UnsafeBufferPointer<UInt8>, as name: String) -> Int32? {
        let file = openat(descriptor, ".", Self.unnamedFileFlag | O_WRONLY | O_CLOEXEC, 0o644)
        guard file >= 0 else { return errno }
        defer { close(file) }
        if let code = AtomicFileWriter.writeAll(UnsafeRawBufferPointer(bytes), to: file) { return code }
        if linksByDescriptor {
            // Linked by its descriptor, the file needs no /proc name resolved (a quarter of the link's
            // cost). Kernels before 6.10 allow that only with CAP_DAC_READ_SEARCH: they answer ENOENT.
            if linkat(file, "", descriptor, name, Self.emptyPathFlag) == 0 { return nil }
            guard errno == ENOENT || errno == EPERM || errno == EINVAL else { return errno }
            linksByDescriptor = false
        }
        // Linking an open unnamed file by its /proc name needs no privilege.
        guard linkat(AT_FDCWD, "/proc/self/fd/\(file)", descriptor, name, AT_SYMLINK_FOLLOW) == 0 else { return errno }
        return nil
    }

    /// Cleared after the kernel refused to link an unnamed file by its descriptor once.
    private var linksByDescriptor = true

    /// `AT_EMPTY_PATH`, which Glibc's Swift module does not export.
    private static let emptyPathFlag: Int32 = 0x1000

    /// Replaces (or makes) `name` through a temporary file renamed over it.
    private func replace(_ name: String, with bytes: UnsafeBufferPointer<UInt8>) throws {
        let temporary = ".\(name).\(getpid()).tmp"
        let file = openat(descriptor, temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw FileWriteError(path: path + "/" + name, cause: SystemErrorText.cause(errno: errno)) }
        let written = AtomicFileWriter.writeAll(UnsafeRawBufferPointer(bytes), to: file)
        close(file)
        // A failed write leaves no temporary file behind (on a full disk it would hold space).
        if let code = written ?? (renameat(descriptor, temporary, descriptor, name) == 0 ? nil : errno) {
            unlinkat(descriptor, temporary, 0)
            throw FileWriteError(path: path + "/" + name, cause: SystemErrorText.cause(errno: code))
        }
    }

    /// `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`), which Glibc's Swift module does not export.
    private static let unnamedFileFlag: Int32 = 0o20000000 | O_DIRECTORY

    /// Whether `code` says that the file system (or the kernel, or a missing /proc) cannot make or
    /// link unnamed files, rather than that this write failed.
    private static func lacksUnnamedFiles(_ code: Int32) -> Bool {
        code == EOPNOTSUPP || code == EISDIR || code == EINVAL || code == ENOENT || code == EXDEV || code == EPERM
    }
}
