import Aggregator
import Fetching
import Foundation
import NewsCore
import StoreSQLite
import Testing
import TestSupport

extension NetworkSuite {
    /// Articles that go on over further pages, against a loopback server: joined in order, bounded,
    /// and a loop of next links ends.
    @Suite(.serialized)
    struct MultiPageArticleTests {
        static func page(_ number: Int, of title: String, next: String?, extra: String = "") -> [UInt8] {
            let sentences = (1...3).map { "这是\(title)第\(number)页的第\($0)段，内容足够长，能够作为文章的正文来计算，并且带有标点符号。" }
            return Array("""
                <html><head><title>\(title)</title></head><body><div class="nav"><a href="/">首页</a></div>
                <h1>\(title)</h1><div class="article">\(sentences.map { "<p>\($0)</p>" }.joined())</div>
                <div class="pages">\(next.map { "<a href=\"\($0)\">下一页</a>" } ?? "")\(extra)</div></body></html>
                """.utf8)
        }

        func run(feedLink: String, server: TestHTTPServer) async throws -> (RunReport.SourceResult, Item) {
            let feed = Array("""
                <?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
                <item><guid>multi-1</guid><title>长文章</title><link>\(feedLink)</link><description>摘要…</description></item>
                </channel></rss>
                """.utf8)
            let feedServer = try await TestHTTPServer { _ in TestHTTPServer.ok(feed) }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-multi-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
            var source = Source(group: "g", site: "s", channel: "c", url: feedServer.baseURL + "/feed", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
            source.fulltext = .always
            let result = try await HTTPFetcher.with(policy: NetworkSuite.FetcherFaultTests.testPolicy) { fetcher in
                await Aggregator(store: store, loader: fetcher, publishers: []).run(source)
            }
            try await feedServer.shutdown()
            let item = try #require(try await store.items(sourceKey: source.key).first)
            return (result, item)
        }

        static let html = [("Content-Type", "text/html; charset=utf-8")]

        @Test(.timeLimit(.minutes(1)))
        func pagesAreJoinedInOrderAndALoopEnds() async throws {
            let server = try await TestHTTPServer { request in
                switch request.path {
                // 下一页 from page 3 leads back to page 1: a loop.
                case "/a/100.shtml": TestHTTPServer.ok(Self.page(1, of: "长文章", next: "100_2.shtml"), Self.html)
                case "/a/100_2.shtml": TestHTTPServer.ok(Self.page(2, of: "长文章", next: "/a/100_3.shtml",
                                                                   extra: "<a href=\"https://elsewhere.example/a/1.shtml\">下一页</a>"), Self.html)
                case "/a/100_3.shtml": TestHTTPServer.ok(Self.page(3, of: "长文章", next: "/a/100.shtml"), Self.html)
                default: [.head(404, [("Content-Length", "0")]), .end]
                }
            }
            let (result, item) = try await run(feedLink: server.baseURL + "/a/100.shtml", server: server)
            #expect(result.error == nil)
            let first = try #require(item.html.range(of: "第1页的第1段"))
            let second = try #require(item.html.range(of: "第2页的第3段"))
            let third = try #require(item.html.range(of: "第3页的第2段"))
            #expect(first.lowerBound < second.lowerBound && second.lowerBound < third.lowerBound)
            #expect(server.log.filter { $0.path == "/a/100.shtml" }.count == 1, "the loop back to page 1 is not followed")
            #expect(server.log.count == 3)
            try await server.shutdown()
        }

        /// A site whose every page links to one more: the article stops at the bound.
        @Test(.timeLimit(.minutes(1)))
        func endlessNextLinksStayBounded() async throws {
            let server = try await TestHTTPServer { request in
                let number = Int(request.path.split(separator: "=").last ?? "1") ?? 1
                return TestHTTPServer.ok(Self.page(number, of: "长文章", next: "/story?page=\(number + 1)"), Self.html)
            }
            let (result, item) = try await run(feedLink: server.baseURL + "/story?page=1", server: server)
            #expect(result.error == nil)
            #expect(server.log.count == Aggregator.maximumArticlePages)
            #expect(item.html.contains("第\(Aggregator.maximumArticlePages)页"))
            #expect(!item.html.contains("第\(Aggregator.maximumArticlePages + 1)页"))
            try await server.shutdown()
        }

        /// Without a 下一页 text, the page's next number (`_2.shtml`) is the next page.
        @Test(.timeLimit(.minutes(1)))
        func numberedNextPageIsFoundByItsURL() async throws {
            let server = try await TestHTTPServer { request in
                switch request.path {
                case "/b/7.shtml": TestHTTPServer.ok(Self.page(1, of: "长文章", next: nil, extra: "<a href=\"7_2.shtml\">2</a>"), Self.html)
                case "/b/7_2.shtml": TestHTTPServer.ok(Self.page(2, of: "长文章", next: nil, extra: "<a href=\"7.shtml\">1</a>"), Self.html)
                default: [.head(404, [("Content-Length", "0")]), .end]
                }
            }
            let (_, item) = try await run(feedLink: server.baseURL + "/b/7.shtml", server: server)
            #expect(item.html.contains("第1页的第1段") && item.html.contains("第2页的第3段"))
            #expect(server.log.count == 2)
            try await server.shutdown()
        }
    }
}
