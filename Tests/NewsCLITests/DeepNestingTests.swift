import Foundation
import Testing

/// Issue 12, item 5: a feed or a page nested tens of thousands of elements deep never takes the
/// process down. A feed too deep to read is refused with an error that names it; the run goes on.
@Suite(.serialized)
struct DeepNestingTests {
    /// An RSS feed whose one item's description holds `depth` nested raw elements.
    static func deepFeed(depth: Int) -> String {
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Deep</title><link>https://deep.example/</link>"
            + "<item><title>Deep item</title><link>https://deep.example/1</link><description>"
            + String(repeating: "<x>", count: depth) + "text" + String(repeating: "</x>", count: depth)
            + "</description></item></channel></rss>"
    }

    static let plainFeed = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Plain</title><link>https://plain.example/</link>
        <item><title>Plain story</title><link>https://plain.example/1</link><guid>plain-1</guid>
        <pubDate>Wed, 01 May 2024 10:00:00 +0800</pubDate><description>&lt;p&gt;A plain story.&lt;/p&gt;</description></item>
        </channel></rss>
        """

    @Test(arguments: [50_000, 100_000])
    func parseFeedRefusesAFeedTooDeepWithAClearError(depth: Int) throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let feed = directory.appendingPathComponent("deep.xml")
        try Self.deepFeed(depth: depth).write(to: feed, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["parse-feed", feed.path])
        // A crash shows as a signal number (11: SIGSEGV), never as the documented status 1.
        #expect(result.status == 1, "status \(result.status), stderr: \(result.stderr)")
        #expect(result.stderr.contains("deep.xml"), "\(result.stderr)")
        #expect(result.stderr.contains("nest"), "\(result.stderr)")
    }

    @Test func aFeedNestedAsDeepAsTheLimitAllowsStillParses() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let feed = directory.appendingPathComponent("deepish.xml")
        try Self.deepFeed(depth: 900).write(to: feed, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["parse-feed", feed.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Deep item"))
    }

    @Test func aTooDeepFeedFailsAloneAndTheOtherSourceIsPublished() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.deepFeed(depth: 50_000).write(to: directory.appendingPathComponent("deep.xml"), atomically: true, encoding: .utf8)
        try Self.plainFeed.write(to: directory.appendingPathComponent("plain.xml"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, sources: [("deep", "deep.xml"), ("plain", "plain.xml")])
        let result = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(result.status == 0, "status \(result.status), stderr: \(result.stderr)")
        #expect(result.stderr.contains("deep.xml") && result.stderr.contains("nest"), "\(result.stderr)")
        #expect(result.stdout.contains("done: 1 new"), "\(result.stdout)")
        let posts = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("posts").path)
        #expect(posts.count == 1)
        let post = try String(contentsOf: directory.appendingPathComponent("posts").appendingPathComponent(posts[0]), encoding: .utf8)
        #expect(post.contains("title: 'Plain story'"))
    }

    /// Deep HTML in an item (escaped in the feed, so the XML is flat) is published, cleaned and whole.
    @Test(arguments: [["div"], ["div", "span"]])
    func anItemWhoseBodyNestsTenThousandDeepIsPublished(tags: [String]) throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let open = String(repeating: tags.map { "<\($0)>" }.joined(), count: 10_000)
        let close = String(repeating: tags.reversed().map { "</\($0)>" }.joined(), count: 10_000)
        let body = open + "<p>The story at the bottom of the nest.</p>" + close
        let escaped = body.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        try """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Nest</title><link>https://nest.example/</link>
            <item><title>Nested story</title><link>https://nest.example/1</link><description>\(escaped)</description></item>
            </channel></rss>
            """.write(to: directory.appendingPathComponent("nest.xml"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, sources: [("nest", "nest.xml")])
        let result = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(result.status == 0, "status \(result.status), stderr: \(result.stderr)")
        let postsDirectory = directory.appendingPathComponent("posts")
        let posts = try FileManager.default.contentsOfDirectory(atPath: postsDirectory.path)
        #expect(posts.count == 1)
        let post = try String(contentsOf: postsDirectory.appendingPathComponent(posts[0]), encoding: .utf8)
        #expect(post.contains("<p>The story at the bottom of the nest.</p>"))
        // Every wrapper is kept (none is empty) and closed; the post adds one <div> around the body.
        for tag in tags {
            let opened = post.components(separatedBy: "<\(tag)>").count - 1
            #expect(opened == post.components(separatedBy: "</\(tag)>").count - 1)
            #expect(opened == (tag == "div" ? 10_001 : 10_000))
        }
    }
}
