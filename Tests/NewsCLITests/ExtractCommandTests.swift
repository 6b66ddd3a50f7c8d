import Foundation
import Testing
import TestSupport

/// `newsmill extract`: a page from a file, standard input or a URL, printed as text, sanitized HTML or JSON.
@Suite(.serialized)
struct ExtractCommandTests {
    static let sinaPage = CommandRunner.repositoryRoot.appendingPathComponent("Tests/ExtractionTests/Fixtures/pages/sina-chanye-2005.html")
    static let sinaURL = "http://chanye.finance.sina.com.cn/sm/2005-03-21/244339.shtml"

    @Test func textIsTheArticleParagraphsWithoutTheTitle() throws {
        let result = try CommandRunner.run(["extract", "--format", "text", "--url", Self.sinaURL, Self.sinaPage.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("人生如戏。一夜之间，它可以让一个穷光蛋成为百万富翁"), "no title line first")
        #expect(!result.stdout.contains("四年前中500万现穷困潦倒 一夜暴富后如何经营\n"))
        let paragraphs = result.stdout.trimmingCharacters(in: .newlines).components(separatedBy: "\n\n")
        #expect(paragraphs.count > 40, "paragraphs separated by blank lines")
        #expect(paragraphs.allSatisfy { !$0.isEmpty && !$0.contains("\n") })
        // The 2005 page predates the site rule's layout: the generic scorer took over, and the command says so.
        #expect(result.stderr.contains("warning: generic (the finance.sina.com.cn rule's body selectors match nothing"), "\(result.stderr)")
    }

    @Test func jsonCarriesTheMetadataInItsDocumentedShape() throws {
        let result = try CommandRunner.run(["extract", "--format", "json", "--url", Self.sinaURL, Self.sinaPage.path])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "四年前中500万现穷困潦倒 一夜暴富后如何经营")
        #expect(object["published"] as? String == "2005-03-21T03:21:00Z")
        #expect(object["url"] as? String == Self.sinaURL)
        #expect((object["text"] as? String)?.hasPrefix("人生如戏") == true)
        #expect((object["html"] as? String)?.contains("<p>") == true)
        let keys = ["title", "authors", "editor", "published", "lead_image", "description", "site_name", "language", "url", "text", "html"]
        let positions = keys.compactMap { result.stdout.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted(), "every key, in the documented order")
    }

    @Test func htmlIsTheSanitizedBodyAndStandardInputWorks() throws {
        let page = """
            <html><head><title>测试_新浪财经</title></head><body><div class="content">
            <p>第一段正文，内容足够长，包含逗号，句号。还有第二句话，让提取器认出它是正文。</p>
            <p onclick="steal()">第二段正文<script>alert(1)</script>，同样足够长，有逗号，有句号。<a href="javascript:alert(2)">链接</a></p>
            <p><img data-src="/pic.jpg" width="600" height="400"></p></div></body></html>
            """
        let result = try CommandRunner.run(["extract", "--format", "html", "--url", "https://finance.sina.com.cn/x.shtml", "-"],
                                           input: Data(page.utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains("第一段正文"))
        #expect(!result.stdout.contains("<script") && !result.stdout.contains("onclick") && !result.stdout.contains("javascript:"))
        #expect(result.stdout.contains("src=\"https://finance.sina.com.cn/pic.jpg\""), "lazy image promoted and resolved: \(result.stdout)")
        #expect(result.stdout.contains("loading=\"lazy\"") && result.stdout.contains("referrerpolicy=\"no-referrer\""))
    }

    @Test func aURLIsFetchedAndAConfiguredRuleApplies() async throws {
        let server = try await TestHTTPServer { _ in TestHTTPServer.ok(Array(FixturePages.storyBesideDecoyColumn.utf8), [("Content-Type", "text/html; charset=utf-8")]) }
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try CommandRunner.writeConfig(
            in: directory, settings: "rules:\n  - host: 127.0.0.1\n    body: '#story'\n    remove: '.promo'\n    remove_paragraphs: '本文来源'", sources: [("s", "feed.xml")])
        let plain = try CommandRunner.run(["extract", server.baseURL + "/story"])
        let ruled = try CommandRunner.run(["extract", "--config", config.path, server.baseURL + "/story"])
        try await server.shutdown()
        #expect(plain.status == 0 && ruled.status == 0)
        #expect(plain.stdout.contains("热门文章"), "without the rule the generic scorer takes the longer sidebar")
        #expect(ruled.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "监管部门今日发布新规，要求平台在十个工作日内完成自查。")
    }
}
