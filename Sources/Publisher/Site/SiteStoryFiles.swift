import Foundation
import NewsCore
#if canImport(Glibc)
import Glibc
#endif

/// The files in which earlier versions kept each story's cleaned body and plain text, read only to
/// move them into the pack (``SiteStoryPack``): `bodies/<stem>.story` (the text's length in UTF-8 bytes
/// on its first line, then the text, then the body), or, still earlier, `<stem>.html` and `<stem>.txt`.
struct SiteStoryFiles: Sendable {
    /// The state's `bodies/` folder.
    let directory: URL

    static let fileExtension = ".story"

    func name(stem: String) -> String { stem + Self.fileExtension }
    /// The files a still earlier version kept for the story: its body and its text.
    func earlierURLs(stem: String) -> (body: URL, text: URL) {
        (directory.appendingPathComponent(stem + ".html"), directory.appendingPathComponent(stem + ".txt"))
    }

    /// A `.story` file's contents for a story.
    static func contents(body: String, text: String) -> String {
        "\(text.utf8.count)\n" + text + body
    }

    /// The story's body ("" when it has none).
    func body(stem: String) -> String {
        if let bytes = Self.read(directory.path + "/" + name(stem: stem)), let parts = Self.split(bytes) {
            return String(decoding: bytes[parts.body...], as: UTF8.self)
        }
        return Self.read(earlierURLs(stem: stem).body.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The story's plain text ("" when it has none).
    func text(stem: String) -> String {
        if let bytes = Self.read(directory.path + "/" + name(stem: stem)), let parts = Self.split(bytes) {
            return String(decoding: bytes[parts.text..<parts.body], as: UTF8.self)
        }
        return Self.read(earlierURLs(stem: stem).text.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Removes every file the story has (of this version and of an earlier one).
    func remove(stem: String) {
        let earlier = earlierURLs(stem: stem)
        for path in [directory.path + "/" + name(stem: stem), earlier.body.path, earlier.text.path] { unlink(path) }
    }

    /// Where a story file's text and body start; nil when it is not one (a damaged file).
    private static func split(_ bytes: [UInt8]) -> (text: Int, body: Int)? {
        guard let newline = bytes.firstIndex(of: 0x0A), newline > 0, newline <= 12 else { return nil }
        var length = 0
        for byte in bytes[..<newline] {
            guard (0x30...0x39).contains(byte) else { return nil }
            length = length * 10 + Int(byte - 0x30)
        }
        let text = newline + 1
        guard length <= bytes.count - text else { return nil }
        return (text, text + length)
    }

    /// The whole file at `path`, read with plain system calls; nil when it cannot be read.
    private static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return DescriptorReading.contents(of: descriptor)
    }
}
