import Aggregator
import Fetching
import Foundation
import NewsCore
import StoreSQLite
import Testing
import TestSupport

extension NetworkSuite {
    /// A page is an item's full text only when it is the item's own story: anti-bot checks, login
    /// pages, soft 404s, redirects to the front page or to another article, and one page served for
    /// several links are refused with a warning, and the item keeps its feed's text.
    @Suite(.serialized)
    struct PageAcceptanceTests {
        static func page(title: String, _ paragraphs: [String]) -> [TestHTTPServer.Step] {
            let html = "<html><head><meta charset=\"utf-8\"><title>\(title)</title></head><body><div class=\"main\">"
                + paragraphs.map { "<p>\($0)</p>" }.joined() + "</div></body></html>"
            return TestHTTPServer.ok(Array(html.utf8), [("Content-Type", "text/html; charset=utf-8")])
        }

        static func redirect(to location: String) -> [TestHTTPServer.Step] {
            [.head(302, [("Location", location), ("Content-Length", "0")]), .end]
        }

        static let route: TestHTTPServer.Route = { request in
            switch request.path {
            case "/article/2.html":
                return page(title: "安全验证", ["为了保障您的访问安全，请完成下方的安全验证。", "请按住滑块，拖动到最右边，完成拼图后即可继续访问本站的全部内容，感谢您的理解与配合。"])
            case "/article/3.html":
                return page(title: "用户登录_样例新闻网", ["本文为会员专享内容，请登录后查看全文。", "账号 密码 忘记密码 立即注册 使用手机号码登录，或者使用第三方账号登录，登录即表示同意用户协议。"])
            case "/article/4.html":
                return page(title: "提示信息_样例新闻网", ["抱歉，您访问的页面不存在或已被删除。", "可能是网址输入有误，或者该文章已经下线，三秒后将自动返回首页，您也可以点击这里立即返回首页继续浏览。"])
            case "/article/5.html":
                return redirect(to: "/")
            case "/":
                return page(title: "样例新闻网_首页", (20...26).map { TeaserSite.paragraphs($0)[0] })
            case "/article/6.html":
                return redirect(to: "/article/99.html")
            case "/article/7.html", "/article/8.html":
                return page(title: "样例新闻网", TeaserSite.paragraphs(30))
            case "/article/10.html":
                return TestHTTPServer.ok(Array(TeaserSite.page(11).utf8), [("Content-Type", "text/html; charset=utf-8")])
            default:
                guard let number = TeaserSite.number(inPath: request.path) else { return [.head(404, [("Content-Length", "0")]), .end] }
                return TestHTTPServer.ok(Array(TeaserSite.page(number).utf8), [("Content-Type", "text/html; charset=utf-8")])
            }
        }

        static func feed(base: String) -> [UInt8] {
            func item(_ number: Int, title: String, text: String) -> String {
                "<item><guid>page-\(number)</guid><title>\(title)</title><link>\(base)/article/\(number).html</link>"
                    + "<description>\(text)</description></item>"
            }
            let regular = [1, 2, 3, 4, 5, 6, 10].map { item($0, title: TeaserSite.title($0), text: TeaserSite.teaser($0)) }
            let linkOnly = [item(7, title: "无标题", text: ""), item(8, title: "(untitled)", text: "")]
            // The feed rewrote the headline; its teaser is the page's opening.
            let rewritten = item(9, title: "编辑改写的另一个标题", text: TeaserSite.teaser(9))
            let untitled = item(12, title: "...", text: TeaserSite.teaser(12))
            let body = (regular + linkOnly + [rewritten, untitled]).joined()
            return Array("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>\(body)</channel></rss>".utf8)
        }

        @Test func onlyTheItemsOwnPageIsItsFullText() async throws {
            let site = try await TestHTTPServer(route: Self.route)
            let feedBytes = Self.feed(base: site.baseURL)
            let feedServer = try await TestHTTPServer { _ in TestHTTPServer.ok(feedBytes) }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-acceptance-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
            var source = Source(group: "g", site: "s", channel: "c", url: feedServer.baseURL + "/feed",
                                timeZone: TimeZone(identifier: "Asia/Shanghai")!)
            source.fulltext = .auto
            let result = try await HTTPFetcher.with(policy: NetworkSuite.FetcherFaultTests.testPolicy) { fetcher in
                await Aggregator(store: store, loader: fetcher, publishers: []).run(source)
            }
            try await site.shutdown()
            try await feedServer.shutdown()

            #expect(result.error == nil)
            #expect(result.inserted == 11, "none is merged away: \(result)")
            #expect(result.duplicates == 0, "none is merged away: \(result)")
            func item(_ number: Int) async throws -> Item { try #require(try await store.item(key: "id:\(source.key):page-\(number)"), "item \(number)") }

            // Its own pages: by headline (1, 12), by the teaser the page contains (9).
            for number in [1, 9, 12] {
                #expect(try await item(number).html.contains(TeaserSite.pageOnlySentence(number)), "item \(number)")
            }
            #expect(result.fullTexts == 3, "\(result.warnings)")
            // Items without a real title take the page's headline.
            #expect(try await item(12).title == TeaserSite.title(12))

            // Every other page is refused, named with its reason, and the item keeps its feed's text.
            let refusals = [(2, "interstitial"), (3, "interstitial"), (4, "interstitial"), (5, "redirected to front page"),
                            (6, "redirected to another article"), (7, "the same page as"), (8, "the same page as"),
                            (10, "title mismatch")]
            for (number, reason) in refusals {
                let url = "\(site.baseURL)/article/\(number).html"
                #expect(result.warnings.contains { $0.contains(url) && $0.contains(reason) }, "\(url) \(reason): \(result.warnings)")
                let stored = try await item(number)
                #expect(stored.contentOrigin == .feed, "item \(number)")
                #expect(stored.html == ([7, 8].contains(number) ? "" : TeaserSite.teaser(number)), "item \(number): \(stored.html)")
            }
            #expect(result.warnings.count == refusals.count, "\(result.warnings)")
        }

        /// Items without a real title are titled by the opening of their own text, cut to a
        /// headline's length (30 CJK characters, about 70 Latin ones at a word boundary) with "…".
        @Test func placeholderTitlesBecomeTheTextsOpening() async throws {
            let entries: [(String, String)] = [
                ("", "<p>国家统计局今天发布数据显示，五月份全国居民消费价格同比上涨百分之零点三，环比下降百分之零点一，其中食品价格上涨。</p><p>第二段。</p>"),
                ("无标题", "<p>【财联社5月1日电】央行开展逆回购操作。</p><p>操作利率维持不变。</p>"),
                ("...", "<p>The city council voted on Tuesday to approve a new budget that expands bus service across the northern districts. More details follow.</p>"),
                ("Untitled", "<p>Markets closed higher</p><p>Analysts expected the rally to continue into the next week.</p>"),
                ("(untitled)", "<p>Is the rally over? Analysts disagree.</p>"),
                ("  真正的标题  ", "<p>正文。</p>"),
            ]
            let items = entries.enumerated().map { index, entry in
                "<item><guid>title-\(index)</guid><title>\(entry.0)</title><link>https://example.com/\(index)</link>"
                    + "<description><![CDATA[\(entry.1)]]></description></item>"
            }
            let feedBytes = Array("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>\(items.joined())</channel></rss>".utf8)
            let feedServer = try await TestHTTPServer { _ in TestHTTPServer.ok(feedBytes) }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-titles-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
            var source = Source(group: "g", site: "s", channel: "c", url: feedServer.baseURL + "/feed",
                                timeZone: TimeZone(identifier: "Asia/Shanghai")!)
            source.fulltext = .never
            let result = try await HTTPFetcher.with(policy: NetworkSuite.FetcherFaultTests.testPolicy) { fetcher in
                await Aggregator(store: store, loader: fetcher, publishers: []).run(source)
            }
            try await feedServer.shutdown()
            #expect(result.inserted == entries.count, "\(result)")
            var titles: [String?] = []
            for index in 0..<entries.count { titles.append(try await store.item(key: "id:\(source.key):title-\(index)")?.title) }
            #expect(titles == [
                "国家统计局今天发布数据显示，五月份全国居民消费价格同比上涨…",
                "央行开展逆回购操作",
                "The city council voted on Tuesday to approve a new budget that…",
                "Markets closed higher",
                "Is the rally over?",
                "真正的标题",
            ])
        }

        /// Two sources whose items' links lead to one and the same page, in one run: only one of
        /// them gets it; the other keeps its feed's text and the warning names the first link.
        @Test func onePageNeverServesTwoSourcesInOneRun() async throws {
            let site = try await TestHTTPServer { _ in TestHTTPServer.ok(Array(TeaserSite.page(40).utf8), [("Content-Type", "text/html; charset=utf-8")]) }
            let base = site.baseURL
            let feed: @Sendable (String) -> [UInt8] = { path in
                Array(("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><guid>\(path)</guid>"
                    + "<title>\(TeaserSite.title(40))</title><link>\(base)/\(path)/story.html</link>"
                    + "<description>\(TeaserSite.teaser(40))</description></item></channel></rss>").utf8)
            }
            let feeds = try await TestHTTPServer { request in TestHTTPServer.ok(feed(request.path.hasPrefix("/a") ? "a" : "b")) }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-one-page-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
            let sources = ["a", "b"].map { name in
                Source(group: "g", site: name, channel: name, url: feeds.baseURL + "/\(name)/feed", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
            }
            let report = try await HTTPFetcher.with(policy: NetworkSuite.FetcherFaultTests.testPolicy) { fetcher in
                await Aggregator(store: store, loader: fetcher, publishers: []).run(sources)
            }
            try await site.shutdown()
            try await feeds.shutdown()
            #expect(report.results.map(\.fullTexts).reduce(0, +) == 1, "\(report.results.map(\.warnings))")
            let warnings = report.results.flatMap(\.warnings)
            #expect(warnings.count == 1 && warnings[0].contains("the same page as"), "\(warnings)")
        }
    }
}
