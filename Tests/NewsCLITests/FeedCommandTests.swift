import Foundation
import Testing
import Yams

/// `parse-feed`, `parse-date`, and the pipeline's promise that no unreadable date reaches a post.
@Suite(.serialized)
struct FeedCommandTests {
    @Test func parseFeedJSONHasTheDocumentedShape() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let feed = directory.appendingPathComponent("feed.xml")
        try """
            <?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://e.example/</link>
            <item><title>A</title><link>/a</link><guid>g1</guid><pubDate>2024-05-01 10:00</pubDate><description>&lt;p&gt;S&lt;/p&gt;</description>
            <enclosure url="https://e.example/a.jpg" type="image/jpeg"/></item>
            <item><title>B &amp; C</title><pubDate>Invalid Date</pubDate></item></channel></rss>
            """.write(to: feed, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["parse-feed", "--json", "--timezone", "Asia/Shanghai", feed.path])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["format"] as? String == "rss20")
        #expect(json["bozo"] as? Bool == false)
        #expect((json["feed"] as? [String: Any])?["title"] as? String == "T")
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries.count == 2)
        #expect(Set(entries[0].keys) == [
            "id", "title", "link", "published", "updated", "date", "author", "summary", "summary_type", "content",
            "content_type", "enclosures", "images",
        ])
        #expect(entries[0]["id"] as? String == "g1")
        #expect(entries[0]["link"] as? String == "https://e.example/a")
        #expect(entries[0]["published"] as? String == "2024-05-01T02:00:00Z")
        #expect(entries[0]["date"] as? String == "2024-05-01T02:00:00Z")
        #expect(entries[0]["updated"] is NSNull)
        #expect(entries[0]["summary"] as? String == "<p>S</p>")
        #expect(entries[0]["summary_type"] as? String == "html")
        #expect(entries[0]["images"] as? [String] == ["https://e.example/a.jpg"])
        #expect(entries[1]["title"] as? String == "B & C")
        #expect(entries[1]["published"] is NSNull)
        #expect(entries[1]["date"] is NSNull)
        // Keys come in the documented order.
        let order = ["\"format\"", "\"bozo\"", "\"warnings\"", "\"feed\"", "\"entries\""].map { result.stdout.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
    }

    @Test func parseDatePrintsTheInstantOrTheReason() throws {
        let ok = try CommandRunner.run(["parse-date", "--timezone", "Asia/Shanghai", "--now", "2024-05-02T04:00:00Z", "昨天 10:00"])
        #expect(ok.status == 0)
        #expect(ok.stdout == "2024-05-01T02:00:00Z\n")
        let bad = try CommandRunner.run(["parse-date", "Invalid Date"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("Invalid Date"))
        let future = try CommandRunner.run(["parse-date", "--now", "2024-05-02T04:00:00Z", "2030-01-01"])
        #expect(future.status == 1)
        #expect(future.stderr.contains("future"))
    }

    @Test func noUnreadableDateReachesAPost() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            <?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://e.example/</link>
            <item><title>invalid</title><link>https://e.example/1</link><pubDate>Invalid Date</pubDate>
              <description>&lt;p&gt;发布时间：2021-04-10 23:49:51&lt;/p&gt;</description></item>
            <item><title>garbage</title><link>https://e.example/2</link><pubDate>yesterday-ish</pubDate><description>no date here</description></item>
            <item><title>future</title><link>https://e.example/3</link><pubDate>2999-01-01T00:00:00Z</pubDate><description>x</description></item>
            </channel></rss>
            """.write(to: directory.appendingPathComponent("feed.xml"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, sources: [("s", "feed.xml")])
        let result = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(result.status == 0, "\(result.stderr)")
        let postsDirectory = directory.appendingPathComponent("posts")
        let posts = try FileManager.default.contentsOfDirectory(atPath: postsDirectory.path)
        #expect(posts.count == 3)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        formatter.timeZone = TimeZone(identifier: "GMT")
        var dates: [String: String] = [:]
        for post in posts {
            let text = try String(contentsOf: postsDirectory.appendingPathComponent(post), encoding: .utf8)
            let frontMatter = text.components(separatedBy: "---")[1]
            let yaml = try #require(try Yams.load(yaml: frontMatter) as? [String: Any])
            let date = try #require(yaml["date"] as? String)
            #expect(formatter.date(from: date) != nil, "\(post): date \(date)")
            #expect(!text.contains("Invalid Date"))
            dates[yaml["title"] as! String] = date
        }
        #expect(dates["invalid"] == "Sat, 10 Apr 2021 15:49:51 GMT")  // found in the content instead
        #expect(dates["future"] != "Tue, 01 Jan 2999 00:00:00 GMT")
    }
}
