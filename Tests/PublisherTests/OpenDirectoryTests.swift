import Foundation
@testable import Publisher
import Testing

/// Posts written through one open directory: new files appear whole under their name, unchanged
/// ones are left alone (same inode, same mtime), changed ones are replaced, a missing directory is
/// made, and no temporary file is left behind.
struct OpenDirectoryTests {
    @Test func writesNewChangedAndUnchangedFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-open-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("a/posts").path
        let directory = try OpenDirectory(path: path)
        #expect(try directory.write("第一篇\n", named: "one.md") == .written)
        #expect(try String(contentsOfFile: path + "/one.md", encoding: .utf8) == "第一篇\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: path + "/one.md")
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o600 } == 0o600)
        #expect(attributes[.size] as? Int == "第一篇\n".utf8.count)

        let before = try FileManager.default.attributesOfItem(atPath: path + "/one.md")
        Thread.sleep(forTimeInterval: 0.02)
        #expect(try directory.write("第一篇\n", named: "one.md") == .unchanged)
        let after = try FileManager.default.attributesOfItem(atPath: path + "/one.md")
        #expect(after[.systemFileNumber] as? Int == before[.systemFileNumber] as? Int)
        #expect(after[.modificationDate] as? Date == before[.modificationDate] as? Date)

        #expect(try directory.write("第一篇，改过\n", named: "one.md") == .written)
        #expect(try String(contentsOfFile: path + "/one.md", encoding: .utf8) == "第一篇，改过\n")
        #expect(try directory.write("", named: "empty.md") == .written)
        #expect(try directory.write("", named: "empty.md") == .unchanged)
        #expect(try FileManager.default.contentsOfDirectory(atPath: path).sorted() == ["empty.md", "one.md"])
    }

    @Test func aFileThatCannotBeWrittenIsASentenceNamingIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-open-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = try OpenDirectory(path: root.path)
        // A directory stands where the post would go.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("taken.md"), withIntermediateDirectories: true)
        #expect {
            try directory.write("x", named: "taken.md")
        } throws: { error in
            "\(error)".hasPrefix("cannot write \(root.path)/taken.md: ")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["taken.md"], "no temporary file is left")
    }
}
