import Fetching
import Foundation
import NewsCore
import Testing
import TestSupport

/// The server's own log shows the politeness rules hold.
extension NetworkSuite {
@Suite(.serialized)
struct PolitenessTests {
    @Test func perHostLimitAndMinimumDelayHold() async throws {
        let server = try await TestHTTPServer { request in
            [.pause(.milliseconds(300))] + TestHTTPServer.ok(NetworkSuite.FetcherFaultTests.feed(String(request.path.dropFirst())))
        }
        var policy = NetworkSuite.FetcherFaultTests.testPolicy
        policy.perHostConcurrency = 2
        policy.perHostDelay = .milliseconds(300)
        policy.totalTimeout = .seconds(10)
        policy.readTimeout = .seconds(5)
        let fetcher = HTTPFetcher(policy: policy)
        try await withThrowingTaskGroup(of: LoadOutcome.self) { group in
            for index in 0..<8 {
                group.addTask { try await fetcher.load(LoadRequest(url: server.baseURL + "/feed\(index)")) }
            }
            for try await outcome in group {
                guard case .loaded(let document) = outcome else { Issue.record("expected a document"); continue }
                #expect(!document.bytes.isEmpty)
            }
        }
        let log = server.log.sorted { $0.start < $1.start }
        #expect(log.count == 8)
        // Never more than two requests in flight at once…
        for entry in log {
            let inFlight = log.filter { $0.start <= entry.start && ($0.end ?? .infinity) > entry.start }.count
            #expect(inFlight <= 2, "\(inFlight) requests in flight at \(entry.start)")
        }
        // …and the 300 ms minimum between two starts. The server sees a request when its head arrives,
        // after a fresh connect whose time varies under load, so allow 100 ms of network jitter.
        for (previous, next) in zip(log, log.dropFirst()) {
            #expect(next.start - previous.start >= 0.2, "starts \(previous.start) and \(next.start)")
        }
        let span = (log.last?.start ?? 0) - (log.first?.start ?? 0)
        #expect(span >= 7 * 0.3 - 0.1, "8 requests cannot start within \(span) s")
        try await fetcher.shutdown()
        try await server.shutdown()
    }

    @Test func globalLimitHoldsAcrossHosts() async throws {
        // 127.0.0.1 and localhost are two hosts for the gate; the global limit of 1 still serialises them.
        let server = try await TestHTTPServer { _ in [.pause(.milliseconds(150))] + TestHTTPServer.ok(NetworkSuite.FetcherFaultTests.feed("x")) }
        var policy = NetworkSuite.FetcherFaultTests.testPolicy
        policy.globalConcurrency = 1
        policy.perHostConcurrency = 4
        let fetcher = HTTPFetcher(policy: policy)
        let urls = (0..<3).flatMap { ["http://127.0.0.1:\(server.port)/a\($0)", "http://localhost:\(server.port)/b\($0)"] }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for url in urls { group.addTask { _ = try await fetcher.load(LoadRequest(url: url)) } }
            try await group.waitForAll()
        }
        let log = server.log.sorted { $0.start < $1.start }
        #expect(log.count == 6)
        for (previous, next) in zip(log, log.dropFirst()) {
            #expect(next.start >= (previous.end ?? .infinity) - 0.01, "overlap: \(previous.path) and \(next.path)")
        }
        try await fetcher.shutdown()
        try await server.shutdown()
    }
}
}
