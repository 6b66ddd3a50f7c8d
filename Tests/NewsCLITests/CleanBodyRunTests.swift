import Foundation
import Testing

/// A run with an output keeps each item's clean body in the archive, and an archive whose items
/// have none (as every archive from before) publishes the very same posts.
@Suite(.serialized)
struct CleanBodyRunTests {
    static func sql(_ statements: String, archive: URL) throws -> String {
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            rows = db.executescript(sys.argv[2]) if sys.argv[2].strip().upper().startswith(('UPDATE', 'DELETE')) else db.execute(sys.argv[2])
            db.commit()
            print('\\n'.join('|'.join(str(v) for v in row) for row in rows))
            """
        let result = try CommandRunner.run(["python3", "-c", script, archive.path, statements],
                                           executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func posts(in directory: URL) throws -> [String: String] {
        var posts: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".md") {
            posts[file] = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        }
        return posts
    }

    @Test func postsFromAnArchiveWithoutCleanBodiesAreTheSame() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = directory.appendingPathComponent("state/newsmill.sqlite")
        let (first, postsDirectory) = try HexoGoldenTests().runExample(in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        let imported = try Self.posts(in: postsDirectory)
        #expect(imported.count == 5)
        #expect(try Self.sql("SELECT COUNT(*) FROM item WHERE clean_key IS NOT NULL", archive: archive) == "5",
                "every item keeps its clean body (its key, and the body where it is not the item's HTML)")

        // As an archive from before clean bodies were kept: none, and every output to publish again.
        _ = try Self.sql("UPDATE item SET clean_body = NULL, head_image = NULL, clean_key = NULL; DELETE FROM publish_cursor;",
                         archive: archive)
        try FileManager.default.removeItem(at: postsDirectory)
        let (second, _) = try HexoGoldenTests().runExample(in: directory)
        #expect(second.status == 0, "\(second.stderr)")
        let republished = try Self.posts(in: postsDirectory)
        #expect(republished.keys.sorted() == imported.keys.sorted())
        for (file, post) in imported {
            #expect(republished[file] == post, "\(file) differs when cleaned at publish time")
        }
    }
}
