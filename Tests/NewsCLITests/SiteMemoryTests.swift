import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The site's full build keeps its memory bounded: what grows with the site is a line of metadata per
/// story, not the stories' texts or the search index's terms.
@Suite(.serialized)
struct SiteMemoryTests {
    /// A site of `stories` stories of 900 distinct CJK characters each (so about 1,800 distinct search
    /// terms each, nearly all unique to the story), imported once; then the site is deleted.
    static func importedSite(stories: Int) throws -> (directory: URL, config: URL) {
        let directory = try CommandRunner.makeTemporaryDirectory()
        var items = ""
        for number in 0..<stories {
            let text = (0..<3).map { "&lt;p&gt;" + CrashSafetyTests.distinctText(seed: "memory-\(number)-\($0)", length: 300) + "。&lt;/p&gt;" }
            let minute = String(format: "%02d", number % 60)
            let hour = String(format: "%02d", (number / 60) % 24)
            let day = String(format: "%02d", 1 + (number / 1440) % 28)
            items += """
                <item><title>记忆 \(number)</title><link>https://memory.example/\(number).html</link><guid>memory-\(number)</guid>
                <pubDate>\(day) May 2024 \(hour):\(minute):00 +0800</pubDate><description>\(text.joined())</description></item>

                """
        }
        try "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>M</title>\(items)</channel></rss>"
            .write(to: directory.appendingPathComponent("feed.xml"), atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("newsmill.yaml")
        try """
            store: archive.sqlite
            fulltext: never
            outputs:
              - format: site
                dir: public
                base_url: https://news.example.org/
                title: 记忆
            groups:
              - name: g
                sources:
                  - site: s
                    url: feed.xml

            """.write(to: config, atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(["run", "--config", config.path, "--once", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        try FileManager.default.removeItem(at: directory.appendingPathComponent("public"))
        return (directory, config)
    }

    /// The binary whose build is measured: the one built with the tests, or `NEWSMILL_MEMORY_BINARY`
    /// (to compare another build of Newsmill on the same archive).
    static var measured: String {
        ProcessInfo.processInfo.environment["NEWSMILL_MEMORY_BINARY"] ?? CommandRunner.binary.path
    }

    /// Runs the binary with `arguments` and returns its exit status and its own peak RSS in KiB (from
    /// `wait4`, so only this child is counted).
    static func peakRSS(_ arguments: [String]) throws -> (status: Int32, kibibytes: Int) {
        let argv = ([measured] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, measured, &actions, nil, argv, environ)
        try #require(spawned == 0, "posix_spawn: \(spawned)")
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        return ((status >> 8) & 0xFF, usage.ru_maxrss)
    }

    @Test func aFullBuildOfTenTimesTheStoriesNeedsLittleMoreMemory() throws {
        var peaks: [Int: Int] = [:]
        for stories in [100, 1_000] {
            let (directory, config) = try Self.importedSite(stories: stories)
            defer { try? FileManager.default.removeItem(at: directory) }
            let build = try Self.peakRSS(["build", "--config", config.path, "--quiet"])
            #expect(build.status == 0)
            let index = directory.appendingPathComponent("public/search/index.json")
            #expect(try String(contentsOf: index, encoding: .utf8).hasSuffix("\"documents\":\(stories)}\n"))
            peaks[stories] = build.kibibytes
        }
        // 900 more stories hold about 1.6 million more search postings and 2.4 MB more text; a build that
        // kept them in memory grew by about 150 MiB. What may grow: the stories' metadata and page list.
        let growth = (peaks[1_000]! - peaks[100]!) / 1024
        #expect(growth < 20, "peak RSS \(peaks[100]! / 1024) MiB with 100 stories, \(peaks[1_000]! / 1024) MiB with 1,000")
    }
}
