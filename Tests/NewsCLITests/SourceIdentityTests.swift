import Foundation
import Testing
import Yams

/// Item identity through the real binary: plain guids belong to their source, and no feed reaches
/// another source's post by reusing its guid or its link.
@Suite(.serialized)
struct SourceIdentityTests {
    static func item(guid: String, title: String, link: String, text: String) -> String {
        "<item><guid isPermaLink=\"false\">\(guid)</guid><title>\(title)</title><link>\(link)</link>"
            + "<pubDate>Wed, 01 May 2024 10:00:00 +0800</pubDate><description><![CDATA[<p>\(text)</p>]]></description></item>"
    }

    static func posts(_ directory: URL) throws -> [String: String] {
        var posts: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".md") {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let yaml = try Yams.load(yaml: text.components(separatedBy: "---")[1]) as? [String: Any]
            posts[yaml?["title"] as? String ?? ""] = text
        }
        return posts
    }

    @Test func twoSourcesThatBothUseGuidOneKeepTwoStories() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let alpha = Self.item(guid: "1", title: "甲站新闻", link: "https://alpha.example/news/1", text: "甲站的独家报道，与乙站毫无关系。")
        let beta = Self.item(guid: "1", title: "乙站新闻", link: "https://beta.example/n?id=1", text: "乙站的另一篇报道，内容完全不同。")
        try DeduplicationTests.feed([alpha]).write(to: directory.appendingPathComponent("alpha.xml"), atomically: true, encoding: .utf8)
        try DeduplicationTests.feed([beta]).write(to: directory.appendingPathComponent("beta.xml"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, sources: [("甲站", "alpha.xml"), ("乙站", "beta.xml")])
        let first = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("done: 2 new, 0 updated"), "\(first.stdout)")
        let posts = try Self.posts(directory.appendingPathComponent("posts"))
        #expect(posts.keys.sorted() == ["乙站新闻", "甲站新闻"])
        #expect(posts["甲站新闻"]?.contains(" - 甲站\n") == true && posts["甲站新闻"]?.contains("甲站的独家报道") == true)
        #expect(posts["乙站新闻"]?.contains(" - 乙站\n") == true && posts["乙站新闻"]?.contains("乙站的另一篇报道") == true)
        // Nothing flips between the two on the next run.
        let second = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(second.stdout.contains("done: 0 new, 0 updated"), "\(second.stdout)")
        #expect(try Self.posts(directory.appendingPathComponent("posts")) == posts)
    }

    @Test func aFeedThatReusesAnotherSourcesLinkCannotOverwriteItsPost() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let genuine = Self.item(guid: "https://alpha.example/news/1", title: "真实报道", link: "https://alpha.example/news/1",
                                text: "这是甲站记者写的真实报道。")
        try DeduplicationTests.feed([genuine]).write(to: directory.appendingPathComponent("alpha.xml"), atomically: true, encoding: .utf8)
        try DeduplicationTests.feed([]).write(to: directory.appendingPathComponent("hostile.xml"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, sources: [("甲站", "alpha.xml"), ("恶意站", "hostile.xml")])
        #expect(try CommandRunner.run(["run", "--config", config.path, "--once"]).status == 0)
        let before = try Self.posts(directory.appendingPathComponent("posts"))
        #expect(before.keys.sorted() == ["真实报道"])
        // The hostile feed now claims the same guid and link with its own title and text.
        let forged = Self.item(guid: "https://alpha.example/news/1", title: "伪造标题", link: "https://alpha.example/news/1",
                               text: "恶意站塞进来的内容。")
        try DeduplicationTests.feed([forged]).write(to: directory.appendingPathComponent("hostile.xml"), atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("0 updated"), "\(run.stdout)")
            #expect(try Self.posts(directory.appendingPathComponent("posts")) == before, "the genuine post is untouched")
        }
    }
}
