import Foundation
import Testing
import TestSupport

/// `newsmill daemon` against a real loopback server: per-source intervals, the feed's ttl respected,
/// failing sources backing off, and a clean exit on SIGTERM.
@Suite(.serialized)
struct DaemonTests {
    static func feed(_ name: String, ttlMinutes: Int? = nil) -> [UInt8] {
        let ttl = ttlMinutes.map { "<ttl>\($0)</ttl>" } ?? ""
        return Array("""
            <?xml version="1.0"?><rss version="2.0"><channel><title>\(name)</title>\(ttl)
            <item><guid>\(name)-1</guid><title>\(name) one</title><link>https://daemon.example/\(name)/1</link>
            <description>&lt;p&gt;\(name)&lt;/p&gt;</description></item></channel></rss>
            """.utf8)
    }

    static func feed(_ name: String, ttl: String) -> [UInt8] {
        Array(String(decoding: feed(name), as: UTF8.self).replacingOccurrences(of: "</title>", with: "</title><ttl>\(ttl)</ttl>").utf8)
    }

    /// Refresh hints from outside (a feed's ttl, Cache-Control max-age, Retry-After) as large as
    /// their syntax allows are capped: the daemon keeps running and honours them as a long wait.
    @Test func hugeRefreshHintsNeitherCrashNorStopTheDaemon() async throws {
        let server = try await TestHTTPServer { request in
            switch request.path {
            case "/fast": return TestHTTPServer.ok(Self.feed("fast"))
            case "/ttl-huge": return TestHTTPServer.ok(Self.feed("huge", ttl: "1e300"))
            case "/ttl-inf": return TestHTTPServer.ok(Self.feed("inf", ttl: "inf"))
            case "/max-age":
                return TestHTTPServer.ok(Self.feed("maxage"), [
                    ("Content-Type", "application/rss+xml"), ("Cache-Control", "max-age=9000000000000000000"),
                ])
            default: return [.head(503, [("Retry-After", "9223372036854775807"), ("Content-Length", "0")]), .end]
            }
        }
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try CommandRunner.writeConfig(
            in: directory, settings: "interval: 1s\nfetch:\n  attempts: 2\n  host_delay: 0\n  per_host: 8\n  timeout: 3",
            sources: [("fast", server.baseURL + "/fast"), ("huge", server.baseURL + "/ttl-huge"), ("inf", server.baseURL + "/ttl-inf"),
                      ("maxage", server.baseURL + "/max-age"), ("retry", server.baseURL + "/retry-after")])

        let (process, errors) = try Self.startDaemon(config: config)
        try await Task.sleep(for: .milliseconds(3500))
        let survived = process.isRunning
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try await server.shutdown()

        #expect(survived, "\(log)")
        #expect(process.terminationReason == .exit, "\(log)")
        #expect(process.terminationStatus == 0, "\(log)")
        let requests = server.log
        #expect(requests.filter { $0.path == "/fast" }.count >= 2)
        for path in ["/ttl-huge", "/ttl-inf", "/max-age"] {
            #expect(requests.filter { $0.path == path }.count == 1, "\(path) asks for a long wait")
        }
    }

    @Test func schedulesSourcesAndStopsCleanlyOnSIGTERM() async throws {
        let server = try await TestHTTPServer { request in
            switch request.path {
            case "/fast": return TestHTTPServer.ok(Self.feed("fast"))
            case "/ttl": return TestHTTPServer.ok(Self.feed("ttl", ttlMinutes: 60))
            default: return [.head(500, [("Content-Length", "0")]), .end]
            }
        }
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try CommandRunner.writeConfig(
            in: directory, settings: "interval: 1s\nfetch:\n  attempts: 1\n  host_delay: 0\n  per_host: 8\n  timeout: 3",
            sources: [("fast", server.baseURL + "/fast"), ("ttl", server.baseURL + "/ttl"), ("failing", server.baseURL + "/failing")])

        let (process, errors) = try Self.startDaemon(config: config)
        try await Task.sleep(for: .milliseconds(4500))
        #expect(process.isRunning)
        let signalled = ContinuousClock.now
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let stopTime = ContinuousClock.now - signalled
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0, "\(log)")
        #expect(stopTime < .seconds(5))
        #expect(log.contains("msg=\"shutting down\""), "\(log)")
        #expect(log.contains("msg=stopped"), "\(log)")

        let requests = server.log
        let fast = requests.filter { $0.path == "/fast" }.count
        let ttl = requests.filter { $0.path == "/ttl" }.count
        let failing = requests.filter { $0.path == "/failing" }.count
        #expect(fast >= 3, "fast: \(fast)")           // every second
        #expect(ttl == 1, "ttl: \(ttl)")               // the feed asks for an hour
        #expect(failing >= 1 && failing < fast, "failing: \(failing), fast: \(fast)")  // 2 s, then 4 s, …
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("posts").path))
        try await server.shutdown()
    }

    /// The real daemon on `config`, its stderr in the pipe returned.
    static func startDaemon(config: URL) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["daemon", "--config", config.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, errors)
    }
}
