import Fetching
import Foundation
import NewsCore
import Testing
import TestSupport

/// The fetcher as a site's ``ImageLoader`` (`images: archive`), against a loopback server.
extension NetworkSuite {
@Suite(.serialized)
struct ImageLoadingTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 40)
    static let ownHost = LinkTrust.untrusted(privateHostsAllowed: ["127.0.0.1"])

    static func request(_ url: String, maxBytes: Int = 1 << 20) -> ImageRequest {
        ImageRequest(url: url, maxBytes: maxBytes, trust: ownHost)
    }

    static func failure(_ body: () async throws -> LoadedImage) async -> ImageLoadError? {
        do {
            _ = try await body()
            return nil
        } catch let error as ImageLoadError {
            return error
        } catch {
            Issue.record("not an ImageLoadError: \(error)")
            return nil
        }
    }

    @Test func anImageComesWithTheFormatItsBytesAreInAndTheRequestCarriesNoReferer() async throws {
        let server = try await TestHTTPServer { _ in TestHTTPServer.ok(Self.png, [("Content-Type", "image/jpeg")]) }
        let fetcher = HTTPFetcher(policy: NetworkSuite.FetcherFaultTests.testPolicy)
        let image = try await fetcher.loadImage(Self.request(server.baseURL + "/a.jpg"))
        try await fetcher.shutdown()
        try await server.shutdown()
        // The server said JPEG; the bytes are a PNG, and the copy is named for what it is.
        #expect(image.format == .png && image.bytes == Self.png)
        let headers = try #require(server.log.first?.headers)
        #expect(headers["referer"] == nil)
        #expect(headers["accept"]?.hasPrefix("image/") == true)
    }

    @Test func aBodyDeclaredAsHTMLIsRefusedFromItsHeadersWithoutWaitingForIt() async throws {
        let server = try await TestHTTPServer { _ in
            [.head(200, [("Content-Type", "text/html; charset=utf-8")]), .pause(.seconds(2)), .body(Array("<html>".utf8)), .end]
        }
        let fetcher = HTTPFetcher(policy: NetworkSuite.FetcherFaultTests.testPolicy)
        let started = ContinuousClock.now
        let error = await Self.failure { try await fetcher.loadImage(Self.request(server.baseURL + "/x.png")) }
        let elapsed = ContinuousClock.now - started
        try await fetcher.shutdown()
        try await server.shutdown()
        #expect(error?.description == "GET \(server.baseURL)/x.png → not an image: served as text/html")
        #expect(error?.mayRetry == true)
        #expect(elapsed < .seconds(1.5), "\(elapsed)")
    }

    @Test func anHTMLPageServedAsAnImageIsRefusedByItsBytes() async throws {
        let server = try await TestHTTPServer { _ in TestHTTPServer.ok(Array("<!DOCTYPE html><title>404</title>".utf8), [("Content-Type", "image/jpeg")]) }
        let fetcher = HTTPFetcher(policy: NetworkSuite.FetcherFaultTests.testPolicy)
        let error = await Self.failure { try await fetcher.loadImage(Self.request(server.baseURL + "/x.jpg")) }
        try await fetcher.shutdown()
        try await server.shutdown()
        #expect(error?.description == "GET \(server.baseURL)/x.jpg → not an image: served as image/jpeg, but the body is HTML")
    }

    @Test func anImageWithoutALengthStopsAtTheRequestsCap() async throws {
        let chunk = [UInt8](repeating: 1, count: 4096)
        let server = try await TestHTTPServer { _ in
            [.head(200, [("Content-Type", "image/png")]), .body(Self.png)] + Array(repeating: TestHTTPServer.Step.body(chunk), count: 10) + [.end]
        }
        let fetcher = HTTPFetcher(policy: NetworkSuite.FetcherFaultTests.testPolicy)
        let error = await Self.failure { try await fetcher.loadImage(Self.request(server.baseURL + "/big.png", maxBytes: 16384)) }
        try await fetcher.shutdown()
        try await server.shutdown()
        #expect(error?.description == "GET \(server.baseURL)/big.png → body larger than the limit of 16384 bytes")
    }

    @Test func aRedirectToAnInternalHostIsRefusedForGood() async throws {
        let server = try await TestHTTPServer { request in
            if request.path == "/hop.png" {
                return [.head(302, [("Location", "http://localhost:\(request.headers["host"]?.split(separator: ":").last ?? "80")/a.png"), ("Content-Length", "0")]), .end]
            }
            return TestHTTPServer.ok(Self.png, [("Content-Type", "image/png")])
        }
        let fetcher = HTTPFetcher(policy: NetworkSuite.FetcherFaultTests.testPolicy)
        let error = await Self.failure { try await fetcher.loadImage(Self.request(server.baseURL + "/hop.png")) }
        try await fetcher.shutdown()
        try await server.shutdown()
        #expect(error?.mayRetry == false)
        #expect(error?.description.contains("refused: localhost resolves to 127.0.0.1, which is a loopback address") == true, "\(String(describing: error))")
        #expect(server.log.map(\.path) == ["/hop.png"])
    }

    @Test func imagesKeepTheHostsPaceWithItsPages() async throws {
        let server = try await TestHTTPServer { request in
            request.path.hasSuffix(".png")
                ? TestHTTPServer.ok(Self.png, [("Content-Type", "image/png")])
                : TestHTTPServer.ok(Array("<html><p>page</p></html>".utf8), [("Content-Type", "text/html")])
        }
        var policy = NetworkSuite.FetcherFaultTests.testPolicy
        policy.perHostConcurrency = 1
        policy.perHostDelay = .milliseconds(300)
        let fetcher = HTTPFetcher(policy: policy)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = try await fetcher.load(LoadRequest(url: server.baseURL + "/page.html", kind: .page)) }
            for index in 0..<2 { group.addTask { _ = try await fetcher.loadImage(Self.request(server.baseURL + "/\(index).png")) } }
            try await group.waitForAll()
        }
        try await fetcher.shutdown()
        try await server.shutdown()
        let starts = server.log.map(\.start).sorted()
        #expect(starts.count == 3)
        for (previous, next) in zip(starts, starts.dropFirst()) {
            #expect(next - previous >= 0.2, "starts \(starts)")
        }
    }
}
}
