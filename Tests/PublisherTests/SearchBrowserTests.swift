import Foundation
import Publisher
import Testing

/// The static search fixture (Tests/Fixtures/Search/site: a search.html as the site publisher writes it,
/// with the index and assets of the first stories of SearchTestCorpus), opened in headless Chromium.
struct SearchBrowserTests {
    static let site = SearchTools.fixtures.appendingPathComponent("site")
    static let documents = Array(SearchTestCorpus.documents.prefix(12))

    /// Writes the fixture's index and assets into `directory`.
    static func writeIndex(into directory: URL) throws {
        try SearchIndexWriter(directory: directory).write(documents)
        for asset in SearchIndexWriter.assets {
            _ = try AtomicFileWriter.write(asset.contents, to: directory.appendingPathComponent(asset.path))
        }
    }

    @Test func theFixtureHoldsTheIndexAndAssetsTheWriterMakes() throws {
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try Self.writeIndex(into: Self.site)
            Issue.record("recorded \(Self.site.path); rerun without RECORD_SNAPSHOTS")
            return
        }
        let fresh = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: fresh) }
        try Self.writeIndex(into: fresh)
        var fixture = try SearchTestCorpus.files(in: Self.site)
        fixture["search.html"] = nil
        let expected = try SearchTestCorpus.files(in: fresh)
        let stale = SearchTestCorpus.changes(from: fixture, to: expected).sorted()
        #expect(stale.isEmpty, "the fixture is stale (\(stale.count) files, e.g. \(stale.prefix(3))): rerun with RECORD_SNAPSHOTS=1")
    }

    @Test(
        .enabled(if: SearchTools.chromium != nil, "chromium is not installed: the search page is not tried in a browser"),
        .timeLimit(.minutes(2)))
    func headlessChromiumShowsTheStoriesThatMatch() throws {
        let profile = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: profile) }
        var page = URLComponents(url: Self.site.appendingPathComponent("search.html"), resolvingAgainstBaseURL: false)!
        page.queryItems = [URLQueryItem(name: "q", value: "银行")]
        let dom = try SearchTools.run(
            SearchTools.chromium!,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--user-data-dir=\(profile.path)",
                "--virtual-time-budget=15000", "--dump-dom", page.url!.absoluteString,
            ], timeout: 90)
        let expected = Self.documents.filter { $0.title.contains("银行") || $0.text.contains("银行") }
        #expect(expected.count == 5)
        #expect(dom.contains("value=\"银行\"") || dom.contains("找到 \(expected.count) 篇包含“银行”的文章。"))
        #expect(dom.contains("找到 \(expected.count) 篇包含“银行”的文章。"), "\(dom.suffix(3000))")
        #expect(dom.components(separatedBy: "class=\"search-result\"").count - 1 == expected.count)
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt; <mark>银行</mark> 标题"))
        #expect(dom.contains("<a href=\"./2022/07/story-001.html\">央行：<mark>银行</mark>间市场流动性合理充裕</a>"))
        #expect(!dom.contains("<script>alert"))
    }
}
