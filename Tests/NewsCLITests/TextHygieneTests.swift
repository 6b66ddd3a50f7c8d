import Foundation
import Testing

/// Control characters from a feed never reach the archive (where SQLite would cut a string at a
/// NUL), identifiers that differ only in them stay distinct, and every title is valid YAML for
/// PyYAML too, not only for Yams.
@Suite(.serialized)
struct TextHygieneTests {
    /// A JSON Feed, whose `\u` escapes carry any character into the entry.
    static let feed = #"""
        {"version": "https://jsonfeed.org/version/1.1", "title": "hygiene",
         "items": [
          {"id": "n-\u0000-1", "title": "A\u0000B x\u0086y \uFFFEz\uFFFF end", "url": "https://hygiene.example/a\u0000b",
           "content_html": "<p>before\u0000after</p>", "authors": [{"name": "Li\u0001 Lei"}],
           "date_published": "2024-05-01T08:00:00Z"},
          {"id": "n-\u0000-2", "title": "second\u0007 item", "url": "https://hygiene.example/2", "content_html": "<p>two</p>",
           "date_published": "2024-05-01T09:00:00Z"}
         ]}
        """#

    /// Prints, as JSON, every post's front matter as PyYAML reads it and the archive's rows.
    static let inspector = """
        import json, os, sqlite3, sys, yaml
        posts, archive = sys.argv[1], sys.argv[2]
        out = {"posts": [], "items": []}
        for name in sorted(os.listdir(posts)):
            text = open(os.path.join(posts, name), encoding="utf-8").read()
            front = text.split("---\\n")[1]
            out["posts"].append({"front": yaml.safe_load(front), "body": text.split("---\\n", 2)[2]})
        for row in sqlite3.connect(archive).execute("SELECT key, title, link, author, html FROM item ORDER BY key"):
            out["items"].append(list(row))
        print(json.dumps(out, default=str))
        """

    static var pyYAMLIsAvailable: Bool {
        (try? CommandRunner.run(["python3", "-c", "import yaml, sqlite3"], executable: URL(fileURLWithPath: "/usr/bin/env")).status) == 0
    }

    @Test(.enabled(if: pyYAMLIsAvailable))
    func controlCharactersAreCleanedBeforeStoringAndTitlesLoadInPyYAML() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.feed.write(to: directory.appendingPathComponent("feed.json"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, sources: [("hygiene", "feed.json")])
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(run.status == 0, "\(run.stderr)")

        let inspected = try CommandRunner.run(
            ["python3", "-c", Self.inspector, directory.appendingPathComponent("posts").path, directory.appendingPathComponent("newsmill.sqlite").path],
            executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(inspected.status == 0, "PyYAML or sqlite3 refused the output: \(inspected.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(inspected.stdout.utf8)) as? [String: Any])
        let posts = try #require(report["posts"] as? [[String: Any]])
        let items = try #require(report["items"] as? [[Any]])

        // Two guids that differ after a NUL are two items, and two posts.
        #expect(items.count == 2, "\(items)")
        #expect(posts.count == 2, "\(posts)")
        let titles = Set(posts.compactMap { ($0["front"] as? [String: Any])?["title"] as? String })
        #expect(titles == ["AB xy z end", "second item"], "\(titles)")
        #expect(posts.contains { ($0["body"] as? String)?.contains("beforeafter") == true }, "\(posts)")

        let rows = items.map { $0.map { "\($0)" } }
        #expect(rows.map { $0[0] }.allSatisfy { !$0.contains("\u{0}") && $0.hasPrefix("id:") && $0.contains(":n-") && !$0.hasSuffix(":n-") }, "\(rows)")
        #expect(rows.contains { $0[1] == "AB x\u{86}y \u{FFFE}z\u{FFFF} end" }, "\(rows)")
        #expect(rows.contains { $0[2] == "https://hygiene.example/a%00b" }, "\(rows)")
        #expect(rows.contains { $0[3] == "Li Lei" }, "\(rows)")
        #expect(rows.contains { $0[4] == "<p>beforeafter</p>" }, "\(rows)")
        #expect(rows.allSatisfy { $0.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" } } },
                "\(rows)")
    }
}
