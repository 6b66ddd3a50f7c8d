import Foundation
import NewsCore
import SiteTestSupport
import Testing

/// Topics (named keep rules) on the site: each is a list with its pages and feeds, linked from the
/// archive page, and it follows the rules when they change.
@Suite(.serialized)
struct SiteTopicTests {
    @Test func eachTopicIsAListWithFeedsThatFollowsARuleChange() throws {
        let directory = try SiteCommandTests.copyExample()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("newsmill.yaml")
        let run = try CommandRunner.run(["run", "--config", config.path, "--once", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let site = directory.appendingPathComponent("output/site")

        let topic = try #require(Self.topicLists(in: site)["数字化转型"])
        let report = SiteCrawler(root: site, baseURL: "https://news.example.org/").crawl()
        #expect(report.problems == [])
        #expect(report.reachable.contains(topic + "index.html"))
        #expect(report.sitemapURLs.contains("https://news.example.org/" + topic + "index.html"))
        // The example's rule keeps its 6 stories about digital transformation, all of them in the topic.
        let storyPages = report.pages.filter { $0.hasPrefix("20") }
        #expect(storyPages.count == 6)
        let listed = Self.storyLinks(in: site.appendingPathComponent(topic + "index.html"))
        #expect(listed == storyPages)
        for name in ["feed.xml", "atom.xml", "feed.json"] {
            #expect(report.feeds[topic + name]?.entries.count == 6, "\(topic + name)")
        }

        // Renamed in the rules: `build` moves the stories to the new topic's list and removes the old one.
        let yaml = try String(contentsOf: config, encoding: .utf8)
        try yaml.replacingOccurrences(of: "  - name: 数字化转型\n", with: "  - name: 数智化\n").write(to: config, atomically: true, encoding: .utf8)
        let build = try CommandRunner.run(["build", "--config", config.path])
        #expect(build.status == 0, "\(build.stderr)")
        let after = Self.topicLists(in: site)
        #expect(after.keys.sorted() == ["数智化"])
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(topic + "index.html").path))
        let renamed = try #require(after["数智化"])
        #expect(Self.storyLinks(in: site.appendingPathComponent(renamed + "index.html")) == storyPages)
        #expect(SiteCrawler(root: site, baseURL: "https://news.example.org/").crawl().problems == [])
    }

    /// The topic lists the archive page links, by name: their folders (`t/…/`).
    static func topicLists(in site: URL) -> [String: String] {
        let page = (try? String(contentsOf: site.appendingPathComponent("archive/index.html"), encoding: .utf8)) ?? ""
        guard let section = page.range(of: "<h2>专题</h2>") else { return [:] }
        var lists: [String: String] = [:]
        var rest = page[section.upperBound...]
        let end = rest.range(of: "</ul>")?.lowerBound ?? rest.endIndex
        rest = rest[..<end]
        while let start = rest.range(of: "<a href=\"../") {
            let after = rest[start.upperBound...]
            guard let close = after.range(of: "index.html\">"), let nameEnd = after[close.upperBound...].range(of: "</a>") else { break }
            lists[String(after[close.upperBound..<nameEnd.lowerBound])] = String(after[..<close.lowerBound])
            rest = after[nameEnd.upperBound...]
        }
        return lists
    }

    /// The story pages (`YYYY/MM/….html`, site-relative) a list page links.
    static func storyLinks(in page: URL) -> Set<String> {
        let text = (try? String(contentsOf: page, encoding: .utf8)) ?? ""
        var links: Set<String> = []
        var rest = text[...]
        while let start = rest.range(of: "href=\"../../20") {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            links.insert("20" + after[..<end])
            rest = after[end...]
        }
        return links
    }
}
