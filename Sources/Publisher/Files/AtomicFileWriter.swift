public import Foundation

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
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        if let handle = FileHandle(forWritingAtPath: temporary.path) {
            try? handle.synchronize()
            try? handle.close()
        }
        guard rename(temporary.path, url.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [
                NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: "rename failed: \(String(cString: strerror(code)))",
            ])
        }
        return .written
    }
}
