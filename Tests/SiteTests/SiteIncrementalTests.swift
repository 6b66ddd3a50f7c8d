import Foundation
import NewsCore
@testable import Publisher
import SiteTestSupport
import Testing

/// A site is rebuilt incrementally: nothing new changes no file; one new story rewrites only the
/// pages it appears on; a removed story loses its page and every list forgets it.
struct SiteIncrementalTests {
    @Test func aRunWithNothingNewChangesNoFile() async throws {
        let fixture = try SiteFixture(pageSize: 4)
        defer { fixture.remove() }
        try await fixture.run((1...30).map { fixture.item($0) })
        let before = fixture.fileStamps()
        // The same stories again (a journal replay), and a run with no batch at all, through new publishers.
        let again = try await fixture.run((1...30).map { fixture.item($0) })
        let empty = try await fixture.publisher.finish()
        #expect(again == PublishResult() && empty == PublishResult())
        #expect(fixture.fileStamps() == before)
    }

    @Test func oneNewStoryRewritesOnlyItsPageItsListsFirstPagesFeedsSitemapAndSearch() async throws {
        let fixture = try SiteFixture(pageSize: 4)
        defer { fixture.remove() }
        try await fixture.run((1...40).map { fixture.item($0) })
        let before = fixture.fileStamps()
        try await fixture.run([fixture.item(41)])
        let after = fixture.fileStamps()
        let changed = Set(after.keys.filter { before[$0] != after[$0] })
        let storyPage = try #require(changed.first { $0.hasPrefix("2022/") })
        #expect(changed.filter { $0.hasPrefix("2022/") } == [storyPage])
        // Story 41 is in the home list and in a group, site, channel, source and month list.
        let listIndexes = changed.filter { $0.hasSuffix("index.html") && !$0.hasPrefix("archive/index") }
        #expect(listIndexes.count == 6)
        let numbered = changed.filter { $0.contains("/page/") || $0.hasPrefix("page/") }
        #expect(numbered.count <= 12)
        #expect(changed.contains("feed.xml") && changed.contains("sitemap.xml") && changed.contains("search/index.json"))
        // In the search index: the manifest, the story's own document file and the shards of its terms, no other.
        let number = SearchIndexLayout.preferredNumber(for: fixture.item(41).item.date)
        let documentPath = SearchIndexLayout.documentPath(number)
        let document = try JSONDecoder().decode(
            SearchIndexReader.Hit.self, from: Data(contentsOf: fixture.options.directory.appendingPathComponent(documentPath)))
        #expect(document.title == "数字化转型报道 41")
        let expectedSearch = Self.shardPaths(title: document.title, text: document.text).union([SearchIndexLayout.manifestPath, documentPath])
        #expect(changed.filter { $0.hasPrefix("search/") } == expectedSearch)
        // Nothing else: no other story page, no older numbered page.
        let expectedOthers: Set<String> = ["archive/index.html", "robots.txt"]
        let rest = changed.subtracting(listIndexes).subtracting(numbered).subtracting([storyPage])
            .filter { !$0.hasSuffix(".xml") && !$0.hasSuffix(".json") && !$0.hasPrefix(".newsmill-site/") && !$0.hasPrefix("search/") }
        #expect(rest.isSubset(of: expectedOthers), "\(rest.sorted())")
        let outsideSearch = changed.filter { !$0.hasPrefix("search/") }
        #expect(outsideSearch.count < 50, "\(outsideSearch.count) files changed outside search/")
        #expect(fixture.crawler.crawl().problems == [])
    }

    /// The search shard files that hold the terms of a document with `title` and `text`.
    static func shardPaths(title: String, text: String) -> Set<String> {
        var paths: Set<String> = []
        for run in SearchTerms.runs(of: title) + SearchTerms.runs(of: text) {
            switch run {
            case .word(let word):
                paths.insert(SearchIndexLayout.shardPath(SearchTerm(word).shard))
            case .cjk(let characters):
                for (index, character) in characters.enumerated() {
                    paths.insert(SearchIndexLayout.shardPath(SearchTerm(cjkKey: SearchTerm.cjkKey(character, nil)).shard))
                    if index > 0 {
                        paths.insert(SearchIndexLayout.shardPath(SearchTerm(cjkKey: SearchTerm.cjkKey(characters[index - 1], character)).shard))
                    }
                }
            }
        }
        return paths
    }

    @Test func aRemovedStoryLosesItsPageAndNoListLinksToIt() async throws {
        let fixture = try SiteFixture(pageSize: 4)
        defer { fixture.remove() }
        try await fixture.run((1...9).map { fixture.item($0) })
        let gone = fixture.item(5).item
        try await fixture.run([], removals: [RemovedItem(itemKey: gone.key, postKey: gone.postKey)])
        let report = fixture.crawler.crawl()
        #expect(report.problems == [])
        #expect(report.pages.filter { $0.hasPrefix("2022/") }.count == 8)
        #expect(!report.feeds.values.contains { $0.entries.contains { $0.title == "数字化转型报道 5" } })
    }

    @Test func anUpdatedStoryIsShownUpdatedEverywhere() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await fixture.run((1...3).map { fixture.item($0) })
        try await fixture.run([fixture.item(2, title: "更新后的标题")])
        let report = fixture.crawler.crawl()
        #expect(report.problems == [])
        #expect(report.feeds["feed.xml"]?.entries.contains { $0.title == "更新后的标题" } == true)
        #expect(!(report.feeds["feed.xml"]?.entries.contains { $0.title == "数字化转型报道 2" } ?? true))
    }

    @Test func batchesRecordedByARunKilledBeforeItsBuildAreBuiltByTheNextRun() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await fixture.run((1...3).map { fixture.item($0) })
        // The killed run: its batch reached the site's state, its build never ran.
        _ = try await fixture.publisher.publish(PublishBatch(items: [fixture.item(4)]))
        // The next run has nothing new to publish, and builds.
        _ = try await fixture.publisher.finish()
        let report = fixture.crawler.crawl()
        #expect(report.problems == [])
        #expect(report.pages.filter { $0.hasPrefix("2022/") }.count == 4)
    }

    /// A build killed after it swapped some shards in may leave a shard whose bytes never reached the disk
    /// (an empty file after a power cut): the next build writes the whole search index again.
    @Test func aBuildAfterAKilledOneWritesTheWholeSearchIndex() async throws {
        let fixture = try SiteFixture(pageSize: 4)
        defer { fixture.remove() }
        let items = (1...12).map { fixture.item($0) }
        try await fixture.run(items)
        let site = fixture.options.directory
        let shards = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent(SearchIndexLayout.termsFolder).path).sorted()
        let lost = site.appendingPathComponent(SearchIndexLayout.termsFolder + "/" + shards[shards.count / 2])
        // What the killed build left: its marker, no stamp of a complete build, and a shard emptied.
        try Data().write(to: lost)
        try Data().write(to: site.appendingPathComponent(".newsmill-site/building"))
        try FileManager.default.removeItem(at: site.appendingPathComponent(".newsmill-site/built"))
        _ = try await fixture.publisher.finish()
        try await SiteIncrementalEquivalenceTests.expectSameFiles(fixture, asFullBuildOf: items, step: "after a killed build")
    }

    @Test func anEditedThemeFileRebuildsThePagesWithNothingNew() async throws {
        var fixture = try SiteFixture()
        defer { fixture.remove() }
        let theme = fixture.directory.appendingPathComponent("theme", isDirectory: true)
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try "body { color: red; }\n".write(to: theme.appendingPathComponent("site.css"), atomically: true, encoding: .utf8)
        fixture.options.theme = theme
        try await fixture.run([fixture.item(1)])
        try "body { color: blue; }\n".write(to: theme.appendingPathComponent("site.css"), atomically: true, encoding: .utf8)
        _ = try await fixture.publisher.finish()
        let css = try String(contentsOf: fixture.options.directory.appendingPathComponent("assets/site.css"), encoding: .utf8)
        #expect(css == "body { color: blue; }\n")
    }

    @Test func aStateLogCutByAKillIsReadUpToItsLastWholeLine() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await fixture.run((1...3).map { fixture.item($0) })
        let log = fixture.options.directory.appendingPathComponent(".newsmill-site/stories.log")
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("S\titem-half\tx".utf8))
        try handle.close()
        try await fixture.run([fixture.item(4)])
        let report = fixture.crawler.crawl()
        #expect(report.problems == [])
        #expect(report.pages.filter { $0.hasPrefix("2022/") }.count == 4)
    }
}
