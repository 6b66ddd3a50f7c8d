import Foundation
import Testing
import TestSupport

/// With `fulltext: auto`, a long feed text is a teaser when its last characters read like one
/// (…, "阅读全文", "Read more", "[...]"), and only then is the item's page fetched; the real binary
/// over a loopback site, counting the page requests.
@Suite(.serialized)
struct TeaserEndingRunTests {
    /// Long enough (≥ 200 characters) that only the ending decides.
    static func body(_ number: Int, ending: String) -> String {
        let chinese = TeaserSite.paragraphs(number).joined()
        return chinese + " The quick brown fox jumps over the lazy dog near the river bank" + ending
    }

    static let endings: [(ending: String, teaser: Bool)] = [
        ("……阅读全文", true), (" Read more", true), (" [...]", true), (" Continue reading", true), ("…", true),
        ("[…]", true), ("查看全文", true), ("...", true),
        ("。", false), (".", false), (" 全文完。", false), (" reading", false), (" more.", false), (" é.", false),
    ]

    @Test func onlyTextsEndingLikeATeaserHaveTheirPageFetched() async throws {
        let requested = SharedValue<Set<Int>>([])
        let pages = try await TestHTTPServer { request in
            guard let number = TeaserSite.number(inPath: request.path) else { return [.head(404, [("Content-Length", "0")]), .end] }
            requested.set(requested.get().union([number]))
            return TestHTTPServer.ok(Array(TeaserSite.page(number).utf8), [("Content-Type", "text/html; charset=utf-8")])
        }
        let items = Self.endings.enumerated().map { number, entry in
            "<item><title>\(TeaserSite.title(number))</title><link>\(pages.baseURL)/article/\(number).html</link>"
                + "<guid>item-\(number)</guid><description><![CDATA[<p>\(Self.body(number, ending: entry.ending))</p>]]></description></item>"
        }.joined()
        let feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>T</title><link>\(pages.baseURL)/</link>\(items)</channel></rss>"
        let feedServer = try await TestHTTPServer { _ in TestHTTPServer.ok(Array(feed.utf8)) }
        let directory = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try CommandRunner.writeConfig(
            in: directory, settings: "store: archive/newsmill.sqlite\nfulltext: auto\nfetch:\n  attempts: 1\n  host_delay: 0\n  timeout: 5",
            sources: [(site: "样例", url: feedServer.baseURL + "/feed")])
        let run = try CommandRunner.run(["run", "--config", config.path, "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        let expected = Set(Self.endings.indices.filter { Self.endings[$0].teaser })
        #expect(requested.get() == expected, "fetched \(requested.get().sorted()), teasers \(expected.sorted())")
        try await pages.shutdown()
        try await feedServer.shutdown()
    }
}
