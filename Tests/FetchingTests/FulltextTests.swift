import Aggregator
import Extraction
import Fetching
import Foundation
import NewsCore
import StoreSQLite
import Testing
import TestSupport

extension NetworkSuite {
    /// Feeds that carry only a teaser get the article from its page, per the source's policy.
    @Suite(.serialized)
    struct FulltextTests {
        static let article = """
            <html><head><title>央行宣布降准_新浪财经</title><meta property="og:image" content="https://img.example/lead.jpg"></head>
            <body><div class="nav"><a href="/">首页</a> <a href="/a">财经</a></div>
            <h1>央行宣布降准</h1><div id="artibody">
            <p>中国人民银行决定于五月十五日下调金融机构存款准备金率零点五个百分点，预计释放长期资金约一万亿元。</p>
            <p>此次降准是全面降准，除已执行百分之五存款准备金率的部分法人金融机构外，对其他金融机构普遍下调。</p>
            <p>央行有关负责人表示，稳健的货币政策要灵活适度、精准有效，保持流动性合理充裕，引导融资成本稳中有降。</p>
            </div><div class="footer">版权所有</div></body></html>
            """

        func feed(_ base: String) -> [UInt8] {
            Array("""
                <?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
                <item><guid>teaser-1</guid><title>央行宣布降准</title><link>\(base)/article/1</link>
                <description>中国人民银行决定下调存款准备金率…</description></item>
                <item><guid>broken-1</guid><title>链接失效</title><link>\(base)/missing</link><description>摘要…</description></item>
                </channel></rss>
                """.utf8)
        }

        @Test(arguments: [FulltextPolicy.auto, .always, .never])
        func teasersGetTheirArticle(policy: FulltextPolicy) async throws {
            let server = try await TestHTTPServer { request in
                switch request.path {
                case "/article/1": TestHTTPServer.ok(Array(Self.article.utf8), [("Content-Type", "text/html; charset=utf-8")])
                case "/missing": [.head(404, [("Content-Length", "0")]), .end]
                default: [.head(404, [("Content-Length", "0")]), .end]
                }
            }
            let feedBytes = feed(server.baseURL)
            let feedServer = try await TestHTTPServer { _ in TestHTTPServer.ok(feedBytes) }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-fulltext-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
            var source = Source(group: "g", site: "s", channel: "c", url: feedServer.baseURL + "/feed", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
            source.fulltext = policy
            let result = try await HTTPFetcher.with(policy: NetworkSuite.FetcherFaultTests.testPolicy) { fetcher in
                await Aggregator(store: store, loader: fetcher, publishers: []).run(source)
            }
            #expect(result.error == nil)
            #expect(result.inserted == 2)
            let key = "id:\(source.key):teaser-1"
            let item = try #require(try await store.items(keys: [key])[key])
            if policy == .never {
                #expect(result.fullTexts == 0)
                #expect(server.log.isEmpty, "no page is fetched")
                #expect(item.html == "中国人民银行决定下调存款准备金率…")
            } else {
                #expect(result.fullTexts == 1)
                #expect(item.html.contains("预计释放长期资金约一万亿元"))
                #expect(item.html.contains("引导融资成本稳中有降"))
                #expect(!item.html.contains("版权所有") && !item.html.contains("首页"))
                #expect(item.ogImage == "https://img.example/lead.jpg")
                // The broken link is a warning, and the item keeps its teaser.
                #expect(result.warnings.contains { $0.contains("/missing") && $0.contains("404") }, "\(result.warnings)")
            }
            try await server.shutdown()
            try await feedServer.shutdown()
        }
    
        /// Runs one teaser through the pipeline with `rule` for the page's host; the item and the result.
        func runWithRule(_ rule: SiteRule) async throws -> (RunReport.SourceResult, Item) {
            let server = try await TestHTTPServer { _ in TestHTTPServer.ok(Array(FixturePages.storyBesideDecoyColumn.utf8), [("Content-Type", "text/html; charset=utf-8")]) }
            let feedBytes = Array("""
                <?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
                <item><guid>rule-1</guid><title>新规出台</title><link>\(server.baseURL)/story</link><description>监管部门发布新规…</description></item>
                </channel></rss>
                """.utf8)
            let feedServer = try await TestHTTPServer { _ in TestHTTPServer.ok(feedBytes) }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-rule-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
            var source = Source(group: "g", site: "s", channel: "c", url: feedServer.baseURL + "/feed", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
            source.fulltext = .always
            // The fault tests' short timeouts are not what this test is about: under a loaded machine they
            // could time the loopback fetch out, and the item would never be stored.
            var policy = NetworkSuite.FetcherFaultTests.testPolicy
            policy.connectTimeout = .seconds(10)
            policy.readTimeout = .seconds(20)
            policy.totalTimeout = .seconds(30)
            let result = try await HTTPFetcher.with(policy: policy) { fetcher in
                var aggregator = Aggregator(store: store, loader: fetcher, publishers: [])
                aggregator.siteRules = [rule] + SiteRule.builtIn
                return await aggregator.run(source)
            }
            let key = "id:\(source.key):rule-1"
            let item = try #require(try await store.items(keys: [key])[key])
            try await server.shutdown()
            try await feedServer.shutdown()
            return (result, item)
        }

        /// A rule from the configuration, for the page's host, picks the body and drops the site's own boilerplate.
        @Test func aConfiguredSiteRuleShapesTheArticle() async throws {
            let (result, item) = try await runWithRule(SiteRule(host: "127.0.0.1", body: ["#story"], remove: [".promo"],
                                                                removeParagraphsStarting: ["本文来源"]))
            #expect(result.fullTexts == 1)
            #expect(result.warnings.isEmpty, "\(result.warnings)")
            #expect(item.html.contains("要求平台在十个工作日内完成自查"))
            #expect(!item.html.contains("热门文章"), "the rule's body, not the longer sidebar the generic scorer would pick")
            #expect(!item.html.contains("下载客户端") && !item.html.contains("本文来源"))
        }

        /// A rule that no longer matches the page: the generic scorer takes over, and the run says so.
        @Test func aRuleThatNoLongerMatchesIsAWarning() async throws {
            let (result, _) = try await runWithRule(SiteRule(host: "127.0.0.1", body: ["#old-layout"]))
            #expect(result.fullTexts == 1)
            #expect(result.warnings.contains { $0.contains("/story") && $0.contains("127.0.0.1 rule's body selectors match nothing") },
                    "\(result.warnings)")
        }
    }
}
