import Aggregator
import Fetching
import Foundation
import NewsCore
import StoreSQLite
import Testing
import TestSupport

extension NetworkSuite {
    /// Sources that are not feeds, against loopback servers: HTML list pages (`type: html`, with
    /// pagination) and JSON/JSONP roll lists (`type: json`). Their items go through the same pipeline.
    @Suite(.serialized)
    struct ListSourceTests {
        static let beijing = TimeZone(identifier: "Asia/Shanghai")!

        static func listPage(_ items: [(path: String, title: String, date: String)], next: String?) -> [UInt8] {
            let rows = items.map { item in
                """
                <li class="news-item"><a class="title" href="\(item.path)">\(item.title)</a><span class="time">\(item.date)</span>
                <p class="desc">\(item.title)的摘要。</p><img data-src="/img/\(item.path.split(separator: "/").last ?? "x").jpg" src="data:,"></li>
                """
            }
            return Array("""
                <!doctype html><html><head><meta charset="utf-8"><title>滚动新闻</title></head><body>
                <div class="nav"><a href="/">首页</a></div><ul class="list">\(rows.joined(separator: "\n"))</ul>
                \(next.map { "<div class=\"pages\"><a class=\"next\" href=\"\($0)\">下一页</a></div>" } ?? "")</body></html>
                """.utf8)
        }

        static func article(_ title: String) -> [UInt8] { Array("""
            <html><head><title>\(title)</title></head><body><div class="nav"><a href="/">首页</a></div><article><h1>\(title)</h1>
            <p>本文是\(title)的正文。国家统计局今天发布数据，一季度国内生产总值同比增长，经济运行开局良好，主要指标好于预期。</p>
            <p>分产业看，第一产业增加值增长，第二产业和第三产业增加值也保持增长，服务业对经济增长的贡献继续提高。</p>
            <p>统计局新闻发言人表示，下阶段要继续巩固经济回升向好的态势，推动经济实现质的有效提升和量的合理增长。</p>
            </article></body></html>
            """.utf8) }

        func run(_ source: Source) async throws -> (RunReport.SourceResult, [Item]) {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-list-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
            let result = try await HTTPFetcher.with(policy: NetworkSuite.FetcherFaultTests.testPolicy) { fetcher in
                await Aggregator(store: store, loader: fetcher, publishers: []).run(source)
            }
            return (result, try await store.items(sourceKey: source.key).sorted { $0.title < $1.title })
        }

        @Test(.timeLimit(.minutes(1)))
        func listPageItemsGoThroughThePipelineWithTheirPages() async throws {
            let server = try await TestHTTPServer { request in
                switch request.path {
                case "/news/": TestHTTPServer.ok(Self.listPage([("/a/1.html", "一号新闻", "2024-05-01 10:00"),
                                                                 ("a/2.html", "二号新闻", "05-01 09:30")], next: "/news/index_2.html"),
                                                   [("Content-Type", "text/html; charset=utf-8")])
                case "/news/index_2.html": TestHTTPServer.ok(Self.listPage([("/a/3.html", "三号新闻", "2024年4月30日 18:00")], next: "/news/"),
                                                             [("Content-Type", "text/html; charset=utf-8")])
                default:
                    TestHTTPServer.ok(Self.article(["/a/1.html": "一号新闻", "/news/a/2.html": "二号新闻"][request.path] ?? "三号新闻"),
                                      [("Content-Type", "text/html; charset=utf-8")])
                }
            }
            var source = Source(group: "g", site: "列表", channel: "滚动", url: server.baseURL + "/news/", timeZone: Self.beijing)
            source.fulltext = .always
            source.listing = SourceListing(kind: .html, items: "ul.list li.news-item", title: "a.title", link: "a.title",
                                           date: ".time", summary: "p.desc", image: "img", next: "a.next", pages: 5)
            let (result, items) = try await run(source)
            #expect(result.error == nil, "\(String(describing: result.error))")
            #expect(result.warnings.isEmpty, "\(result.warnings)")
            #expect(items.map(\.title) == ["一号新闻", "三号新闻", "二号新闻"])
            let byTitle = Dictionary(uniqueKeysWithValues: items.map { ($0.title, $0) })
            #expect(byTitle["一号新闻"]?.link == server.baseURL + "/a/1.html")
            #expect(byTitle["二号新闻"]?.link == server.baseURL + "/news/a/2.html", "relative to the list page")
            // Dates in the source's time zone: 10:00 in Beijing.
            #expect(byTitle["一号新闻"]?.date == ISO8601DateFormatter().date(from: "2024-05-01T02:00:00Z"))
            #expect(byTitle["三号新闻"]?.date == ISO8601DateFormatter().date(from: "2024-04-30T10:00:00Z"))
            #expect(byTitle["一号新闻"]?.html.contains("经济运行开局良好") == true, "the full text came from the item's page")
            // The second page links back to the first: read once, the loop ends.
            #expect(server.log.filter { $0.path == "/news/" }.count == 1)
            #expect(server.log.filter { $0.path == "/news/index_2.html" }.count == 1)
            try await server.shutdown()
        }

        @Test(.timeLimit(.minutes(1)))
        func aSelectorThatMatchesNothingIsAWarningNamingSourceAndSelector() async throws {
            let server = try await TestHTTPServer { _ in
                TestHTTPServer.ok(Self.listPage([("/a/1.html", "一号新闻", "2024-05-01 10:00")], next: nil),
                                  [("Content-Type", "text/html; charset=utf-8")])
            }
            var source = Source(group: "g", site: "列表", channel: "滚动", url: server.baseURL + "/news/", timeZone: Self.beijing)
            source.fulltext = .never
            source.listing = SourceListing(kind: .html, items: "li.news-item", title: "a.title", date: ".publish-time")
            let (result, items) = try await run(source)
            #expect(result.error == nil)
            #expect(items.count == 1, "the run goes on with what matched")
            #expect(result.warnings.contains { $0.contains("列表 / 滚动") && $0.contains("`.publish-time`") && $0.contains("date") },
                    "\(result.warnings)")

            source.listing = SourceListing(kind: .html, items: "div.gone", title: "a")
            let (nothing, none) = try await run(source)
            #expect(nothing.error == nil && none.isEmpty)
            #expect(nothing.warnings.contains { $0.contains("`div.gone`") && $0.contains("matched nothing") }, "\(nothing.warnings)")
            try await server.shutdown()
        }

        static let rollJSON = """
            {"result":{"status":{"code":0},"data":[
              {"title":"一号新闻","url":"https://news.example.com/a/1.html","ctime":"1714528800","intro":"摘要一"},
              {"title":"二号新闻","url":"/a/2.html","ctime":1714532400,"intro":"摘要二","img":{"u":"/i/2.jpg"}},
              {"title":"没有链接"}
            ]}}
            """

        @Test(.timeLimit(.minutes(1)), arguments: [false, true])
        func jsonAndJSONPRollListsAreRead(jsonp: Bool) async throws {
            let body = jsonp ? "try{jQuery1234_5678(\(Self.rollJSON));}catch(e){};" : Self.rollJSON
            let server = try await TestHTTPServer { _ in TestHTTPServer.ok(Array(body.utf8), [("Content-Type", "application/javascript")]) }
            var source = Source(group: "g", site: "滚动", channel: "json", url: server.baseURL + "/roll?callback=cb", timeZone: Self.beijing)
            source.fulltext = .never
            source.listing = SourceListing(kind: .json, title: "result.data[].title", link: "result.data[].url",
                                           date: "result.data[].ctime", summary: "result.data[].intro", image: "result.data[].img.u")
            let (result, items) = try await run(source)
            #expect(result.error == nil, "\(String(describing: result.error))")
            #expect(items.map(\.title) == ["一号新闻", "二号新闻"])
            #expect(items.first?.date == Date(timeIntervalSince1970: 1_714_528_800))
            #expect(items.last?.link == server.baseURL + "/a/2.html")
            #expect(items.last?.date == Date(timeIntervalSince1970: 1_714_532_400))
            #expect(result.warnings.contains { $0.contains("1 of 3 items") && $0.contains("no link") }, "\(result.warnings)")
            try await server.shutdown()
        }

        @Test(.timeLimit(.minutes(1)))
        func malformedJSONIsAClearErrorAndTheRunGoesOn() async throws {
            let server = try await TestHTTPServer { request in
                request.path == "/broken" ? TestHTTPServer.ok(Array("cb({\"result\":{\"data\":[{\"title\":\"一\",}".utf8))
                    : TestHTTPServer.ok(Array(Self.rollJSON.utf8))
            }
            var broken = Source(group: "g", site: "坏的", channel: "json", url: server.baseURL + "/broken", timeZone: Self.beijing)
            broken.listing = SourceListing(kind: .json, title: "result.data[].title", link: "result.data[].url")
            var good = Source(group: "g", site: "好的", channel: "json", url: server.baseURL + "/good", timeZone: Self.beijing)
            good.fulltext = .never
            good.listing = broken.listing
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-list-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
            let report = try await HTTPFetcher.with(policy: NetworkSuite.FetcherFaultTests.testPolicy) { fetcher in
                await Aggregator(store: store, loader: fetcher, publishers: []).run([broken, good])
            }
            let failed = try #require(report.results.first { $0.source.site == "坏的" })
            let message = try #require(failed.error.map { "\($0)" })
            #expect(message.contains("malformed JSON") && message.contains("/broken") && message.contains("坏的"), "\(message)")
            let succeeded = try #require(report.results.first { $0.source.site == "好的" })
            #expect(succeeded.error == nil && succeeded.inserted == 2)
            try await server.shutdown()
        }
    }
}
