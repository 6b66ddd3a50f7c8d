import Foundation
import Testing
import Yams

/// What a run publishes, through the real binary: exactly what changed in the archive since each
/// output last published, in every output, and across kills.
@Suite(.serialized)
struct PublishingRunTests {
    static func feed(_ titles: [(guid: String, title: String)]) -> String {
        let items = titles.enumerated().map { index, entry in
            "<item><guid>\(entry.guid)</guid><title>\(entry.title)</title><link>https://pub.example/\(entry.guid).html</link>"
                + "<pubDate>Wed, 01 May 2024 10:\(String(format: "%02d", index % 60)):00 +0800</pubDate>"
                + "<description><![CDATA[<p>第\(entry.guid)篇：\(CrashSafetyTests.distinctText(seed: entry.guid))</p>]]></description></item>"
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>\(items.joined())</channel></rss>"
    }

    static func titles(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".md") }.map { name in
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let yaml = try Yams.load(yaml: text.components(separatedBy: "---")[1]) as? [String: Any]
            return yaml?["title"] as? String ?? ""
        }.sorted()
    }

    /// Retention expires items: their posts go from every output, not only from the archive.
    @Test func expiredItemsLoseTheirPostsInEveryOutput() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("newsmill.yaml")
        try """
            fulltext: never
            retention:
              max_items_per_source: 2
            outputs:
              - format: hexo
                dir: one
              - format: hexo
                dir: two
                date_format: local
            groups:
              - name: g
                sources:
                  - site: s
                    url: feed.xml
            """.write(to: config, atomically: true, encoding: .utf8)
        let feedURL = directory.appendingPathComponent("feed.xml")
        try Self.feed([("a", "甲"), ("b", "乙")]).write(to: feedURL, atomically: true, encoding: .utf8)
        #expect(try CommandRunner.run(["run", "--config", config.path, "--once"]).status == 0)
        #expect(try Self.titles(in: directory.appendingPathComponent("one")) == ["乙", "甲"])
        // A newer item pushes the oldest out of the archive, and out of both outputs.
        try Self.feed([("a", "甲"), ("b", "乙"), ("c", "丙")]).write(to: feedURL, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 expired"), "\(run.stdout)")
        #expect(try Self.titles(in: directory.appendingPathComponent("one")) == ["丙", "乙"])
        #expect(try Self.titles(in: directory.appendingPathComponent("two")) == ["丙", "乙"])
    }

    /// An output added later gets the whole archive once; then only what changes.
    @Test func aNewOutputGetsTheWholeArchive() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.feed([("a", "甲"), ("b", "乙")]).write(to: directory.appendingPathComponent("feed.xml"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, sources: [("s", "feed.xml")])
        #expect(try CommandRunner.run(["run", "--config", config.path, "--once"]).status == 0)
        var text = try String(contentsOf: config, encoding: .utf8)
        text = text.replacingOccurrences(of: "outputs:\n", with: "outputs:\n  - format: hexo\n    dir: later\n")
        try text.write(to: config, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(run.stdout.contains("done: 0 new, 0 updated, 0 duplicate, 2 file(s) written"), "\(run.stdout)")
        #expect(try Self.titles(in: directory.appendingPathComponent("later")) == ["乙", "甲"])
        #expect(try Self.titles(in: directory.appendingPathComponent("posts")) == ["乙", "甲"])
        let again = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(again.stdout.contains("0 file(s) written"), "\(again.stdout)")
    }

    /// Kills while the feed changes under the runs: updated titles, new items and expired ones. After
    /// a final run the posts are exactly the archive's items, each at its latest version.
    @Test func killedRunsPublishEveryChangeExactlyOnce() async throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try CommandRunner.writeConfig(
            in: directory, settings: "retention:\n  max_items_per_source: 250", sources: [("s", "feed.xml")])
        let feedURL = directory.appendingPathComponent("feed.xml")
        func write(version: Int) throws -> [String] {
            // Version v has items v*50 ..< v*50+200; every item's title names the version it last changed in.
            let entries = (version * 50..<(version * 50 + 200)).map { number in
                (guid: "n\(number)", title: "新闻\(number)-v\(number % 3 == 0 ? version : 0)")
            }
            try Self.feed(entries).write(to: feedURL, atomically: true, encoding: .utf8)
            return entries.map(\.title)
        }
        let clock = ContinuousClock()
        var expected: [String: String] = [:]
        for title in try write(version: 0) { expected[String(title.split(separator: "-")[0])] = title }
        let fullRun = try clock.measure { _ = try CommandRunner.run(["run", "--config", config.path, "--once", "--quiet"]) }
        var kills = 0
        for version in 1...4 {
            for title in try write(version: version) {
                expected[String(title.split(separator: "-")[0])] = title
            }
            for step in 1...4 {
                if try await CrashSafetyTests.runAndKill(config: config, after: fullRun * (Double(step) / 5.0)) { kills += 1 }
            }
            // One run that ends stores this version for sure (the kills may all land before the store);
            // it also finishes whatever the killed runs left unpublished.
            let finishing = try CommandRunner.run(["run", "--config", config.path, "--once", "--quiet"])
            #expect(finishing.status == 0, "\(finishing.stderr)")
        }
        #expect(kills >= 4, "only \(kills) runs were still running when killed")
        let final = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(final.status == 0, "\(final.stderr)")
        // The archive keeps the newest 250 by date: the feed's dates repeat every minute, so compare
        // with what the archive holds rather than guess which 250.
        let titles = try Self.titles(in: directory.appendingPathComponent("posts"))
        #expect(titles.count == 250, "\(titles.count) posts")
        #expect(Set(titles).count == titles.count, "no story twice")
        for title in titles {
            let story = String(title.split(separator: "-")[0])
            #expect(expected[story] == title, "\(title) is not the latest version (\(expected[story] ?? "none"))")
        }
        let status = try CommandRunner.run(["status", "--config", config.path])
        #expect(status.stdout.contains("  items: 250"), "\(status.stdout)")
    }
}
