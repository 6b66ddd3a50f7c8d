import Foundation
import HTML5Parser
import Testing

/// Issue 13: the Hugo and Jekyll outputs are read by the real generators. Newsmill publishes a
/// feed of ordinary and hostile stories into a copy of a minimal site kept in the fixtures, the
/// generator (apt `hugo`, `jekyll`) builds it, and every story's page is there with its own title,
/// date, source and body, and nothing from article text ran as a template or as Markdown.
@Suite(.serialized)
struct GeneratorBuildTests {
    struct Story {
        var guid: String
        var title: String
        /// How the title reads on the built page (line breaks become spaces).
        var shownTitle: String
        var body: String
        var pubDate: String?
    }

    static let stories: [Story] = [
        Story(guid: "plain", title: "数字化转型：银行业的新阶段", shownTitle: "数字化转型：银行业的新阶段",
              body: "<p>标记plain 上海银行发布年度报告。</p><p><img src=\"https://img.example/a.jpg\"></p>",
              pubDate: "Wed, 01 May 2024 10:00:00 +0800"),
        Story(guid: "script", title: "<script>alert(1)</script> 标题", shownTitle: "<script>alert(1)</script> 标题",
              body: "<p>标记script</p><script>alert(2)</script>", pubDate: "Wed, 01 May 2024 11:00:00 +0800"),
        Story(guid: "braces", title: "{{< shortcode >}} {% include x %} {{ site.title }}",
              shownTitle: "{{< shortcode >}} {% include x %} {{ site.title }}",
              body: "<p>标记braces {{ site.title }} {% raw %} {{< highlight go >}} {{% notice %}}</p>",
              pubDate: "Wed, 01 May 2024 12:00:00 +0800"),
        Story(guid: "quotes", title: "\"引号\" and 'apostrophes': colon # hash", shownTitle: "\"引号\" and 'apostrophes': colon # hash",
              body: "<p>标记quotes</p>\n\n[click](javascript:alert(3))\n\n# Heading from text\n\n    code", pubDate: "Wed, 01 May 2024 13:00:00 +0800"),
        Story(guid: "newline", title: "第一行\n第二行", shownTitle: "第一行 第二行",
              body: "<p>标记newline</p>", pubDate: "Wed, 01 May 2024 14:00:00 +0800"),
        Story(guid: "undated", title: "没有日期的新闻", shownTitle: "没有日期的新闻", body: "<p>标记undated</p>", pubDate: nil),
    ]

    static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static var feed: String {
        let items = stories.map { story in
            "<item><guid isPermaLink=\"false\">\(story.guid)</guid><title>\(xmlEscaped(story.title))</title>"
                + "<link>https://news.example.com/\(story.guid).html</link>"
                + (story.pubDate.map { "<pubDate>\($0)</pubDate>" } ?? "")
                + "<description>\(xmlEscaped(story.body))</description></item>"
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>\(items.joined())</channel></rss>"
    }

    /// Copies the fixture site `name` into a new directory and publishes the stories into `postsDir` of it.
    static func publishedSite(_ name: String, format: String, postsDir: String) throws -> URL {
        let directory = try CommandRunner.makeTemporaryDirectory()
        let site = directory.appendingPathComponent("site")
        try FileManager.default.copyItem(at: Bundle.module.resourceURL!.appendingPathComponent("Fixtures/Generators/\(name)"), to: site)
        try feed.write(to: directory.appendingPathComponent("feed.xml"), atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("newsmill.yaml")
        try """
            fulltext: never
            timezone: Asia/Shanghai
            outputs:
              - format: \(format)
                dir: site/\(postsDir)
            groups:
              - name: 金融
                sources:
                  - site: 新浪财经
                    channel: 新浪财经－国內
                    url: feed.xml
            """.write(to: config, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        return directory
    }

    struct BuiltStory {
        var title: String
        var datetime: String
        var source: String
        var original: String
        var bodyText: String
        var body: HTMLNode
    }

    /// Every page of the built site that shows a story.
    static func builtStories(in root: URL) throws -> [BuiltStory] {
        var result: [BuiltStory] = []
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "html" {
            let document = HTMLParser.parse(try String(contentsOf: file, encoding: .utf8))
            guard let title = try document.select("h1.story-title").first,
                  let body = try document.select("div.story-body").first else { continue }
            result.append(BuiltStory(
                title: title.textContent,
                datetime: try document.select("time").first?.attribute("datetime") ?? "",
                source: try document.select("p.story-source").first?.textContent ?? "",
                original: try document.select("a.original").first?.attribute("href") ?? "",
                bodyText: body.textContent, body: body))
        }
        return result
    }

    static func checkEveryStory(_ built: [BuiltStory], generator: String) throws {
        #expect(built.map(\.title).sorted() == stories.map(\.shownTitle).sorted(), "\(generator) pages: \(built.map(\.title))")
        for story in stories {
            guard let page = built.first(where: { $0.title == story.shownTitle }) else { continue }
            #expect(page.bodyText.contains("标记" + story.guid), "\(generator): \(story.guid) body: \(page.bodyText)")
            #expect(page.original == "https://news.example.com/\(story.guid).html", "\(generator): \(story.guid)")
            #expect(page.source.contains("新浪财经"), "\(generator): \(story.guid)")
            // Article text never became markup: no script, no heading, no code block, no javascript: link.
            #expect(try page.body.select("script, h1, h2, pre, code").isEmpty, "\(generator): \(story.guid) body markup")
            #expect(try page.body.select("a").allSatisfy { !($0.attribute("href") ?? "").lowercased().hasPrefix("javascript:") })
        }
        let plain = try #require(built.first { $0.title == stories[0].shownTitle })
        #expect(plain.datetime == "2024-05-01T10:00:00+08:00", "\(generator) date: \(plain.datetime)")
        // Template syntax in article text shows as text: neither Liquid nor a shortcode ran on it.
        let braces = try #require(built.first { $0.title == stories[2].shownTitle })
        #expect(braces.bodyText.contains("{{ site.title }} {% raw %} {{< highlight go >}} {{% notice %}}"), "\(generator): \(braces.bodyText)")
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments, executable: URL(fileURLWithPath: executable))
    }

    @Test(.enabled(if: Generators.hugo != nil, "needs hugo (apt-get install -y hugo)"))
    func hugoBuildsEveryStory() throws {
        let directory = try Self.publishedSite("hugo", format: "hugo", postsDir: "content/posts")
        defer { try? FileManager.default.removeItem(at: directory) }
        let site = directory.appendingPathComponent("site"), out = directory.appendingPathComponent("public")
        let build = try Self.run(Generators.hugo!, ["--source", site.path, "--destination", out.path, "--quiet"])
        #expect(build.status == 0, "hugo: \(build.stderr)")
        try Self.checkEveryStory(try Self.builtStories(in: out), generator: "hugo")
        // The front matter holds what Hugo's own templates read: the head image for OpenGraph, the categories as a taxonomy.
        let categoryPage = out.appendingPathComponent("categories/新浪财经/index.html")
        #expect(FileManager.default.fileExists(atPath: categoryPage.path), "hugo built no 新浪财经 category page")
    }

    @Test(.enabled(if: Generators.jekyll != nil, "needs jekyll (apt-get install -y jekyll)"))
    func jekyllBuildsEveryStory() throws {
        let directory = try Self.publishedSite("jekyll", format: "jekyll", postsDir: "_posts")
        defer { try? FileManager.default.removeItem(at: directory) }
        let site = directory.appendingPathComponent("site"), out = directory.appendingPathComponent("_site")
        let build = try Self.run(Generators.jekyll!, ["build", "--source", site.path, "--destination", out.path, "--quiet"])
        #expect(build.status == 0, "jekyll: \(build.stderr)")
        let built = try Self.builtStories(in: out)
        try Self.checkEveryStory(built, generator: "jekyll")
        // The home page lists every post.
        let home = HTMLParser.parse(try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8))
        #expect(try home.select("ul.stories a").map(\.textContent).sorted() == Self.stories.map(\.shownTitle).sorted())
    }
}

/// Where the site generators are, when they are installed.
enum Generators {
    static let hugo = find("hugo")
    static let jekyll = find("jekyll")

    static func find(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
