import Foundation
import Testing
import TestSupport

/// The real binary over a loopback news site whose feed carries teasers: full text survives later
/// runs and runs killed with SIGKILL, and `newsmill history` shows what changed.
@Suite(.serialized)
struct FullTextRunTests {
    /// A news site (article pages, each after `pageDelay`) and a feed the test changes between runs.
    struct Site {
        let pages: TestHTTPServer
        let feedServer: TestHTTPServer
        let feed = SharedValue<[UInt8]>([])
        /// Article numbers whose page answers 503.
        let failing = SharedValue<Set<Int>>([])

        init(pageDelay: Duration = .zero) async throws {
            let failing = self.failing
            pages = try await TestHTTPServer { request in
                guard let number = TeaserSite.number(inPath: request.path) else { return [.head(404, [("Content-Length", "0")]), .end] }
                if failing.get().contains(number) { return [.head(503, [("Content-Length", "0")]), .end] }
                return [.pause(pageDelay)] + TestHTTPServer.ok(Array(TeaserSite.page(number).utf8), [("Content-Type", "text/html; charset=utf-8")])
            }
            let feed = self.feed
            feedServer = try await TestHTTPServer { _ in TestHTTPServer.ok(feed.get()) }
        }

        func serve(_ numbers: [Int], titles: [Int: String] = [:]) {
            feed.set(TeaserSite.feed(base: pages.baseURL, numbers: numbers, titles: titles))
        }

        func link(_ number: Int) -> String { "\(pages.baseURL)/article/\(number).html" }

        func writeConfig(in directory: URL) throws -> URL {
            try CommandRunner.writeConfig(
                in: directory,
                settings: "store: archive/newsmill.sqlite\nfulltext: auto\nfetch:\n  attempts: 1\n  host_delay: 0\n  per_host: 8\n  timeout: 5",
                sources: [(site: "样例", url: feedServer.baseURL + "/feed")])
        }

        func shutdown() async throws {
            try await pages.shutdown()
            try await feedServer.shutdown()
        }
    }

    @Test func historyShowsEachVersionAndWhatChanged() async throws {
        let site = try await Site()
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try site.writeConfig(in: directory)

        // First run: the page fails, the item keeps its teaser.
        site.failing.set([1])
        site.serve([1])
        let first = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(first.status == 0, "\(first.stderr)")
        // Then the title is edited: decided again, and now the page answers.
        site.failing.set([])
        let edited = TeaserSite.title(1) + "（更新）"
        site.serve([1], titles: [1: edited])
        let second = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(second.stdout.contains("1 updated"), "\(second.stdout)")
        // The same feed again: nothing changes.
        let third = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(third.stdout.contains("0 updated"), "\(third.stdout)")

        let history = try CommandRunner.run(["history", "--config", config.path, site.link(1)])
        try await site.shutdown()
        #expect(history.status == 0, "\(history.stderr)")
        let versions = history.stdout.split(separator: "\n").filter { $0.hasPrefix("  20") }
        #expect(versions.count == 2, "\(history.stdout)")
        #expect(versions.first?.contains("first version: “\(TeaserSite.title(1))”, 41 characters from the feed") == true, "\(history.stdout)")
        let change = String(versions.last ?? "")
        #expect(change.contains("title changed: “\(TeaserSite.title(1))” → “\(edited)”"), "\(change)")
        let pageLength = TeaserSite.paragraphs(1).joined().count
        #expect(change.contains("text changed: +\(pageLength - 41) characters"), "\(change)")
        #expect(change.contains("origin feed → page"), "\(change)")
        #expect(history.stdout.contains("now: \(pageLength) characters from the page"), "\(history.stdout)")

        let unknown = try CommandRunner.run(["history", "--config", config.path, "https://nowhere.example/a"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("https://nowhere.example/a is not in the archive"), "\(unknown.stderr)")
    }

    /// Runs killed at many moments, then a run to finish, then one more item in the feed and a
    /// last run: every item's post carries its own page's text, and only its own.
    @Test func killedRunsKeepEveryItemsOwnFullText() async throws {
        let count = 40
        let site = try await Site(pageDelay: .milliseconds(25))
        site.serve(Array(1...count))
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try site.writeConfig(in: directory)

        let scratch = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let scratchConfig = try site.writeConfig(in: scratch)
        let fullRun = try ContinuousClock().measure {
            _ = try CommandRunner.run(["run", "--config", scratchConfig.path, "--once", "--quiet"])
        }

        var kills = 0
        var scale = 0.9
        for step in 1...10 {
            if try await CrashSafetyTests.runAndKill(config: config, after: fullRun * (Double(step) / 10.0) * scale) {
                kills += 1
            } else {
                scale /= 2
            }
        }
        #expect(kills >= 5, "only \(kills) of 10 runs were still running when killed")
        let finish = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(finish.status == 0, "\(finish.stderr)")
        site.serve(Array(1...(count + 1)))
        let last = try CommandRunner.run(["run", "--config", config.path, "--once"])
        try await site.shutdown()
        #expect(last.stdout.contains("1 new, 0 updated"), "\(last.stdout)")

        let postsDirectory = directory.appendingPathComponent("posts")
        let posts = try FileManager.default.contentsOfDirectory(atPath: postsDirectory.path).filter { $0.hasSuffix(".md") }
            .map { try String(contentsOf: postsDirectory.appendingPathComponent($0), encoding: .utf8) }
        #expect(posts.count == count + 1)
        for number in 1...(count + 1) {
            let own = posts.filter { $0.contains(TeaserSite.pageOnlySentence(number)) }
            #expect(own.count == 1, "item \(number)'s page text is in \(own.count) post(s)")
            #expect(own.first?.contains(TeaserSite.title(number)) == true, "item \(number)")
        }
    }
}
