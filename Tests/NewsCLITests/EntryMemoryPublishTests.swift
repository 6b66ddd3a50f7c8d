import Foundation
import Testing

/// The binary, run as users run it (Hexo output on), on a feed that grows and changes between runs:
/// the entries it remembers are neither read nor published again, and nothing is lost or rewritten.
@Suite(.serialized)
struct EntryMemoryPublishTests {
    /// Entry 3's title holds a bare `&`: reading it warns, so a run's feed warnings show whether it was read.
    static func item(_ number: Int, text: String? = nil) -> String {
        "<item><guid isPermaLink=\"false\">memory-\(number)</guid><title>第\(number)条新闻 \(number == 3 ? "&" : "&amp;") 评论</title>"
            + "<link>https://memory.example/a/\(number).html</link><pubDate>Wed, 01 May 2024 10:\(String(format: "%02d", number)):00 +0800</pubDate>"
            + "<description><![CDATA[<p>\(text ?? "第\(number)条新闻的正文，讲的是第\(number)件事。")</p>]]></description></item>"
    }

    static func write(_ items: [String], to url: URL) throws {
        try Data("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>\(items.joined())</channel></rss>".utf8).write(to: url)
    }

    /// Each post's bytes and inode, by file name.
    static func posts(_ directory: URL) throws -> [String: (Data, UInt64)] {
        var posts: [String: (Data, UInt64)] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".md") {
            let url = directory.appendingPathComponent(name)
            let inode = try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? UInt64 ?? 0
            posts[name] = (try Data(contentsOf: url), inode)
        }
        return posts
    }

    @Test func aGrowingFeedPublishesOnlyWhatChanged() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let feed = directory.appendingPathComponent("feed.xml")
        let config = try CommandRunner.writeConfig(in: directory, sources: [("memory", "feed.xml")])
        let postsDirectory = directory.appendingPathComponent("posts")

        try Self.write((1...20).map { Self.item($0) }, to: feed)
        let first = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("20 new"), "\(first.stdout)")
        #expect(first.stdout.contains("1 feed warning(s)"), "\(first.stdout)")
        let before = try Self.posts(postsDirectory)
        #expect(before.count == 20)

        // One new entry on top: the twenty others are repeated byte for byte, so they count unchanged,
        // and their posts are neither rewritten nor replaced (same bytes, same inode).
        try Self.write([Self.item(21)] + (1...20).map { Self.item($0) }, to: feed)
        let second = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("1 new, 0 updated, 20 unchanged"), "\(second.stdout)")
        #expect(second.stdout.contains("1 file(s) written"), "\(second.stdout)")
        #expect(!second.stdout.contains("feed warning"), "entry 3 was read again: \(second.stdout)")
        let after = try Self.posts(postsDirectory)
        #expect(after.count == 21)
        for (name, (bytes, inode)) in before {
            #expect(after[name]?.0 == bytes && after[name]?.1 == inode, "\(name) was rewritten")
        }

        // One entry's text changes: it alone is read again, updated and its post rewritten.
        try Self.write([Self.item(21)] + (1...20).map { Self.item($0, text: $0 == 7 ? "第7条新闻的正文，后来又补充了一段。" : nil) }, to: feed)
        let third = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("0 new, 1 updated, 20 unchanged"), "\(third.stdout)")
        let last = try Self.posts(postsDirectory)
        #expect(last.count == 21)
        let rewritten = last.keys.filter { last[$0]?.0 != after[$0]?.0 }
        #expect(rewritten.count == 1)
        #expect(rewritten.allSatisfy { String(decoding: last[$0]!.0, as: UTF8.self).contains("后来又补充了一段") })
    }
}
