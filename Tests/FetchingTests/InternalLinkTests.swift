import Aggregator
@testable import Fetching
import Foundation
import NewsCore
import StoreSQLite
import Testing
import TestSupport

extension NetworkSuite {
    /// A feed's links are untrusted: full-text fetches never reach an intranet host (SSRF). A second
    /// loopback address, 127.0.0.2, stands for the intranet machine; the feed is served from 127.0.0.1.
    @Suite(.serialized)
    struct InternalLinkTests {
        static let secret = "<html><head><title>内网地址</title></head><body><div id=artibody>"
            + String(repeating: "<p>这是内网服务器上的机密资料，绝不能出现在公开的文章里。内网的账号密码和配置都在这里。</p>", count: 6)
            + "</div></body></html>"
        static let article = "<html><head><title>公开新闻</title></head><body><div id=artibody>"
            + String(repeating: "<p>这是一篇公开的新闻报道全文，由订阅源所在的服务器提供，可以正常抓取全文内容。</p>", count: 6)
            + "</div></body></html>"

        struct Servers {
            var feed: TestHTTPServer
            var intranet: TestHTTPServer
            func shutdown() async throws {
                try await feed.shutdown()
                try await intranet.shutdown()
            }
        }

        /// The intranet server on 127.0.0.2, and the feed server on 127.0.0.1 with items linking to it
        /// by address, by the name `localhost`, through a redirect, and to the feed's own host.
        func servers() async throws -> Servers {
            let html = [("Content-Type", "text/html; charset=utf-8")]
            let intranet = try await TestHTTPServer(host: "127.0.0.2") { _ in TestHTTPServer.ok(Array(Self.secret.utf8), html) }
            let intranetURL = intranet.baseURL
            let feed = try await TestHTTPServer { request in
                switch request.path {
                case "/feed":
                    let base = "http://127.0.0.1:\(request.headers["host"]?.split(separator: ":").last ?? "")"
                    return TestHTTPServer.ok(Array(Self.feed(base: base, intranet: intranetURL).utf8))
                case "/own": return TestHTTPServer.ok(Array(Self.article.utf8), html)
                case "/hop": return [.head(302, [("Location", intranetURL + "/after-redirect"), ("Content-Length", "0")]), .end]
                default: return [.head(404, [("Content-Length", "0")]), .end]
                }
            }
            return Servers(feed: feed, intranet: intranet)
        }

        static func feed(base: String, intranet: String) -> String {
            let port = intranet.split(separator: ":").last!
            func item(_ guid: String, _ title: String, _ link: String) -> String {
                "<item><guid>\(guid)</guid><title>\(title)</title><link>\(link)</link><description>摘要…</description></item>"
            }
            return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
                + item("by-address", "内网地址", intranet + "/secret")
                + item("by-name", "内网名字", "http://localhost:\(port)/by-name")
                + item("redirected", "跳转内网", base + "/hop")
                + item("own-host", "公开新闻", base + "/own")
                + "</channel></rss>"
        }

        func run(_ servers: Servers, policy: FetchPolicy = NetworkSuite.FetcherFaultTests.testPolicy) async throws
            -> (RunReport.SourceResult, SQLiteArticleStore, URL)
        {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-ssrf-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let store = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
            var source = Source(group: "g", site: "s", channel: "c", url: servers.feed.baseURL + "/feed",
                                timeZone: TimeZone(identifier: "Asia/Shanghai")!)
            source.fulltext = .always
            let result = try await HTTPFetcher.with(policy: policy) { fetcher in
                await Aggregator(store: store, loader: fetcher, publishers: []).run(source)
            }
            return (result, store, directory)
        }

        @Test func linksToInternalHostsAreRefusedBeforeAnyConnection() async throws {
            let servers = try await servers()
            let (result, store, directory) = try await run(servers)
            defer { try? FileManager.default.removeItem(at: directory) }
            #expect(result.error == nil)
            #expect(result.inserted == 4)
            #expect(servers.intranet.log.isEmpty, "nothing ever connected to the intranet host: \(servers.intranet.log.map(\.path))")
            let items = try await store.items(sourceKey: Source(group: "g", site: "s", channel: "c", url: servers.feed.baseURL + "/feed",
                                                          timeZone: TimeZone(identifier: "Asia/Shanghai")!).key)
            #expect(items.count == 4)
            for item in items {
                #expect(!item.html.contains("机密资料"), "\(item.title) carries the intranet page")
            }
            #expect(items.first { $0.title == "公开新闻" }?.html.contains("可以正常抓取全文内容") == true,
                    "the feed's own host may serve its items' pages")
            #expect(result.fullTexts == 1)
            // Each refusal is a warning that names the item, its link and the reason.
            let refusals = result.warnings.filter { $0.contains("refused") }
            #expect(refusals.count == 3, "\(result.warnings)")
            #expect(refusals.contains { $0.contains("内网地址") && $0.contains("127.0.0.2 is a loopback address") }, "\(refusals)")
            #expect(refusals.contains { $0.contains("内网名字") && $0.contains("localhost resolves to") }, "\(refusals)")
            #expect(refusals.contains { $0.contains("跳转内网") && $0.contains("/after-redirect") }, "\(refusals)")
            try await servers.shutdown()
        }

        @Test func theConfigurationCanAllowAnInternalHost() async throws {
            let servers = try await servers()
            var policy = NetworkSuite.FetcherFaultTests.testPolicy
            policy.allowPrivateHosts = ["127.0.0.2"]
            let (result, store, directory) = try await run(servers, policy: policy)
            defer { try? FileManager.default.removeItem(at: directory) }
            #expect(servers.intranet.log.map(\.path).sorted() == ["/after-redirect", "/secret"])
            let items = try await store.items(sourceKey: Source(group: "g", site: "s", channel: "c", url: servers.feed.baseURL + "/feed",
                                                          timeZone: TimeZone(identifier: "Asia/Shanghai")!).key)
            #expect(items.first { $0.title == "内网地址" }?.html.contains("机密资料") == true)
            #expect(items.first { $0.title == "内网名字" }?.html.contains("机密资料") == false, "localhost is not 127.0.0.2")
            // The redirect reached the allowed host; its page is refused for another reason (it is
            // not the redirected item's story).
            #expect(result.warnings.contains { $0.contains("/hop") && $0.contains("redirected to another article") }, "\(result.warnings)")
            #expect(result.fullTexts == 2)
            try await servers.shutdown()
        }

        /// The operator's own URLs are trusted: a configured feed on an intranet host is fetched.
        @Test func configuredURLsMayBeInternal() async throws {
            let servers = try await servers()
            let outcome = try await HTTPFetcher.with(policy: NetworkSuite.FetcherFaultTests.testPolicy) { fetcher in
                try await fetcher.load(LoadRequest(url: servers.intranet.baseURL + "/feed", kind: .feed))
            }
            guard case .loaded = outcome else { Issue.record("not loaded"); return }
            try await servers.shutdown()
        }
    }
}

extension NetworkSuite.InternalLinkTests {
    /// The fetch connects to the address that was checked, not to what the name resolves to when the
    /// client connects: `localhost` (127.0.0.1) pinned to 127.0.0.2 reaches the server on 127.0.0.2,
    /// which sees the name in its Host header.
    @Test func aCheckedAddressIsTheOneConnectedTo() async throws {
        let server = try await TestHTTPServer(host: "127.0.0.2") { _ in TestHTTPServer.ok(Array("pinned".utf8)) }
        let url = "http://localhost:\(server.port)/pinned"
        let response = try await HTTPFetcher.with(policy: NetworkSuite.FetcherFaultTests.testPolicy) { fetcher in
            try await fetcher.fetchWithRetries(url, LoadRequest(url: url, kind: .page), host: "localhost", connectingTo: "127.0.0.2")
        }
        guard case .document(let document) = response else {
            Issue.record("no document: \(response)")
            return
        }
        #expect(document.bytes == Array("pinned".utf8))
        #expect(server.log.map(\.path) == ["/pinned"])
        #expect(server.log.first?.headers["host"] == "localhost:\(server.port)")
        try await server.shutdown()
    }
}
