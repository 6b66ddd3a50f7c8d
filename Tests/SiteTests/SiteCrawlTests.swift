import FeedParsing
import Foundation
import NewsCore
import Publisher
import SiteTestSupport
import Testing

/// A site built from fixture stories, crawled as a visitor, a feed reader and a search engine would.
struct SiteCrawlTests {
    @Test func aBuiltSiteHasNoBrokenLinkNoParseErrorAndEveryStoryIsReachableFromHome() async throws {
        let fixture = try SiteFixture(pageSize: 4)
        defer { fixture.remove() }
        try await fixture.run((1...37).map { fixture.item($0) })
        let report = fixture.crawler.crawl()
        #expect(report.problems == [])
        let stories = report.pages.filter { $0.hasPrefix("2022/") }
        #expect(stories.count == 37)
        #expect(stories.isSubset(of: report.reachable))
        for page in ["404.html", "search.html", "archive/index.html", "index.html", "page/1.html", "page/10.html"] {
            #expect(report.pages.contains(page), "\(page)")
        }
    }

    @Test func theCrawlerReportsBrokenLinksParseErrorsMissingMetadataAndHandlers() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await fixture.run([fixture.item(1)])
        let bad = "<html><head></head><body><a href=\"missing.html\">x</a><p onclick=\"x()\">y</p><script>alert(1)</script></body></html>"
        try bad.write(to: fixture.options.directory.appendingPathComponent("bad.html"), atomically: true, encoding: .utf8)
        let problems = fixture.crawler.crawl().problems.filter { $0.hasPrefix("bad.html") }.joined(separator: "\n")
        for expected in ["no doctype", "no lang", "no charset", "no viewport", "no title", "broken link missing.html", "event handler onclick", "inline script", "parse errors"] {
            #expect(problems.contains(expected), "\(expected)")
        }
    }

    @Test func everyListHasItsFeedsAndEachParsesWithTheNewestStoriesFirst() async throws {
        let fixture = try SiteFixture(pageSize: 4)
        defer { fixture.remove() }
        try await fixture.run((1...30).map { fixture.item($0) })
        let report = fixture.crawler.crawl()
        #expect(report.problems == [])
        for name in ["feed.xml", "atom.xml", "feed.json"] {
            let feed = try #require(report.feeds[name])
            #expect(feed.entries.count == 20)
            #expect(feed.entries.first?.title == "数字化转型报道 30")
            #expect(feed.title == "数字化转型观察")
        }
        // The home page, 2 groups, 3 sites, 3 channels and 3 sources: 12 lists with 3 feeds each.
        #expect(report.feeds.count == 36)
        let home = try String(contentsOf: fixture.options.directory.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains(#"<link rel="alternate" type="application/rss+xml" title="RSS" href="feed.xml">"#))
        #expect(home.contains(#"type="application/atom+xml""#) && home.contains(#"type="application/feed+json""#))
    }

    @Test func theSitemapListsEveryPageWithAbsoluteURLsAndRobotsPointsAtIt() async throws {
        let fixture = try SiteFixture(pageSize: 4)
        defer { fixture.remove() }
        try await fixture.run((1...12).map { fixture.item($0) })
        let report = fixture.crawler.crawl()
        let stories = report.pages.filter { $0.hasPrefix("2022/") }.map { SiteFixture.baseURL + $0 }
        #expect(Set(stories).isSubset(of: report.sitemapURLs))
        #expect(report.sitemapURLs.contains(SiteFixture.baseURL))
        let robots = try String(contentsOf: fixture.options.directory.appendingPathComponent("robots.txt"), encoding: .utf8)
        #expect(robots.contains("Sitemap: https://news.example.org/sitemap.xml"))
    }

    @Test func pastTheLimitTheSitemapBecomesAnIndexOfSitemaps() async throws {
        var fixture = try SiteFixture()
        defer { fixture.remove() }
        fixture.options.sitemapURLLimit = 10
        try await fixture.run((1...25).map { fixture.item($0) })
        let directory = fixture.options.directory
        let index = try String(contentsOf: directory.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        #expect(index.contains("<sitemapindex"))
        let parts = fixture.crawler.allFiles().filter { $0.hasPrefix("sitemap-") }
        #expect(parts.count >= 4)
        for part in parts { #expect(index.contains("<loc>https://news.example.org/\(part)</loc>")) }
        let report = fixture.crawler.crawl()
        #expect(report.sitemapURLs.count > 25)
        #expect(report.pages.filter { $0.hasPrefix("2022/") }.allSatisfy { report.sitemapURLs.contains(SiteFixture.baseURL + $0) })
    }

    @Test func aStoryPageShowsItsDateInChineseItsSourceAuthorOriginalAndMetadata() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await fixture.run([fixture.item(1, title: "广东累计推动2.25万家规上工业企业数字化转型", author: "江聃", sourceIndex: 0)])
        let crawler = fixture.crawler
        let page = try #require(crawler.allFiles().first { $0.hasPrefix("2022/") })
        let html = try String(contentsOf: fixture.options.directory.appendingPathComponent(page), encoding: .utf8)
        // 2022-07-01 01:00 UTC is 09:00 in Shanghai.
        #expect(html.contains("2022年7月1日 09:00"))
        #expect(html.contains("新浪财经") && html.contains("江聃"))
        #expect(html.contains(#"href="https://example.com/a/1.html""#))
        #expect(html.contains(#"<meta property="og:title" content="广东累计推动2.25万家规上工业企业数字化转型">"#))
        #expect(html.contains(#""@type":"NewsArticle""#))
        #expect(html.contains(#"loading="lazy""#) && html.contains(#"referrerpolicy="no-referrer""#))
        #expect(crawler.text(of: "h1", on: page) == "广东累计推动2.25万家规上工业企业数字化转型")
    }

    @Test func copiesFromOtherOutletsComeFirstAmongRelatedStoriesThenTheSameChannel() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        var copy = fixture.item(100, title: "同一新闻的转载", link: "https://other.example.com/copy.html", sourceIndex: 1)
        copy.item.duplicateOf = "item-9"
        try await fixture.run([3, 6, 9].map { fixture.item($0) }, copies: [copy])
        let page = try #require(fixture.crawler.allFiles().first { $0.hasPrefix("2022/") && fixture.crawler.text(of: "h1", on: $0) == "数字化转型报道 9" })
        let html = try String(contentsOf: fixture.options.directory.appendingPathComponent(page), encoding: .utf8)
        let copyAt = try #require(html.range(of: "同一新闻的转载"))
        let sameChannelAt = try #require(html.range(of: "数字化转型报道 6"))
        #expect(copyAt.lowerBound < sameChannelAt.lowerBound)
        #expect(html.contains("https://other.example.com/copy.html") && html.contains("每经网"))
        #expect(fixture.crawler.crawl().problems == [])
    }

    @Test func anEnglishSiteGetsEnglishLabelsAndDates() async throws {
        let fixture = try SiteFixture(language: "en")
        defer { fixture.remove() }
        try await fixture.run([fixture.item(1)])
        let home = try String(contentsOf: fixture.options.directory.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains(#"<html lang="en""#) && home.contains("Skip to content") && home.contains("2022-07-01 09:00"))
    }

    @Test func aThemeFolderOverridesATemplateAndTheStylesheet() async throws {
        var fixture = try SiteFixture()
        defer { fixture.remove() }
        let theme = fixture.directory.appendingPathComponent("theme", isDirectory: true)
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try "{{> head}}\n{{> header}}<p class=\"mine\">{{title}}</p>{{> footer}}".write(
            to: theme.appendingPathComponent("story.mustache"), atomically: true, encoding: .utf8)
        try "body { color: rebeccapurple; }\n".write(to: theme.appendingPathComponent("site.css"), atomically: true, encoding: .utf8)
        fixture.options.theme = theme
        try await fixture.run([fixture.item(1, title: "<b>主题</b>")])
        let page = try #require(fixture.crawler.allFiles().first { $0.hasPrefix("2022/") })
        let html = try String(contentsOf: fixture.options.directory.appendingPathComponent(page), encoding: .utf8)
        #expect(html.contains(#"<p class="mine">&lt;b&gt;主题&lt;/b&gt;</p>"#))
        let css = try String(contentsOf: fixture.options.directory.appendingPathComponent("assets/site.css"), encoding: .utf8)
        #expect(css == "body { color: rebeccapurple; }\n")
    }

    @Test func aMissingThemeFolderIsAnErrorNamingIt() async throws {
        var fixture = try SiteFixture()
        defer { fixture.remove() }
        fixture.options.theme = fixture.directory.appendingPathComponent("no-such-theme")
        await #expect(throws: SiteError.self) { try await fixture.run([fixture.item(1)]) }
    }

    @Test func theBuiltInThemeIsReadableChineseLightAndDarkAndKeyboardUsable() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await fixture.run([fixture.item(1)])
        let css = try String(contentsOf: fixture.options.directory.appendingPathComponent("assets/site.css"), encoding: .utf8)
        for needle in ["PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "line-height: 1.8", "prefers-color-scheme: dark", ":focus-visible", ".skip-link:focus", "@media (max-width: 600px)"] {
            #expect(css.contains(needle), "\(needle)")
        }
        let home = try String(contentsOf: fixture.options.directory.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains(##"<a class="skip-link" href="#main">"##) && home.contains(#"<main id="main""#))
        let search = try String(contentsOf: fixture.options.directory.appendingPathComponent("search.html"), encoding: .utf8)
        #expect(search.contains(#"<form id="search-form" action="search.html""#))
        #expect(search.contains(#"<input id="search-q" name="q" type="search""#))
        #expect(search.contains(#"<div id="search-results" aria-live="polite"></div>"#))
        #expect(search.contains(#"<script src="assets/search.js" defer></script>"#))
        // The search module's stylesheet styles the form and the results.
        #expect(search.contains(#"<link rel="stylesheet" href="assets/search.css">"#))
        let searchCSS = try String(contentsOf: fixture.options.directory.appendingPathComponent("assets/search.css"), encoding: .utf8)
        #expect(searchCSS.contains("#search-form") && searchCSS.contains(".search-result mark"))
    }
}
