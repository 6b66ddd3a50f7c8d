import Foundation
import Testing

/// What an operator sees: a live status line on a terminal, structured log lines otherwise.
@Suite(.serialized)
struct OperatorViewTests {
    func writeExample(into directory: URL) throws -> URL {
        let feeds = CommandRunner.repositoryRoot.appendingPathComponent("example/feeds")
        return try CommandRunner.writeConfig(in: directory, sources: [
            ("新浪财经", feeds.appendingPathComponent("sina-finance-china.xml").path),
            ("每经网", feeds.appendingPathComponent("nbd-original.xml").path), ("broken", "missing.xml"),
        ])
    }

    @Test func aTerminalGetsALiveProgressLine() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try writeExample(into: directory)
        // util-linux `script` runs the binary on a pseudo-terminal and copies what it shows.
        let command = "\(CommandRunner.binary.path) run --config \(config.path) --once"
        let result = try CommandRunner.run(["-q", "-e", "-c", command, "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(result.stdout.contains("\r\u{1B}[K"), "the line is redrawn in place")
        #expect(result.stdout.contains("3/3 sources · 5 new · 0 updated · 0 duplicate · 1 error(s)"), "\(result.stdout)")
    }

    @Test func otherwiseEachSourceIsOneLogfmtLine() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try writeExample(into: directory)
        let result = try CommandRunner.run(["run", "--config", config.path, "--once"])
        let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("ts=") }
        #expect(lines.count == 3, "\(result.stderr)")
        #expect(lines.contains { $0.contains("level=info") && $0.contains("msg=\"source done\"") && $0.contains("new=4") })
        #expect(lines.contains { $0.contains("level=warning") && $0.contains("msg=\"source failed\"") && $0.contains("error=\"cannot open file") })
        #expect(!result.stderr.contains("\u{1B}["), "no terminal codes in logs")
    }
}
