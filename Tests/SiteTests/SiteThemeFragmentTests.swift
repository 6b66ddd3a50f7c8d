import Foundation
import NewsCore
@testable import Publisher
import SiteTestSupport
import Testing

/// The fragments a build renders once and reuses (each story's card per link root, its line among a
/// page's related stories, the header and footer per root) and the theme's constant words folded into
/// the built-in templates: the pages stay byte for byte what plain Mustache rendering gives, and a
/// theme folder that overrides a reused partial changes every page that shows it.
struct SiteThemeFragmentTests {
    /// Twelve stories over three sources and two groups, five to a page: lists of one and of several pages.
    static func items(_ fixture: SiteFixture) -> [PublishedItem] {
        (1...12).map { number in
            number % 4 == 0
                ? fixture.item(number, html: "<p>第\(number)篇：没有图片的报道，正文足够长，可以当作摘要使用。</p>", author: nil)
                : fixture.item(number)
        }
    }

    /// Titles and texts that hold the cards' root marker, tags and markup.
    static func hostileItems(_ fixture: SiteFixture) -> [PublishedItem] {
        let texts = [SiteStoryFragments.marker, "a\u{0}b", "{{title}} {{> header}}", "<script>alert(1)</script> & \"'"]
        return items(fixture) + texts.enumerated().map { offset, text in
            fixture.item(20 + offset, title: "报道 \(text)", html: "<p>正文 \(text) 足够长，可以当作摘要使用。</p>")
        }
    }

    /// Builds `items` into a fresh site, with `templates` (name → source) as its theme folder when given;
    /// returns every served file's contents by path.
    static func build(
        templates: [String: String]? = nil, title: String? = nil, language: String = "zh-CN",
        items: (SiteFixture) -> [PublishedItem] = Self.items
    ) async throws -> [String: String] {
        var fixture = try SiteFixture(language: language)
        defer { fixture.remove() }
        if let title { fixture.options.title = title }
        if let templates {
            let theme = fixture.directory.appendingPathComponent("theme", isDirectory: true)
            try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
            for (name, source) in templates {
                try source.write(to: theme.appendingPathComponent(name + ".mustache"), atomically: true, encoding: .utf8)
            }
            fixture.options.theme = theme
        }
        try await fixture.run(items(fixture))
        var files: [String: String] = [:]
        for path in fixture.crawler.allFiles() {
            files[path] = try String(contentsOf: fixture.options.directory.appendingPathComponent(path), encoding: .utf8)
        }
        return files
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    static func listPages(_ files: [String: String]) -> [String] {
        files.keys.filter { $0.hasSuffix(".html") && files[$0]!.contains("<ol class=\"story-list\">") }.sorted()
    }

    @Test(arguments: ["zh-CN", "en"])
    func theBuiltInThemeRendersWhatAThemeFolderWithTheSameTemplatesRenders(language: String) async throws {
        // A theme folder holding every built-in template renders every page through plain Mustache: no
        // fragment reused, no word folded in. A site title with braces and markup is never folded as a tag.
        for title in ["数字化转型观察", "数字化{{转型}}<观察> & {{{labels.home}}}"] {
            let builtIn = try await Self.build(title: title, language: language, items: Self.hostileItems)
            let plain = try await Self.build(templates: BuiltInTemplates.all, title: title, language: language, items: Self.hostileItems)
            #expect(builtIn.count > 40)
            #expect(Set(builtIn.keys) == Set(plain.keys))
            for path in builtIn.keys.sorted() where builtIn[path] != plain[path] {
                Issue.record("\(language) \(title): \(path) differs from the plain rendering")
            }
        }
    }

    /// The site built with a theme folder holding `name` alone (the partial reused), and with one holding
    /// every built-in template and `name` (every page through plain Mustache, nothing reused).
    static func reusedAndPlain(_ name: String, _ source: String) async throws -> (reused: [String: String], plain: [String: String]) {
        let reused = try await build(templates: [name: source])
        var all = BuiltInTemplates.all
        all[name] = source
        return (reused, try await build(templates: all))
    }

    static func expectSame(_ reused: [String: String], _ plain: [String: String]) {
        #expect(Set(reused.keys) == Set(plain.keys))
        for path in plain.keys.sorted() where reused[path] != plain[path] {
            Issue.record("\(path) differs from the plain rendering")
        }
    }

    @Test func aThemesStoryCardChangesEveryListPageThatShowsTheStory() async throws {
        let card = try #require(BuiltInTemplates.all["storyCard"], "the built-in theme has a storyCard partial")
        let marked = card.replacingOccurrences(of: "<li class=\"story-card\">", with: "<li class=\"story-card mine\">")
        #expect(marked != card)
        let builtIn = try await Self.build()
        let (reused, plain) = try await Self.reusedAndPlain("storyCard", marked)
        Self.expectSame(reused, plain)
        let lists = Self.listPages(builtIn)
        #expect(lists.count > 10)
        for path in lists {
            let page = try #require(reused[path], "\(path)")
            let cards = Self.count("<li class=\"story-card\">", in: builtIn[path]!)
            #expect(Self.count("<li class=\"story-card mine\">", in: page) == cards, "\(path)")
            #expect(page.replacingOccurrences(of: " mine\"", with: "\"") == builtIn[path], "\(path)")
        }
    }

    @Test func aThemesRelatedStoryChangesEveryStoryPageThatShowsIt() async throws {
        let line = try #require(BuiltInTemplates.all["relatedStory"], "the built-in theme has a relatedStory partial")
        let marked = line.replacingOccurrences(of: "<li>", with: "<li class=\"mine\">")
        #expect(marked != line)
        let builtIn = try await Self.build()
        let (reused, plain) = try await Self.reusedAndPlain("relatedStory", marked)
        Self.expectSame(reused, plain)
        var shown = 0
        for path in builtIn.keys.sorted() where path.hasPrefix("2022/") {
            let page = try #require(reused[path], "\(path)")
            shown += Self.count("<li class=\"mine\">", in: page)
            #expect(page.replacingOccurrences(of: "<li class=\"mine\">", with: "<li>") == builtIn[path], "\(path)")
        }
        #expect(shown == Self.relatedLines(builtIn))
        #expect(shown > 10)
    }

    /// How many related-story lines the built-in theme's story pages show.
    static func relatedLines(_ files: [String: String]) -> Int {
        files.keys.filter { $0.hasPrefix("2022/") }.reduce(0) { total, path in
            let page = files[path]!
            guard let start = page.range(of: "<h3>同类文章</h3>\n<ul>") else { return total }
            let list = page[start.upperBound...].prefix { $0 != "\n" }
            return total + count("<li>", in: String(list))
        }
    }

    @Test(arguments: ["header", "footer"])
    func aThemesHeaderOrFooterChangesEveryPage(name: String) async throws {
        let tag = name == "header" ? "<header class=\"site-header\">" : "<footer class=\"site-footer\">"
        let marked = try #require(BuiltInTemplates.all[name]).replacingOccurrences(of: tag, with: tag.replacingOccurrences(of: "\">", with: " mine\">"))
        let builtIn = try await Self.build()
        let (reused, plain) = try await Self.reusedAndPlain(name, marked)
        Self.expectSame(reused, plain)
        let pages = builtIn.keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count > 30)
        for path in pages {
            let page = try #require(reused[path], "\(path)")
            #expect(Self.count(" mine\"", in: page) == 1, "\(path)")
            #expect(page.replacingOccurrences(of: " mine\"", with: "\"") == builtIn[path], "\(path)")
        }
    }

    @Test func aFragmentIsCutAtItsRootMarkersAndNowhereElse() {
        let marker = SiteStoryFragments.marker
        #expect(SiteStoryFragments.pieces(of: "<a href=\"\(marker)2022/07/a.html\">标题</a>\(marker)") == ["<a href=\"", "2022/07/a.html\">标题</a>", ""])
        #expect(SiteStoryFragments.pieces(of: "no marker") == ["no marker"])
        // A zero byte that starts no marker (even at the very end) leaves the story to be rendered per page.
        #expect(SiteStoryFragments.pieces(of: "a\u{0}b") == nil)
        #expect(SiteStoryFragments.pieces(of: "a" + marker.dropLast()) == nil)
    }

    /// The rule: a reused partial that a theme overrides is rendered once per key only when each of its
    /// tags reads a name the key covers (a card: the story's own names); one that reads anything else
    /// (the page's heading or root, a partial, a dotted name) is rendered on every page as before.
    @Test func aThemesPartialThatReadsThePageIsRenderedForEachPage() async throws {
        let card = "<li class=\"mine\">{{title}} in {{heading}} from {{root}}</li>\n"
        let header = "<body><header class=\"mine\">{{documentTitle}}</header><main id=\"main\">"
        let related = "<li class=\"mine-related\">{{title}} on {{documentTitle}}</li>"
        let themed = try await Self.build(templates: ["storyCard": card, "header": header, "relatedStory": related])
        let lists = Self.listPages(themed)
        #expect(lists.count > 10)
        for path in lists {
            let page = themed[path]!
            let heading = try #require(page.range(of: "<h1>").map { String(page[$0.upperBound...].prefix { $0 != "<" }) }, "\(path)")
            let root = SitePaths.root(of: path)
            let cards = page.components(separatedBy: "<li class=\"mine\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
            #expect(!cards.isEmpty, "\(path)")
            for shown in cards { #expect(shown.hasSuffix(" in \(heading) from \(root)"), "\(path): \(shown)") }
        }
        var relatedShown = 0
        for (path, page) in themed where path.hasSuffix(".html") {
            let title = try #require(page.range(of: "<title>").map { String(page[$0.upperBound...].prefix { $0 != "<" }) }, "\(path)")
            #expect(page.contains("<header class=\"mine\">\(title)</header>"), "\(path)")
            for line in page.components(separatedBy: "<li class=\"mine-related\">").dropFirst() {
                relatedShown += 1
                #expect(line.prefix { $0 != "<" }.hasSuffix(" on \(title)"), "\(path)")
            }
        }
        #expect(relatedShown > 10)
    }
}
