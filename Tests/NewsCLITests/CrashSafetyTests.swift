import Foundation
import Testing
import Yams

/// Runs the real binary over a few hundred items, kills it with SIGKILL at many different moments,
/// runs it again each time, and then finds every item exactly once in the archive and in the posts.
@Suite(.serialized)
struct CrashSafetyTests {
    static let feeds = 3
    static let itemsPerFeed = 100

    static func writeFeeds(into directory: URL) throws -> URL {
        var sources: [(site: String, url: String)] = []
        for feed in 0..<feeds {
            var items = ""
            for item in 0..<itemsPerFeed {
                // Distinct text per item (pseudo-random CJK), so that no two items are near-duplicates.
                var state = UInt64(feed * 1000 + item + 1) &* 0x9E37_79B9_7F4A_7C15
                let paragraphs = (0..<6).map { _ in
                    let characters = (0..<60).map { _ -> Character in
                        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                        return Character(Unicode.Scalar(0x4E00 + UInt32((state >> 33) % 20_000))!)
                    }
                    return "&lt;p&gt;" + String(characters) + "。&lt;/p&gt;"
                }
                items += """
                    <item><title>新闻 \(feed)-\(item)</title><link>https://crash.example/\(feed)/\(item).html</link>
                    <guid>crash-\(feed)-\(item)</guid><pubDate>Wed, 01 May 2024 10:\(String(format: "%02d", item % 60)):00 +0800</pubDate>
                    <description>\(paragraphs.joined())</description></item>

                    """
            }
            let feedURL = directory.appendingPathComponent("feed\(feed).xml")
            try "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F\(feed)</title>\(items)</channel></rss>"
                .write(to: feedURL, atomically: true, encoding: .utf8)
            sources.append(("site\(feed)", "feed\(feed).xml"))
        }
        let config = try CommandRunner.writeConfig(in: directory, settings: "store: archive/newsmill.sqlite", sources: sources)
        return config
    }

    /// Distinct pseudo-random CJK text for a seed, so that no two items are near-duplicates.
    static func distinctText(seed: String, length: Int = 240) -> String {
        var state = UInt64(truncatingIfNeeded: seed.hashValueStable) &* 0x9E37_79B9_7F4A_7C15 | 1
        return String((0..<length).map { _ -> Character in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Character(Unicode.Scalar(0x4E00 + UInt32((state >> 33) % 20_000))!)
        })
    }

    /// Starts the binary and kills it after `delay`; returns whether it was still running then.
    static func runAndKill(config: URL, after delay: Duration) async throws -> Bool {
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["run", "--config", config.path, "--once", "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try await Task.sleep(for: delay)
        let wasRunning = process.isRunning
        if wasRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return wasRunning
    }

    @Test func killedRunsLoseNothingAndDuplicateNothing() async throws {
        // How long an uninterrupted run takes here, measured on two scratch copies; the shorter counts,
        // so that a measurement slowed by a busy machine does not put every kill after its run's end.
        let clock = ContinuousClock()
        var fullRun = Duration.seconds(3600)
        for _ in 1...2 {
            let scratch = try CommandRunner.makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let scratchConfig = try Self.writeFeeds(into: scratch)
            fullRun = min(fullRun, try clock.measure { _ = try CommandRunner.run(["run", "--config", scratchConfig.path, "--once", "--quiet"]) })
        }

        // Twenty moments spread over a cold import, each on a fresh archive: a run killed there, for
        // every other moment its recovery run killed too (halfway to the same moment), then a run to
        // the end. Runs resume what the killed ones left, so killing them one after another on the same
        // archive would find later runs already done.
        var kills = 0
        for step in 1...20 {
            let directory = try CommandRunner.makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let config = try Self.writeFeeds(into: directory)
            let moment = fullRun * (Double(step) / 21.0)
            if try await Self.runAndKill(config: config, after: moment) { kills += 1 }
            if step % 2 == 0, try await Self.runAndKill(config: config, after: moment / 2) { kills += 1 }
            let final = try CommandRunner.run(["run", "--config", config.path, "--once"])
            #expect(final.status == 0, "\(final.stderr)")
            try Self.expectEveryItemExactlyOnce(in: directory, config: config, moment: moment)
        }
        #expect(kills >= 15, "only \(kills) of 30 runs were still running when killed")
    }

    /// Every item exactly once in the posts and in the archive, no temporary file left, and a run
    /// with nothing new changes no file.
    static func expectEveryItemExactlyOnce(in directory: URL, config: URL, moment: Duration) throws {
        let postsDirectory = directory.appendingPathComponent("posts")
        let names = try FileManager.default.contentsOfDirectory(atPath: postsDirectory.path)
        #expect(names.filter { $0.hasPrefix(".") }.isEmpty, "killed at \(moment): left-over temporary files")
        let posts = names.filter { $0.hasSuffix(".md") }
        var titles: [String] = []
        for post in posts {
            let text = try String(contentsOf: postsDirectory.appendingPathComponent(post), encoding: .utf8)
            let yaml = try #require(try Yams.load(yaml: text.components(separatedBy: "---")[1]) as? [String: Any], "\(post)")
            titles.append(try #require(yaml["title"] as? String))
            #expect(text.hasSuffix("</div>\n"), "killed at \(moment): \(post) is incomplete")
        }
        let expected = (0..<Self.feeds).flatMap { feed in (0..<Self.itemsPerFeed).map { "新闻 \(feed)-\($0)" } }
        #expect(titles.sorted() == expected.sorted(), "killed at \(moment): \(titles.count) posts")

        let status = try CommandRunner.run(["status", "--config", config.path])
        let counts = status.stdout.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix("  items: ") else { return nil }
            return Int(line.dropFirst("  items: ".count))
        }
        #expect(counts == Array(repeating: Self.itemsPerFeed, count: Self.feeds), "killed at \(moment): \(status.stdout)")

        let before = try posts.map { try FileManager.default.attributesOfItem(atPath: postsDirectory.appendingPathComponent($0).path)[.modificationDate] as! Date }
        let again = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(again.stdout.contains("done: 0 new, 0 updated, 0 duplicate, 0 file(s) written"), "\(again.stdout)")
        let after = try posts.map { try FileManager.default.attributesOfItem(atPath: postsDirectory.appendingPathComponent($0).path)[.modificationDate] as! Date }
        #expect(before == after)
    }

    @Test func aSecondRunWhileOneIsRunningRefusesToStart() async throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try Self.writeFeeds(into: directory)
        let first = Process()
        first.executableURL = CommandRunner.binary
        first.arguments = ["run", "--config", config.path, "--once", "--quiet"]
        try first.run()
        try await Task.sleep(for: .milliseconds(100))
        let firstWasRunning = first.isRunning
        let second = try CommandRunner.run(["run", "--config", config.path, "--once"])
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        try #require(firstWasRunning, "the first run ended before the second started; the test proves nothing")
        #expect(second.status == 75)
        #expect(second.stderr.contains("another newsmill run holds"))
    }
}

extension String {
    /// FNV-1a over the UTF-8 bytes: the same in every process (unlike `hashValue`).
    var hashValueStable: UInt64 {
        utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }
}
