import Foundation
import Testing
import Yams

/// Cross-source de-duplication through the real binary: the same story from two outlets becomes one
/// post; two stories that share a quoted paragraph stay two; a forgotten item never comes back.
@Suite(.serialized)
struct DeduplicationTests {
    static let story = [
        "国家统计局今日发布数据显示，四月份规模以上工业增加值同比增长百分之六点七，比上月加快二点二个百分点。",
        "分三大门类看，采矿业增加值同比增长百分之二点一，制造业增长百分之七点五，电力热力燃气及水生产和供应业增长百分之四点一。",
        "分经济类型看，国有控股企业增加值同比增长百分之五点六；股份制企业增长百分之六点七，外商及港澳台投资企业增长百分之五点一。",
        "从环比看，四月份规模以上工业增加值比上月增长百分之零点九七。一至四月份，规模以上工业增加值同比增长百分之六点三。",
        "四月份，规模以上工业企业产品销售率为百分之九十五点八，比上年同月下降零点三个百分点；实现出口交货值一万二千亿元。",
        "分析人士认为，高技术制造业保持较快增长，新动能持续发力，工业经济延续回升向好态势，但外部环境仍然复杂严峻。",
    ]
    static let otherStory = [
        "中国人民银行决定于五月十五日下调金融机构存款准备金率零点五个百分点，预计释放长期资金约一万亿元。",
        "此次降准是全面降准，除已执行百分之五存款准备金率的部分法人金融机构外，对其他金融机构普遍下调。",
        "央行有关负责人表示，稳健的货币政策要灵活适度、精准有效，保持流动性合理充裕，引导融资成本稳中有降。",
        "市场人士指出，降准有助于优化金融机构资金结构，增强信贷投放能力，支持实体经济高质量发展。",
        "从历史经验看，降准公告后债券市场收益率往往小幅下行，股票市场风险偏好有所提升，但影响因素较多。",
    ]

    static func item(guid: String, link: String, title: String, paragraphs: [String]) -> String {
        let html = paragraphs.map { "<p>\($0)</p>" }.joined()
        return "<item><guid>\(guid)</guid><title>\(title)</title><link>\(link)</link>"
            + "<pubDate>Wed, 01 May 2024 10:00:00 +0800</pubDate><description><![CDATA[\(html)]]></description></item>"
    }

    static func feed(_ items: [String]) -> String {
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>\(items.joined())</channel></rss>"
    }

    @Test func sameStoryFromTwoOutletsIsOnePostAndStoriesSharingAParagraphStayTwo() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sina = Self.item(
            guid: "sina-1", link: "https://finance.sina.com.cn/a/1.html", title: "四月工业增加值同比增长6.7%",
            paragraphs: ["新浪财经APP 扫码下载 随时随地看行情"] + Self.story + ["责任编辑：张三"])
        let nbd = Self.item(
            guid: "nbd-9", link: "https://www.nbd.com.cn/articles/9.html", title: "统计局：4月规模以上工业增加值增长6.7%",
            paragraphs: ["每经记者 李四 每经编辑 王五"] + Self.story
                + ["封面图片来源：视觉中国", "免责声明：本文内容与数据仅供参考，不构成投资建议，使用前请核实。据此操作，风险自担。"])
        let quoting = Self.item(
            guid: "nbd-10", link: "https://www.nbd.com.cn/articles/10.html", title: "央行宣布降准0.5个百分点",
            paragraphs: Self.otherStory + [Self.story[0]])
        try Self.feed([sina]).write(to: directory.appendingPathComponent("sina.xml"), atomically: true, encoding: .utf8)
        try Self.feed([nbd, quoting]).write(to: directory.appendingPathComponent("nbd.xml"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, group: "金融", sources: [("新浪财经", "sina.xml"), ("每经网", "nbd.xml")])
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        // Sources run concurrently: whichever outlet's copy is archived first is the original.
        #expect(run.stdout.contains("1 duplicate"), "\(run.stdout)")
        #expect(run.stdout.contains("done: 2 new"), "\(run.stdout)")

        let titles = try Self.postTitles(directory.appendingPathComponent("posts"))
        #expect(titles.count == 2)
        #expect(titles.contains("央行宣布降准0.5个百分点"))
        #expect(titles.contains("四月工业增加值同比增长6.7%") != titles.contains("统计局：4月规模以上工业增加值增长6.7%"))

        // Forget the story by one outlet's link: the original, its copy and the post go, and neither
        // comes back on the next run.
        let forget = try CommandRunner.run(["forget", "--config", config.path, "https://finance.sina.com.cn/a/1.html"])
        #expect(forget.status == 0, "\(forget.stderr)")
        #expect(forget.stdout.contains("forgot 2 item(s), removed 1 post(s)"), "\(forget.stdout)")
        // The feeds change (their channel's title), so the next run reads them again rather than
        // taking the unchanged files as not modified: the forgotten items are met, and refused.
        for name in ["sina.xml", "nbd.xml"] {
            let url = directory.appendingPathComponent(name)
            try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "<title>t</title>", with: "<title>t again</title>")
                .write(to: url, atomically: true, encoding: .utf8)
        }
        let again = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(again.status == 0)
        #expect(try Self.postTitles(directory.appendingPathComponent("posts")) == ["央行宣布降准0.5个百分点"])
        #expect(again.stdout.components(separatedBy: "1 tombstoned").count == 3, "\(again.stdout)")
    }

    /// One feed that carries the same story twice (a repost with other header and footer lines): the
    /// later item is a copy of the earlier one of the same fetch, and a third story stays its own.
    @Test func sameStoryTwiceInOneFeedIsOnePost() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = Self.item(
            guid: "wire-1", link: "https://news.example.cn/a/1.html", title: "四月工业增加值同比增长6.7%",
            paragraphs: ["本报讯"] + Self.story + ["责任编辑：张三"])
        let other = Self.item(
            guid: "wire-2", link: "https://news.example.cn/a/2.html", title: "央行宣布降准0.5个百分点", paragraphs: Self.otherStory)
        let repost = Self.item(
            guid: "wire-3", link: "https://news.example.cn/a/3.html", title: "统计局：4月规模以上工业增加值增长6.7%",
            paragraphs: ["转载自国家统计局网站"] + Self.story + ["原标题：四月份国民经济运行情况"])
        try Self.feed([first, other, repost]).write(to: directory.appendingPathComponent("wire.xml"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, group: "金融", sources: [("通讯社", "wire.xml")])
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 duplicate"), "\(run.stdout)")
        let titles = try Self.postTitles(directory.appendingPathComponent("posts"))
        #expect(titles.sorted() == ["四月工业增加值同比增长6.7%", "央行宣布降准0.5个百分点"].sorted())
    }

    /// A disclaimer of about 70 characters that some outlets publish as an item's whole body.
    static let disclaimer = "免责声明：本文内容与数据仅供参考，不构成投资建议，使用前请核实。据此操作，风险自担。市场有风险，投资需谨慎。"

    static let disclaimerTitles = ["光伏板块午后拉升", "券商股集体走强", "人民币汇率小幅回落", "国债期货全线收涨"]

    /// Different stories whose body is the same boilerplate stay four stories, from four sources…
    @Test func storiesThatShareOnlyABoilerplateBodyAcrossSourcesStaySeparate() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var sources: [(site: String, url: String)] = []
        for (index, title) in Self.disclaimerTitles.enumerated() {
            let item = Self.item(guid: "d-\(index)", link: "https://s\(index).example/\(index).html", title: title, paragraphs: [Self.disclaimer])
            try Self.feed([item]).write(to: directory.appendingPathComponent("s\(index).xml"), atomically: true, encoding: .utf8)
            sources.append(("站\(index)", "s\(index).xml"))
        }
        let config = try CommandRunner.writeConfig(in: directory, sources: sources)
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("done: 4 new, 0 updated, 0 duplicate"), "\(run.stdout)")
        #expect(try Self.postTitles(directory.appendingPathComponent("posts")) == Self.disclaimerTitles.sorted())
    }

    /// …and from one source, whose items all carry it.
    @Test func storiesThatShareOnlyABoilerplateBodyInOneSourceStaySeparate() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let items = Self.disclaimerTitles.enumerated().map { index, title in
            Self.item(guid: "d-\(index)", link: "https://one.example/\(index).html", title: title, paragraphs: [Self.disclaimer])
        }
        try Self.feed(items).write(to: directory.appendingPathComponent("one.xml"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, sources: [("一站", "one.xml")])
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(run.stdout.contains("done: 4 new, 0 updated, 0 duplicate"), "\(run.stdout)")
        #expect(try Self.postTitles(directory.appendingPathComponent("posts")) == Self.disclaimerTitles.sorted())
        // A story the same source repeats under its boilerplate is still caught as a copy of itself.
        let repeated = Self.item(guid: "again", link: "https://one.example/again.html", title: "四月工业增加值同比增长6.7%",
                                 paragraphs: Self.story + [Self.disclaimer])
        let original = Self.item(guid: "first", link: "https://one.example/first.html", title: "四月工业增加值同比增长6.7%",
                                 paragraphs: Self.story + [Self.disclaimer])
        try Self.feed(items + [original]).write(to: directory.appendingPathComponent("one.xml"), atomically: true, encoding: .utf8)
        _ = try CommandRunner.run(["run", "--config", config.path, "--once"])
        try Self.feed(items + [original, repeated]).write(to: directory.appendingPathComponent("one.xml"), atomically: true, encoding: .utf8)
        let third = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(third.stdout.contains("done: 0 new, 0 updated, 1 duplicate"), "\(third.stdout)")
    }

    static func postTitles(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".md") }.map { name in
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let yaml = try Yams.load(yaml: text.components(separatedBy: "---")[1]) as? [String: Any]
            return yaml?["title"] as? String ?? ""
        }.sorted()
    }
}
