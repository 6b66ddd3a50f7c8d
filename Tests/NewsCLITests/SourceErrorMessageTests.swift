import Foundation
import Testing
import TestSupport

/// What a failing source prints is a sentence that names the URL or the path and the cause, never
/// a raw NSError dump or another status than the server's.
@Suite(.serialized)
struct SourceErrorMessageTests {
    @Test func aLongRetryAfterNamesTheStatusTheServerSent() async throws {
        let server = try await TestHTTPServer { request in
            switch request.path {
            case "/day": return [.head(503, [("Retry-After", "86400"), ("Content-Length", "0")]), .end]
            case "/forever": return [.head(503, [("Retry-After", "9223372036854775807"), ("Content-Length", "0")]), .end]
            default: return [.head(429, [("Retry-After", "7200"), ("Content-Length", "0")]), .end]
            }
        }
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try CommandRunner.writeConfig(
            in: directory, settings: "fetch:\n  attempts: 2\n  host_delay: 0\n  per_host: 8",
            sources: [("day", server.baseURL + "/day"), ("forever", server.baseURL + "/forever"), ("limited", server.baseURL + "/limited")])
        let result = try CommandRunner.run(["run", "--config", config.path, "--once"])
        try await server.shutdown()

        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("GET \(server.baseURL)/day → 503, and Retry-After asks for 86400 s: too long to wait"),
                "\(result.stderr)")
        #expect(result.stderr.contains("GET \(server.baseURL)/forever → 503, and Retry-After asks for a year or more: too long to wait"),
                "\(result.stderr)")
        #expect(result.stderr.contains("GET \(server.baseURL)/limited → 429, and Retry-After asks for 7200 s"), "\(result.stderr)")
    }

    /// A real full disk: the posts directory is a 4 KB tmpfs, mounted in a private mount namespace
    /// that only the child process sees (needs root and unshare; skipped elsewhere).
    @Test(.enabled(if: PrivateTmpfs.isAvailable))
    func aFullDiskIsASentenceThatNamesThePost() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let posts = directory.appendingPathComponent("posts")
        try FileManager.default.createDirectory(at: posts, withIntermediateDirectories: true)
        let feeds = CommandRunner.repositoryRoot.appendingPathComponent("example/feeds")
        let config = try CommandRunner.writeConfig(
            in: directory, sources: [("新浪财经", feeds.appendingPathComponent("sina-finance-china.xml").path)])

        let result = try PrivateTmpfs.run(mountedAt: posts, sizeKB: 4, [CommandRunner.binary.path, "run", "--config", config.path, "--once"])
        // The archive took the items; publishing them stopped, and the run says so and exits 1 (the
        // journal keeps the posts for the next run).
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("newsmill: publishing stopped: "), "\(result.stderr)")
        #expect(result.stderr.contains("cannot write \(posts.path)/"), "\(result.stderr)")
        #expect(result.stderr.contains(".md: the disk is full (no space left on the device)"), "\(result.stderr)")
        #expect(!result.stderr.contains("Error Domain"), "\(result.stderr)")
        #expect(!result.stderr.contains("CocoaError"), "\(result.stderr)")
    }
}

/// Runs a command with a small tmpfs mounted over a directory, in a mount namespace of its own.
enum PrivateTmpfs {
    static let isAvailable: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-tmpfs-probe-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(at: probe) }
        return (try? run(mountedAt: probe, sizeKB: 4, ["/bin/true"]).status) == 0
    }()

    static func run(mountedAt directory: URL, sizeKB: Int, _ command: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(
            ["-m", "/bin/sh", "-c", "mount -t tmpfs -o size=\(sizeKB)k tmpfs \"$0\" && exec \"$@\"", directory.path] + command,
            executable: URL(fileURLWithPath: "/usr/bin/unshare"))
    }
}
