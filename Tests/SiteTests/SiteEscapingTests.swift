import Foundation
import HTML5Parser
import NewsCore
@testable import Publisher
import SiteTestSupport
import Testing

/// Every value a page shows is escaped byte by byte: a quote or `<` followed by a combining mark is one
/// character to Swift but still a quote or `<` to a browser.
struct SiteEscapingTests {
    /// Titles and authors whose quote carries a combining mark (U+0301, U+0338, U+20D2).
    static let combining: [String] = [
        "引号\"\u{301} onmouseover=alert(1) data-x=\"", "单引号'\u{301} onfocus=alert(2) autofocus '", "\"\u{20D2}><img src=x onerror=alert(3)>",
        "<\u{338}script>alert(4)<\u{338}/script>",
    ]

    @Test func aQuoteWithACombiningMarkNeverEndsAnAttribute() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let items = Self.combining.enumerated().map { index, title in fixture.item(index + 1, title: title, author: title) }
        try await fixture.run(items)
        let report = fixture.crawler.crawl()
        #expect(report.problems == [])
        var shown: Set<String> = []
        for page in report.pages {
            for element in fixture.crawler.elements(on: page) {
                let names = element.attributes.map(\.name)
                #expect(!names.contains { $0.hasPrefix("on") || $0 == "autofocus" || $0 == "data-x" || $0.unicodeScalars.first?.properties.isDiacritic == true },
                    "\(page): <\(element.name) \(names)>")
                if element.isHTMLElement("meta"), element.attribute("property") == "og:title", let content = element.attribute("content") {
                    shown.insert(content)
                }
                #expect(!element.isHTMLElement("img") || element.attribute("src") != "x", "\(page)")
            }
        }
        // Each story page's og:title is the whole title, as text.
        #expect(shown == Set(Self.combining))
    }

    @Test func aThemeFolderTemplateGetsEveryValueEscapedToo() async throws {
        var fixture = try SiteFixture()
        defer { fixture.remove() }
        let theme = fixture.directory.appendingPathComponent("theme", isDirectory: true)
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        // Its own story template and its own head partial, each with values in attributes and in text.
        try "{{> head}}\n{{> header}}<p class=\"mine\" title=\"{{title}}\" data-site='{{site}}'>{{title}}</p>{{> footer}}".write(
            to: theme.appendingPathComponent("story.mustache"), atomically: true, encoding: .utf8)
        try (BuiltInTemplates.head.replacingOccurrences(of: "<title>", with: "<meta name=\"mine\" content=\"{{documentTitle}}\"><title>")).write(
            to: theme.appendingPathComponent("head.mustache"), atomically: true, encoding: .utf8)
        fixture.options.theme = theme
        let titles = Self.combining + SiteHostileInputTests.titles.filter { !$0.contains("\r") && !$0.contains("\n") && $0.count < 100 }
        try await fixture.run(titles.enumerated().map { index, title in fixture.item(index + 1, title: title) })
        let report = fixture.crawler.crawl()
        #expect(report.problems == [])
        var shown: Set<String> = []
        for page in report.pages where page.hasPrefix("2022/") {
            for element in fixture.crawler.elements(on: page) {
                #expect(!element.attributes.contains { $0.name.hasPrefix("on") || $0.name == "autofocus" }, "\(page): <\(element.name)>")
                if element.isHTMLElement("p"), element.attribute("class") == "mine" {
                    #expect(element.attribute("title") == element.textContent)
                    shown.insert(element.textContent)
                }
                if element.isHTMLElement("meta"), element.attribute("name") == "mine" {
                    #expect(element.attribute("content")?.hasSuffix(" - 数字化转型观察") == true)
                }
            }
        }
        #expect(shown == Set(titles))
    }
}
