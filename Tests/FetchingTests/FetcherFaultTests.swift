import Aggregator
import Fetching
import Foundation
import NewsCore
import StoreSQLite
import Testing
import TestSupport

/// The fetcher against a real server on 127.0.0.1 that misbehaves in every way the issue lists,
/// in one run with healthy sources: each fault gets a clear message, every healthy source is ingested.
extension NetworkSuite {
@Suite(.serialized)
struct FetcherFaultTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/\(name)"))
        return [UInt8](try Data(contentsOf: url))
    }

    static func feed(_ name: String, items: Int = 2) -> [UInt8] {
        let entries = (1...items).map { "<item><title>\(name) \($0)</title><link>https://example.com/\(name)/\($0)</link></item>" }
        return Array("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>\(name)</title>\(entries.joined())</channel></rss>".utf8)
    }

    static func replaceASCII(_ bytes: [UInt8], _ target: String, _ replacement: String) -> [UInt8] {
        let from = Array(target.utf8)
        let to = Array(replacement.utf8)
        var output = bytes
        var index = 0
        while index + from.count <= output.count {
            if Array(output[index..<(index + from.count)]) == from {
                output.replaceSubrange(index..<(index + from.count), with: to)
                index += to.count
            } else {
                index += 1
            }
        }
        return output
    }

    static var testPolicy: FetchPolicy {
        var policy = FetchPolicy()
        policy.connectTimeout = .seconds(1)
        policy.readTimeout = .seconds(2)
        policy.totalTimeout = .seconds(3)
        policy.maxFeedBytes = 1024 * 1024
        policy.maxAttempts = 3
        policy.backoffBase = .milliseconds(50)
        policy.globalConcurrency = 32
        policy.perHostConcurrency = 32
        policy.perHostDelay = .zero
        return policy
    }

    static func route(gbk: [UInt8], bomb: [UInt8]) -> TestHTTPServer.Route {
        { request in
            let path = request.path
            switch path {
            case _ where path.hasPrefix("/healthy/"):
                return TestHTTPServer.ok(feed(String(path.dropFirst(9))))
            case "/gbk-header":
                return TestHTTPServer.ok(gbk, [("Content-Type", "application/rss+xml; charset=gbk")])
            case "/gbk-bare":
                // The same items under other links (ASCII bytes are the same in GBK), so that they are not duplicates.
                let relinked = Self.replaceASCII(gbk, "articles/", "articlez/")
                return TestHTTPServer.ok(relinked, [("Content-Type", "application/rss+xml")])
            case "/slow":
                return [.pause(.seconds(5))] + TestHTTPServer.ok(feed("slow"))
            case "/trickle":
                let body = feed("trickle")
                return [.head(200, [("Content-Length", "\(body.count)")])] + body.prefix(30).flatMap { [.body([$0]), .pause(.seconds(1))] }  // one byte a second
            case "/500":
                return [.head(500, [("Content-Length", "0")]), .end]
            case "/503":
                return [.head(503, [("Content-Length", "0")]), .end]
            case "/429":
                if request.previousCount == 0 { return [.head(429, [("Retry-After", "1"), ("Content-Length", "0")]), .end] }
                return TestHTTPServer.ok(feed("after-429"))
            case "/429-long":
                return [.head(429, [("Retry-After", "3600"), ("Content-Length", "0")]), .end]
            case "/loop/a":
                return [.head(302, [("Location", "/loop/b"), ("Content-Length", "0")]), .end]
            case "/loop/b":
                return [.head(302, [("Location", "/loop/a"), ("Content-Length", "0")]), .end]
            case "/moved":
                return [.head(301, [("Location", "/healthy/moved-here"), ("Content-Length", "0")]), .end]
            case "/huge":
                return [.head(200, [("Content-Length", "\(5 * 1024 * 1024)")]), .body(Array(repeating: 0x20, count: 65536)), .close]
            case "/huge-chunked":
                return [.head(200, [])] + Array(repeating: TestHTTPServer.Step.body(Array(repeating: 0x20, count: 256 * 1024)), count: 8) + [.end]
            case "/bomb":
                return [.head(200, [("Content-Encoding", "gzip"), ("Content-Length", "\(bomb.count)")]), .body(bomb), .end]
            case "/truncated":
                return [.head(200, [("Content-Length", "1000")]), .body(Array(repeating: 0x20, count: 500)), .close]
            case "/reset":
                return [.reset]
            case "/etag":
                if request.headers["if-none-match"] == "\"v1\"" { return [.head(304, [("ETag", "\"v1\"")]), .end] }
                return TestHTTPServer.ok(feed("etag"), [("ETag", "\"v1\""), ("Content-Type", "application/rss+xml")])
            default:
                return [.head(404, [("Content-Length", "0")]), .end]
            }
        }
    }

    @Test func everyFaultIsReportedAndHealthySourcesAreIngested() async throws {
        let server = try await TestHTTPServer(route: Self.route(gbk: try Self.fixture("gbk-feed.xml"), bomb: try Self.fixture("bomb.gz")))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-fetch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteArticleStore(path: directory.appendingPathComponent("archive.sqlite").path)
        let fetcher = HTTPFetcher(policy: Self.testPolicy)

        let expectations: [(path: String, failure: String?)] = [
            ("/healthy/a", nil), ("/healthy/b", nil), ("/healthy/c", nil), ("/gbk-header", nil), ("/gbk-bare", nil),
            ("/429", nil), ("/moved", nil), ("/etag", nil),
            ("/slow", "timed out: no data for 2.0 seconds"),
            ("/trickle", "timed out: the whole response took over 3.0 seconds"),
            ("/500", "→ 500 after 3 tries"),
            ("/503", "→ 503 after 3 tries"),
            ("/429-long", "Retry-After asks for 3600 s"),
            ("/loop/a", "redirect loop: \(server.baseURL)/loop/a → \(server.baseURL)/loop/b → \(server.baseURL)/loop/a"),
            ("/huge", "larger than the limit of 1048576 bytes"),
            ("/huge-chunked", "larger than the limit of 1048576 bytes"),
            ("/bomb", "larger than the limit of 1048576 bytes"),
            ("/truncated", "connection closed before the body was complete (500 of 1000 bytes) after 3 tries"),
            ("/reset", "after 3 tries"),
        ]
        let sources = expectations.map {
            Source(group: "g", site: "s", channel: $0.path, url: server.baseURL + $0.path, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        }
        let aggregator = Aggregator(store: store, loader: fetcher, publishers: [], concurrency: 32)
        let started = ContinuousClock.now
        let report = await aggregator.run(sources)
        let elapsed = ContinuousClock.now - started

        for (result, expectation) in zip(report.results, expectations) {
            if ProcessInfo.processInfo.environment["SHOW_MESSAGES"] != nil { print(expectation.path, result.error.map(String.init(describing:)) ?? "ok") }
            if let failure = expectation.failure {
                let message = result.error.map(String.init(describing:)) ?? "(no error)"
                #expect(message.contains(failure), "\(expectation.path): \(message)")
                #expect(message.contains(server.baseURL + expectation.path), "the message names the URL: \(message)")
            } else {
                #expect(result.error == nil, "\(expectation.path): \(String(describing: result.error))")
                #expect(result.inserted == 2, "\(expectation.path): \(result.warnings)")
            }
        }
        // A site that times out does not stall the run: everything finished within a few timeouts.
        #expect(elapsed < .seconds(10), "run took \(elapsed)")

        // GBK with and without a charset header decodes to the same titles.
        for path in ["/gbk-header", "/gbk-bare"] {
            let source = try #require(sources.first { $0.url.hasSuffix(path) })
            let titles = try await store.items(sourceKey: source.key).map(\.title).sorted()
            #expect(titles == ["央行宣布降准 释放长期资金约一万亿元", "工业互联网平台创新合作中心正式成立"].sorted(), "\(path)")
        }

        // 429 with Retry-After: 1 was honoured.
        let attempts429 = server.log.filter { $0.path == "/429" }
        #expect(attempts429.count == 2)
        if attempts429.count == 2 { #expect(attempts429[1].start - attempts429[0].start >= 0.95) }
        // 500 was tried three times, with backoff in between.
        #expect(server.log.filter { $0.path == "/500" }.count == 3)

        // A second run: the ETag comes back as If-None-Match and the 304 changes nothing.
        let etagSource = try #require(sources.first { $0.url.hasSuffix("/etag") })
        let second = await aggregator.run(etagSource)
        #expect(second.notModified)
        #expect(second.error == nil)
        #expect(server.log.last { $0.path == "/etag" }?.headers["if-none-match"] == "\"v1\"")
        #expect(try await store.items(sourceKey: etagSource.key).count == 2)
        let status = try #require(try await store.statuses().first { $0.sourceKey == etagSource.key })
        #expect(status.lastError == nil)

        // Failures are kept in the source's status.
        let failed = try #require(try await store.statuses().first { $0.sourceKey == sources.first { $0.url.hasSuffix("/503") }!.key })
        #expect(failed.lastError?.contains("503 after 3 tries") == true)

        try await fetcher.shutdown()
        try await server.shutdown()
    }
}
}
