import Foundation
import Testing
import Yams

/// Issue 12, item 11 end to end: a post's `title:` is the item's title decoded once.
@Suite(.serialized)
struct TitleDecodingTests {
    @Test func postTitlesAreDecodedOnce() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let titles = [
            ("Why &lt;script&gt; tags matter", "Why <script> tags matter"),
            ("&amp;lt;b&amp;gt; is bold", "<b> is bold"),
            ("&lt;b&gt;Bold&lt;/b&gt; news", "Bold news"),
            ("A &amp; B", "A & B"),
        ]
        let items = titles.enumerated().map { index, title in
            "<item><title>\(title.0)</title><link>https://t.example/\(index)</link><guid>t\(index)</guid>"
                + "<pubDate>Wed, 01 May 2024 10:00:00 +0800</pubDate><description>&lt;p&gt;Story \(index).&lt;/p&gt;</description></item>"
        }.joined()
        try ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>https://t.example/</link>" + items + "</channel></rss>")
            .write(to: directory.appendingPathComponent("feed.xml"), atomically: true, encoding: .utf8)
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><link href="https://a.example/"/>
            <entry><id>a1</id><title type="text">&amp;lt;b&amp;gt; literally</title><link href="https://a.example/1"/><updated>2024-05-01T02:00:00Z</updated><content type="html">&lt;p&gt;x&lt;/p&gt;</content></entry>
            </feed>
            """
        try atom.write(to: directory.appendingPathComponent("atom.xml"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, sources: [("s", "feed.xml"), ("a", "atom.xml")])
        let result = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(result.status == 0, "\(result.stderr)")
        let posts = directory.appendingPathComponent("posts")
        var written: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: posts.path) {
            let text = try String(contentsOf: posts.appendingPathComponent(file), encoding: .utf8)
            let yaml = String(text.components(separatedBy: "\n---\n")[0].dropFirst(4))
            let front = try #require(try Yams.load(yaml: yaml) as? [String: Any])
            written.insert(try #require(front["title"] as? String))
        }
        #expect(written == Set(titles.map(\.1) + ["&lt;b&gt; literally"]))
    }
}
