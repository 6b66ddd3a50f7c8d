import FeedParsing
import Foundation
import HTML5Parser
import NewsCore
import Publisher
import SiteTestSupport
import Testing

/// Titles and bodies meant to break out of their place: the site builds, every page stays a clean
/// document, and each title is shown as text everywhere (pages, feeds, search index).
struct SiteHostileInputTests {
    static let titles: [String] = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "</title><script>alert(1)</script>",
        "'; alert(1); //", "{{ title }} {% raw %} ${x} {{{body}}}", "第一行\n第二行\r\n第三行", "引号 \"双\" 和 '单' 与 `反`",
        "</script><!-- <script>", "&lt;b&gt; &amp;amp; &#x3C;", "]]></title><x>", "\u{2028}分隔\u{2029}", "javascript:alert(1)",
        String(repeating: "长标题", count: 3334),
    ]

    static let bodies: [String] = [
        "<script>alert(1)</script><p>正文</p>", "<img src=x onerror=alert(1)><p>正文</p>", "<a href=\"javascript:alert(1)\">x</a>",
        "<svg onload=alert(1)><p>正文</p>", "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<p>{{ x }} {% y %}</p>", "<style>body{display:none}</style><p>正文</p>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", "", "<p>没有图片</p>",
    ]

    @Test func hostileTitlesAndBodiesBuildIntoCleanPagesWhereEachTitleIsText() async throws {
        let fixture = try SiteFixture(pageSize: 4)
        defer { fixture.remove() }
        var items: [PublishedItem] = []
        for (index, title) in Self.titles.enumerated() {
            items.append(fixture.item(index, title: title, html: Self.bodies[index % Self.bodies.count], author: index % 2 == 0 ? nil : title))
        }
        try await fixture.run(items)
        let crawler = fixture.crawler
        let report = crawler.crawl()
        #expect(report.problems == [])
        let pages = report.pages.filter { $0.hasPrefix("2022/") }
        #expect(pages.count == Self.titles.count)
        var shown: [String] = []
        for page in pages {
            let elements = crawler.elements(on: page)
            let heading = try #require(elements.first { $0.isHTMLElement("h1") }).textContent
            shown.append(heading)
            let title = try #require(elements.first { $0.isHTMLElement("title") }).textContent
            #expect(title.hasPrefix(heading))
            let scripts = elements.filter { $0.isHTMLElement("script") }
            #expect(scripts.allSatisfy { $0.attribute("type") == "application/ld+json" || $0.attribute("src") != nil }, "\(page)")
            for script in scripts where script.attribute("type") == "application/ld+json" {
                let json = try JSONSerialization.jsonObject(with: Data(script.textContent.utf8)) as? [String: Any]
                #expect((json?["headline"] as? String).map { heading.hasPrefix(Self.asParsed($0)) } == true)
            }
        }
        // HTML text is read with line breaks normalised (CR LF and CR become LF), as any browser reads it.
        #expect(Set(shown) == Set(Self.titles.map(Self.asParsed)))
        // Feeds give the titles back as they were.
        let feedTitles = Set((report.feeds["feed.json"]?.entries ?? []).compactMap(\.title))
        #expect(feedTitles.count == 13 && feedTitles.isSubset(of: Set(Self.titles)))
        for name in ["feed.xml", "atom.xml"] {
            let titles = Set((report.feeds[name]?.entries ?? []).compactMap(\.title))
            #expect(titles.contains("<script>alert(1)</script>"), "\(name)")
        }
        // The search index holds them as JSON text: each story's document file gives its title back as it was.
        let documents = try Self.searchDocuments(in: fixture.options.directory)
        #expect(documents.count == Self.titles.count)
        #expect(Set(documents.map(\.title)) == Set(Self.titles))
        // And the search finds a hostile title by its words, as text.
        let found = try SearchIndexReader(directory: fixture.options.directory).search("alert onerror").hits
        #expect(found.contains { $0.title == "\"><img src=x onerror=alert(1)>" }, "\(found.map(\.title))")
    }

    /// Every document file of the site's search index, decoded.
    static func searchDocuments(in site: URL) throws -> [SearchIndexReader.Hit] {
        let folder = site.appendingPathComponent("search/docs")
        var documents: [SearchIndexReader.Hit] = []
        for bucket in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(bucket).path) where name.hasSuffix(".json") {
                let data = try Data(contentsOf: folder.appendingPathComponent(bucket).appendingPathComponent(name))
                documents.append(try JSONDecoder().decode(SearchIndexReader.Hit.self, from: data))
            }
        }
        return documents
    }

    static func asParsed(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    @Test func aStoryWithNoDateNoImageNoAuthorAndNoLinkStillGetsAWholePage() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        var bare = fixture.item(1, html: "<p>只有文字</p>", author: nil)
        bare.item.link = nil
        bare.item.dateOrigin = .firstSeen
        try await fixture.run([bare])
        let report = fixture.crawler.crawl()
        #expect(report.problems == [])
        let page = try #require(report.pages.first { $0.hasPrefix("2022/") })
        let html = try String(contentsOf: fixture.options.directory.appendingPathComponent(page), encoding: .utf8)
        #expect(!html.contains("og:image") && !html.contains("class=\"original\""))
        #expect(html.contains("只有文字"))
    }

    @Test func aJavascriptLinkOrImageNeverBecomesAnAttribute() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        var item = fixture.item(1, link: "javascript:alert(1)")
        item.item.ogImage = "javascript:alert(2)"
        try await fixture.run([item])
        let report = fixture.crawler.crawl()
        #expect(report.problems == [])
        for page in report.pages {
            let html = try String(contentsOf: fixture.options.directory.appendingPathComponent(page), encoding: .utf8)
            #expect(!html.lowercased().contains("javascript:alert"), "\(page)")
        }
    }
}
