import Foundation
@testable import Publisher
import SiteTestSupport
import Testing

/// A theme folder's templates read the page's values by name, through transforms and up the context
/// stack, exactly as they did when the contexts were dictionaries.
struct SiteThemeContextTests {
    static let template = [
        "<p class=\"mine\">{{title}}", "{{#author}}by {{author}}{{/author}}{{^author}}no author{{/author}}",
        "og {{count(og)}} {{og.siteName}} {{#og}}{{root}}{{/og}} {{#og.image}}image{{/og.image}}{{^og.image}}no image{{/og.image}}",
        "crumbs {{count(breadcrumbs)}} {{#first(breadcrumbs)}}{{name}}{{/first(breadcrumbs)}} {{#last(breadcrumbs)}}{{name}}{{/last(breadcrumbs)}}",
        "labels {{count(labels)}} {{labels.home}}", "related {{count(related)}} {{#related}}{{title}} in {{root}} by {{author}};{{/related}}",
        "copies {{#empty(copies)}}none{{/empty(copies)}} {{^copies}}empty{{/copies}}", "{{missing}}{{og.missing}}{{#pager}}pager{{/pager}}",
        "</p>",
    ].joined(separator: "|")

    @Test func aThemeTemplateSeesTheSameNamesTransformsAndStackLookupsAsWithDictionaries() async throws {
        var fixture = try SiteFixture()
        defer { fixture.remove() }
        let theme = fixture.directory.appendingPathComponent("theme", isDirectory: true)
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try ("{{> head}}\n" + Self.template + "\n{{> footer}}").write(to: theme.appendingPathComponent("story.mustache"), atomically: true, encoding: .utf8)
        fixture.options.theme = theme
        try await fixture.run([
            fixture.item(1, title: "旧报道", html: "<p>第一篇报道，正文足够长，可以当作摘要使用，没有图片。</p>", author: nil, sourceIndex: 0),
            fixture.item(2, title: "新报道", sourceIndex: 0),
        ])
        var shown: [String: String] = [:]
        for page in fixture.crawler.allFiles() where page.hasPrefix("2022/") {
            let html = try String(contentsOf: fixture.options.directory.appendingPathComponent(page), encoding: .utf8)
            let start = try #require(html.range(of: "<p class=\"mine\">"), "\(page)")
            let line = html[start.lowerBound...].prefix { $0 != "\n" }
            shown[String(line.dropFirst("<p class=\"mine\">".count).prefix { $0 != "|" })] = String(line)
        }
        let older = "<p class=\"mine\">旧报道|no author|og 5 数字化转型观察 ../../ no image|crumbs 3 金融 国内|labels 23 首页|related 0 "
            + "|copies none empty||</p>"
        let newer = "<p class=\"mine\">新报道|by 记者|og 6 数字化转型观察 ../../ image|crumbs 3 金融 国内|labels 23 首页|related 1 "
            + "旧报道 in ../../ by 记者;|copies none empty||</p>"
        #expect(shown == ["旧报道": older, "新报道": newer])
    }
}
