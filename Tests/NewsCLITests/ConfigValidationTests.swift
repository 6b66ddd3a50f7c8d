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

    static let oneSource = "groups:\n  - name: g\n    sources:\n      - site: s\n        url: x.xml\n"

    /// Numbers no run could use (huge, infinite, not a number, zero or negative) are configuration
    /// errors, not crashes or silent defaults.
    @Test(arguments: [
        ("fetch:\n  max_feed_bytes: 9223372036854775807\n", "newsmill.yaml:2: fetch.max_feed_bytes: expected a whole number from 1 to 1073741824"),
        ("fetch:\n  max_page_bytes: 99999999999999999999\n", "newsmill.yaml:2: fetch.max_page_bytes: expected a whole number from 1 to 1073741824"),
        ("fetch:\n  timeout: 1e300\n", "newsmill.yaml:2: fetch.timeout: expected a number of seconds from 0.001 to 86400"),
        ("fetch:\n  timeout: inf\n", "newsmill.yaml:2: fetch.timeout: expected a number of seconds from 0.001 to 86400"),
        ("fetch:\n  timeout: nan\n", "newsmill.yaml:2: fetch.timeout: expected a number of seconds from 0.001 to 86400"),
        ("fetch:\n  connect_timeout: 0.0000001\n", "newsmill.yaml:2: fetch.connect_timeout: expected a number of seconds from 0.001 to 86400"),
        ("fetch:\n  read_timeout: -5\n", "newsmill.yaml:2: fetch.read_timeout: expected a number of seconds from 0.001 to 86400"),
        ("fetch:\n  host_delay: 1e20\n", "newsmill.yaml:2: fetch.host_delay: expected a number of seconds from 0 to 3600"),
        ("fetch:\n  attempts: 1000000\n", "newsmill.yaml:2: fetch.attempts: expected a whole number from 1 to 100"),
        ("fetch:\n  attempts: 0\n", "newsmill.yaml:2: fetch.attempts: expected a whole number from 1 to 100"),
        ("fetch:\n  concurrency: 9223372036854775807\n", "newsmill.yaml:2: fetch.concurrency: expected a whole number from 1 to 1024"),
        ("fetch:\n  per_host: -1\n", "newsmill.yaml:2: fetch.per_host: expected a whole number from 1 to 1024"),
        ("fetch:\n  max_redirects: 1e3\n", "newsmill.yaml:2: fetch.max_redirects: expected a whole number from 0 to 100"),
        ("fetch:\n  proxy: 'proxy.example:99999999999999999999'\n", "newsmill.yaml:2: fetch.proxy: expected host:port"),
        ("fetch:\n  proxy: 'proxy.example:0'\n", "newsmill.yaml:2: fetch.proxy: expected host:port"),
        ("retention:\n  max_age_days: 9223372036854775807\n", "newsmill.yaml:2: retention.max_age_days: expected a whole number from 1 to 36500"),
        ("retention:\n  max_items_per_source: 0\n", "newsmill.yaml:2: retention.max_items_per_source: expected a whole number from 1 to"),
        ("interval: 1e300\n", "newsmill.yaml:1: interval: expected a period from 1s to 30d"),
        ("interval: infm\n", "newsmill.yaml:1: interval: expected a period from 1s to 30d"),
        ("interval: nan\n", "newsmill.yaml:1: interval: expected a period from 1s to 30d"),
        ("interval: 0.001\n", "newsmill.yaml:1: interval: expected a period from 1s to 30d"),
        ("interval: 100000000d\n", "newsmill.yaml:1: interval: expected a period from 1s to 30d"),
    ])
    func absurdNumbersAreConfigurationErrors(settings: String, expected: String) throws {
        let result = try run(config: settings + Self.oneSource)
        #expect(result.status == 1)
        #expect(result.stderr.contains(expected), "stderr was: \(result.stderr)")
    }

    /// A value of the wrong type, or empty where a value is needed, is never silently replaced by
    /// the default.
    @Test(arguments: [
        ("store: [a, b]\n" + oneSource, "newsmill.yaml:1: store: expected a single value, not a list"),
        ("store: ''\n" + oneSource, "newsmill.yaml:1: store: expected a value, not an empty string"),
        ("store:\n" + oneSource, "newsmill.yaml:1: store: expected a value, not an empty string"),
        ("interval: [1, 2]\n" + oneSource, "newsmill.yaml:1: interval: expected a single value, not a list"),
        ("timezone: {x: 1}\n" + oneSource, "newsmill.yaml:1: timezone: expected a single value, not a mapping"),
        ("user_agent: {a: b}\n" + oneSource, "newsmill.yaml:1: user_agent: expected a single value, not a mapping"),
        ("fulltext: [auto]\n" + oneSource, "newsmill.yaml:1: fulltext: expected a single value, not a list"),
        ("fetch:\n  timeout: [1]\n" + oneSource, "newsmill.yaml:2: fetch.timeout: expected a single value, not a list"),
        ("fetch:\n  user_agent: ''\n" + oneSource, "newsmill.yaml:2: fetch.user_agent: expected a value, not an empty string"),
        ("retention:\n  max_age_days: {a: 1}\n" + oneSource, "newsmill.yaml:2: retention.max_age_days: expected a single value, not a mapping"),
        ("outputs:\n  - format: hexo\n    dir: [a]\n" + oneSource, "newsmill.yaml:3: outputs[0].dir: expected a single value, not a list"),
        ("outputs:\n  - format: hexo\n    dir: out\n    date_format: [local]\n" + oneSource,
         "newsmill.yaml:4: outputs[0].date_format: expected a single value, not a list"),
        ("outputs: {format: hexo}\n" + oneSource, "newsmill.yaml:1: outputs: expected a list"),
        ("groups:\n  - name: [g]\n    sources:\n      - site: s\n        url: x.xml\n", "newsmill.yaml:2: groups[0].name: expected a single value, not a list"),
        ("groups:\n  - name: g\n    interval: {a: 1}\n    sources:\n      - site: s\n        url: x.xml\n",
         "newsmill.yaml:3: groups[0].interval: expected a single value, not a mapping"),
        ("groups:\n  - name: g\n    sources:\n      - site: s\n        channel: [c]\n        url: x.xml\n",
         "newsmill.yaml:5: groups[0].sources[0].channel: expected a single value, not a list"),
        ("groups:\n  - name: g\n    sources:\n      - site: s\n        url: ''\n", "newsmill.yaml:5: groups[0].sources[0].url: expected a value, not an empty string"),
        ("groups:\n  - name: g\n    sources:\n      - site: s\n        url: x.xml\n        timezone: [UTC]\n",
         "newsmill.yaml:6: groups[0].sources[0].timezone: expected a single value, not a list"),
        ("groups:\n  - name: g\n    sources:\n      - site: s\n        url: x.xml\n        headers: {Referer: ''}\n",
         "newsmill.yaml:6: groups[0].sources[0].headers.Referer: expected a value, not an empty string"),
        ("groups:\n  - name: g\n    sources: {site: s}\n", "newsmill.yaml:3: groups[0].sources: expected a list"),
        ("rules:\n  - host: example.com\n    body: ['#a', [x]]\n" + oneSource, "newsmill.yaml:3: rules[0].body: expected a string or a list of strings"),
        ("rules:\n  - host: example.com\n    body: '#a'\n    remove: {a: b}\n" + oneSource, "newsmill.yaml:4: rules[0].remove: expected a string or a list of strings"),
    ])
    func wronglyTypedValuesAreConfigurationErrors(config: String, expected: String) throws {
        let result = try run(config: config)
        #expect(result.status == 1)
        #expect(result.stderr.contains(expected), "stderr was: \(result.stderr)")
    }

    /// The same file configured twice under two spellings is one source configured twice.
    @Test(arguments: [
        ("/srv/feeds/a.xml", "/srv/feeds/../feeds/a.xml"),
        ("/srv/feeds/a.xml", "/srv/feeds/./a.xml"),
        ("/srv/feeds/a.xml", "file:///srv/feeds/a.xml"),
        ("file:///srv/x/../feeds/a.xml", "/srv//feeds/a.xml"),
        ("a.xml", "file://DIR/sub/../a.xml"),
    ])
    func oneFileUnderTwoSpellingsIsADuplicate(first: String, second: String) throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("newsmill.yaml")
        let urls = [first, second].map { $0.replacingOccurrences(of: "DIR", with: directory.path) }
        try "groups:\n  - name: g\n    sources:\n      - site: s\n        url: \(urls[0])\n      - site: t\n        url: \(urls[1])\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["run", "--config", file.path, "--once"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("newsmill.yaml:7: groups[0].sources[1].url: duplicate source"), "stderr was: \(result.stderr)")
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
        #expect(result.stderr.contains(
            "newsmill: cannot use the output directory \(directory.path)/blocker/posts: \(directory.path)/blocker is a file, not a directory"),
            "\(result.stderr)")
        #expect(!result.stderr.contains("Error Domain"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("newsmill.sqlite").path),
                "a run that cannot write its outputs must not leave a new archive behind")
    }

    @Test func anOutputDirectoryThatIsAFileIsNamedInASentence() throws {
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "x".write(to: directory.appendingPathComponent("posts"), atomically: true, encoding: .utf8)
        let config = try CommandRunner.writeConfig(in: directory, sources: [("s", "x.xml")])
        let result = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(
            "newsmill: cannot use the output directory \(directory.path)/posts: it is a file, not a directory"), "\(result.stderr)")
        #expect(!result.stderr.contains("Error Domain"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("newsmill.sqlite").path))
    }
}
