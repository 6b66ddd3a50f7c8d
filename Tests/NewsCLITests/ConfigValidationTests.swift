import Foundation
import Testing

/// A bad configuration stops the run before anything happens, naming file, line and key.
@Suite(.serialized)
struct ConfigValidationTests {
    func run(config: String) throws -> CommandRunner.Result {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("newsmill.yaml")
        try config.write(to: file, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["run", "--config", file.path, "--once"])
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("newsmill.sqlite").path),
                "nothing may run on a bad configuration")
        return result
    }

    @Test(arguments: [
        ("store: a.sqlite\nbogus: 1\ngroups:\n  - name: g\n    sources:\n      - site: s\n        url: x.xml\n", "newsmill.yaml:2: bogus: unknown key"),
        ("groups:\n  - name: g\n    sources:\n      - site: s\n        channel: c\n", "groups[0].sources[0].url: missing url"),
        ("timezone: Mars/Olympus\ngroups:\n  - name: g\n    sources:\n      - site: s\n        url: x.xml\n", "newsmill.yaml:1: timezone: unknown time zone 'Mars/Olympus'"),
        ("groups:\n  - name: g\n    sources:\n      - site: s\n        url: x.xml\n      - site: t\n        url: x.xml\n", "newsmill.yaml:7: groups[0].sources[1].url: duplicate source"),
        ("outputs:\n  - format: wordpress\n    dir: out\ngroups:\n  - name: g\n    sources:\n      - site: s\n        url: x.xml\n", "newsmill.yaml:2: outputs[0].format: unknown output format 'wordpress'"),
        ("rules:\n  - host: example.com\n    body: 'div[[['\ngroups:\n  - name: g\n    sources:\n      - site: s\n        url: x.xml\n",
         "newsmill.yaml:3: rules[0].body: not a CSS selector the extractor understands: div[[["),
        ("rules:\n  - host: example.com\n    body: '#story'\n    authors: '作者：\\S+'\ngroups:\n  - name: g\n    sources:\n      - site: s\n        url: x.xml\n",
         "newsmill.yaml:4: rules[0].authors: the pattern needs exactly one capture group"),
        ("rules:\n  - body: '#story'\ngroups:\n  - name: g\n    sources:\n      - site: s\n        url: x.xml\n",
         "rules[0].host: missing host"),
    ])
    func badConfigurationIsReportedWithFileLineAndKey(config: String, expected: String) throws {
        let result = try run(config: config)
        #expect(result.status == 1)
        #expect(result.stderr.contains(expected), "stderr was: \(result.stderr)")
    }

    @Test func aFailingSourceIsReportedAndTheOthersStillRun() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let feeds = CommandRunner.repositoryRoot.appendingPathComponent("example/feeds")
        try "<html><body>not a feed</body></html>".write(to: directory.appendingPathComponent("page.html"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, sources: [
            ("missing", "does-not-exist.xml"), ("html", "page.html"),
            ("新浪财经", feeds.appendingPathComponent("sina-finance-china.xml").path),
        ])
        let result = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("missing / missing <file://\(directory.path)/does-not-exist.xml>"), "\(result.stderr)")
        #expect(result.stderr.contains("cannot open file"))
        #expect(result.stderr.contains("not a feed"))
        let posts = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("posts").path)
        #expect(posts.count == 4)
    }

    @Test func anUnwritableOutputStopsTheRun() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "x".write(to: directory.appendingPathComponent("blocker"), atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("newsmill.yaml")
        try "outputs:\n  - format: hexo\n    dir: blocker/posts\ngroups:\n  - name: g\n    sources:\n      - site: s\n        url: x.xml\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not writable"))
    }
}
