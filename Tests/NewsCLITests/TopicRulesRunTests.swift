import Foundation
import Testing
import Yams

/// Keep/block rules through the real binary: what a run publishes, what a rule change publishes and
/// unpublishes, `rules test`, and malformed rules.
@Suite(.serialized)
struct TopicRulesRunTests {
    static let stories: [(guid: String, title: String)] = [
        ("a", "国企数字化转型论坛举办"), ("b", "央行开展逆回购操作"), ("c", "数字化转型专场招聘会"), ("d", "银行业数智化报告"),
    ]

    static func frontMatter(in directory: URL) throws -> [String: [String: Any]] {
        var posts: [String: [String: Any]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".md") {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let yaml = try Yams.load(yaml: text.components(separatedBy: "---")[1]) as? [String: Any] ?? [:]
            posts[yaml["title"] as? String ?? ""] = yaml
        }
        return posts
    }

    func setUp(rules: String) throws -> (directory: URL, config: URL) {
        let directory = try CommandRunner.makeTemporaryDirectory()
        try PublishingRunTests.feed(Self.stories).write(to: directory.appendingPathComponent("feed.xml"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, settings: rules, sources: [("s", "feed.xml")])
        return (directory, config)
    }

    static let topicRule = """
        filters:
          - name: 数字化转型
            keep: { any: [数字化转型, 数智化], in: [title, text] }
          - block: { any: [招聘], in: [title] }
        """

    @Test func onlyKeptItemsArePublished() throws {
        let (directory, config) = try setUp(rules: Self.topicRule)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        let posts = try PublishingRunTests.titles(in: directory.appendingPathComponent("posts"))
        #expect(posts == ["国企数字化转型论坛举办", "银行业数智化报告"])
        // The default front matter is the samples' shape: no tags.
        #expect(try Self.frontMatter(in: directory.appendingPathComponent("posts")).values.allSatisfy { $0["tags"] == nil })
    }

    @Test func aRuleChangeAloneUnpublishesAndPublishes() throws {
        let (directory, config) = try setUp(rules: Self.topicRule)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try CommandRunner.run(["run", "--config", config.path, "--once"]).status == 0)
        // The feed stays the same; only the rules change: 数智化 no longer counts, 逆回购 now does.
        var text = try String(contentsOf: config, encoding: .utf8)
        text = text.replacingOccurrences(of: "[数字化转型, 数智化]", with: "[数字化转型, 逆回购]")
        try text.write(to: config, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("rules changed: 2 archived item(s) decided again"), "\(run.stdout)")
        #expect(try PublishingRunTests.titles(in: directory.appendingPathComponent("posts")) == ["国企数字化转型论坛举办", "央行开展逆回购操作"])
        // Removing every rule publishes everything; a run after that changes nothing.
        try CommandRunner.writeConfig(in: directory, sources: [("s", "feed.xml")])
        #expect(try CommandRunner.run(["run", "--config", config.path, "--once"]).status == 0)
        #expect(try PublishingRunTests.titles(in: directory.appendingPathComponent("posts")).count == 4)
        let again = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(again.stdout.contains("0 file(s) written") && !again.stdout.contains("rules changed"), "\(again.stdout)")
    }

    @Test func outputRulesFilterOnlyTheirOutputAndTopicsCanBecomeTags() throws {
        let (directory, config) = try setUp(rules: "")
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = try String(contentsOf: config, encoding: .utf8)
        text = text.replacingOccurrences(of: "outputs:\n", with: """
            outputs:
              - format: hexo
                dir: topic
                topics: tags
                filters:
                  - name: 数字化转型
                    keep: { any: [数字化转型] }

            """)
        text += "filters:\n  - name: 数字化转型\n    keep: { any: ['/./'] }\n"
        try text.write(to: config, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try PublishingRunTests.titles(in: directory.appendingPathComponent("posts")).count == 4)
        let topic = try Self.frontMatter(in: directory.appendingPathComponent("topic"))
        #expect(topic.keys.sorted() == ["国企数字化转型论坛举办", "数字化转型专场招聘会"])
        #expect(topic["国企数字化转型论坛举办"]?["tags"] as? [String] == ["数字化转型"])
    }

    @Test func rulesTestShowsWhichRuleDecidedEachItem() throws {
        let (directory, config) = try setUp(rules: Self.topicRule)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try CommandRunner.run(["run", "--config", config.path, "--once"]).status == 0)
        let result = try CommandRunner.run(["rules", "test", "--config", config.path, "--source", "s"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("kept    国企数字化转型论坛举办 — kept by filters[0] 数字化转型"), "\(result.stdout)")
        #expect(result.stdout.contains("blocked 数字化转型专场招聘会 — blocked by filters[1] (block any 招聘 in title)"), "\(result.stdout)")
        #expect(result.stdout.contains("blocked 央行开展逆回购操作 — blocked by no keep rule of the global scope matched"), "\(result.stdout)")
        #expect(result.stdout.contains("4 item(s): 2 kept, 2 filtered out"), "\(result.stdout)")
        let unknown = try CommandRunner.run(["rules", "test", "--config", config.path, "--source", "nope"])
        #expect(unknown.status != 0 && unknown.stderr.contains("no configured source"), "\(unknown.stderr)")
    }

    @Test(arguments: [
        ("filters:\n  - keep: { any: ['/数字(/'] }\n", "newsmill.yaml:2: filters[0].keep.any: not a valid regular expression: /数字(/"),
        ("filters:\n  - keep: { any: [数字化], in: [title, body] }\n", "newsmill.yaml:2: filters[0].keep.in: unknown field 'body'"),
        ("filters:\n  - keep: { any: [a] }\n    drop: { any: [b] }\n", "newsmill.yaml:3: filters[0].drop: unknown key"),
        ("filters:\n  - keep: { anywhere: [a] }\n", "newsmill.yaml:2: filters[0].keep.anywhere: unknown key"),
        ("filters:\n  - name: x\n", "filters[0]: missing keep or block"),
        ("filters:\n  - keep: { any: [a] }\n    block: { any: [b] }\n", "filters[0]: a rule is either keep or block, not both"),
        ("filters:\n  - block: {}\n", "filters[0].block: expected any, all or a field"),
        ("tags:\n  stocks: missing.csv\n", "newsmill.yaml:2: tags.stocks: cannot read the stock list"),
    ])
    func malformedRulesAreConfigurationErrors(rules: String, expected: String) throws {
        let result = try ConfigValidationTests().run(config: rules + ConfigValidationTests.oneSource)
        #expect(result.status == 1)
        #expect(result.stderr.contains(expected), "stderr was: \(result.stderr)")
    }

    @Test func aSourceFilterNamesItsPath() throws {
        let config = "groups:\n  - name: g\n    sources:\n      - site: s\n        url: x.xml\n        filters:\n          - block: { author: ['/[/'] }\n"
        let result = try ConfigValidationTests().run(config: config)
        #expect(result.stderr.contains("newsmill.yaml:7: groups[0].sources[0].filters[0].block.author: not a valid regular expression"),
                "stderr was: \(result.stderr)")
    }
}

/// The bundled example is a 数字化转型 topic site: its output holds only the matching stories.
@Suite(.serialized)
struct ExampleTopicSiteTests {
    @Test func theExampleOutputHoldsOnlyTheTopicsStories() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let example = CommandRunner.repositoryRoot.appendingPathComponent("example")
        try FileManager.default.copyItem(at: example.appendingPathComponent("feeds"), to: directory.appendingPathComponent("feeds"))
        try FileManager.default.copyItem(at: example.appendingPathComponent("newsmill.yaml"), to: directory.appendingPathComponent("newsmill.yaml"))
        let run = try CommandRunner.run(["run", "--config", directory.appendingPathComponent("newsmill.yaml").path, "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        let titles = try PublishingRunTests.titles(in: directory.appendingPathComponent("output/hexo/source/_posts"))
        #expect(titles.count == 6, "\(titles)")
        #expect(titles.allSatisfy { !$0.contains("逆回购") && !$0.contains("油价") && !$0.contains("直播预告") && !$0.contains("楼市") })
        #expect(titles.contains("上海银行：推进数字化转型，上半年线上贷款余额同比增长"))
    }
}

/// `convert: t2s` publishes simplified text; `match: { traditional: true }` lets simplified rules keep traditional stories.
@Suite(.serialized)
struct TraditionalSourceRunTests {
    @Test func aTraditionalSourceIsKeptAndPublishedInSimplifiedCharacters() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try PublishingRunTests.feed([("a", "推動企業數字化轉型"), ("b", "股市收盤")])
            .write(to: directory.appendingPathComponent("feed.xml"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, settings: """
            match: { traditional: true }
            filters:
              - keep: { any: [数字化转型] }
            """, sources: [("s", "feed.xml")])
        var text = try String(contentsOf: config, encoding: .utf8)
        text = text.replacingOccurrences(of: "    dir: posts\n", with: "    dir: posts\n    convert: t2s\n")
        try text.write(to: config, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try PublishingRunTests.titles(in: directory.appendingPathComponent("posts")) == ["推动企业数字化转型"])
    }

    /// The body is converted as well: the one the import cleaned and kept for the outputs included.
    @Test func theBodyIsPublishedInSimplifiedCharactersToo() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            <?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><guid>a</guid><title>銀行業動態</title>
            <link>https://pub.example/a.html</link><pubDate>Wed, 01 May 2024 10:00:00 +0800</pubDate>
            <description><![CDATA[<p>這家銀行推動數字化轉型，擴大線上業務。</p>]]></description></item></channel></rss>
            """.write(to: directory.appendingPathComponent("feed.xml"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, sources: [("s", "feed.xml")])
        var text = try String(contentsOf: config, encoding: .utf8)
        text = text.replacingOccurrences(of: "    dir: posts\n", with: "    dir: posts\n    convert: t2s\n")
        try text.write(to: config, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        let posts = directory.appendingPathComponent("posts")
        let names = try FileManager.default.contentsOfDirectory(atPath: posts.path).filter { $0.hasSuffix(".md") }
        #expect(names.count == 1)
        let post = try String(contentsOf: posts.appendingPathComponent(names.first ?? ""), encoding: .utf8)
        #expect(post.contains("这家银行推动数字化转型，扩大线上业务。"), "\(post)")
        #expect(!post.contains("轉型"), "\(post)")
    }
}
