import Fetching
import Foundation
import NewsCore
import Testing
import TestSupport

extension NetworkSuite {
    /// What a healthy fetch sends and understands: headers, compression, proxies, validators.
    @Suite(.serialized)
    struct FetcherFeatureTests {
        static func fixture(_ name: String) throws -> [UInt8] {
            let url = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/\(name)"))
            return [UInt8](try Data(contentsOf: url))
        }

        @Test func headersCompressionAndValidatorsWork() async throws {
            let gzip = try Self.fixture("feed.xml.gz")
            let deflate = try Self.fixture("feed.xml.deflate")
            let server = try await TestHTTPServer { request in
                switch request.path {
                case "/gzip": return TestHTTPServer.ok(gzip, [("Content-Encoding", "gzip"), ("Content-Type", "application/rss+xml")])
                case "/deflate": return TestHTTPServer.ok(deflate, [("Content-Encoding", "deflate")])
                default:
                    return TestHTTPServer.ok(Array("<rss/>".utf8), [
                        ("ETag", "\"abc\""), ("Last-Modified", "Wed, 01 May 2024 02:00:00 GMT"), ("Cache-Control", "public, max-age=600"),
                        ("Content-Type", "text/xml; charset=\"GB2312\""),
                    ])
                }
            }
            var policy = NetworkSuite.FetcherFaultTests.testPolicy
            policy.userAgent = "NewsmillTest/1.0"
            try await HTTPFetcher.with(policy: policy) { fetcher in
            for path in ["/gzip", "/deflate"] {
                guard case .loaded(let document) = try await fetcher.load(LoadRequest(url: server.baseURL + path)) else {
                    Issue.record("\(path): expected a document")
                    continue
                }
                #expect(String(decoding: document.bytes, as: UTF8.self).contains("<title>Compressed</title>"), "\(path)")
            }
            #expect(server.log.first?.headers["accept-encoding"]?.contains("gzip") == true)

            let request = LoadRequest(url: server.baseURL + "/plain", headers: ["Referer": "https://finance.sina.com.cn/", "Cookie": "a=1"])
            guard case .loaded(let document) = try await fetcher.load(request) else {
                Issue.record("expected a document")
                return
            }
            #expect(document.validators == CacheValidators(etag: "\"abc\"", lastModified: "Wed, 01 May 2024 02:00:00 GMT"))
            #expect(document.maxAge == 600)
            #expect(document.charset == "GB2312")
            let sent = try #require(server.log.last { $0.path == "/plain" })
            #expect(sent.headers["user-agent"] == "NewsmillTest/1.0")
            #expect(sent.headers["referer"] == "https://finance.sina.com.cn/")
            #expect(sent.headers["cookie"] == "a=1")

            // The validators go back as a conditional GET.
            _ = try await fetcher.load(LoadRequest(url: server.baseURL + "/plain", validators: document.validators))
            let conditional = try #require(server.log.last { $0.path == "/plain" })
            #expect(conditional.headers["if-none-match"] == "\"abc\"")
            #expect(conditional.headers["if-modified-since"] == "Wed, 01 May 2024 02:00:00 GMT")
            }
            try await server.shutdown()
        }
    }
}
