import Aggregator
import Fetching
import Foundation
import NewsCore
import StoreSQLite
import Testing

/// Across runs of a changing feed, an archive that skips the entries its memory holds ends up exactly
/// as one that reads every entry every time: the same items, versions and counts, run after run,
/// through new, changed, reordered and duplicated entries, `forget` and a change of settings; after
/// retention, the same items, with the expired items' repeated entries counted unchanged rather than tombstoned.
@Suite(.serialized)
struct EntryMemoryRunTests {
    struct Scenario {
        let directory: URL
        let feedURL: URL
        let remembering: SQLiteArticleStore
        let reading: SQLiteArticleStore
        var source: Source

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-memory-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            feedURL = directory.appendingPathComponent("feed.xml")
            remembering = try SQLiteArticleStore(path: directory.appendingPathComponent("remembering.sqlite").path)
            reading = try SQLiteArticleStore(path: directory.appendingPathComponent("reading.sqlite").path)
            source = Source(group: "g", site: "s", channel: "c", url: feedURL.path, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        }

        func write(_ items: [String]) throws {
            try Data("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>\(items.joined())</channel></rss>".utf8)
                .write(to: feedURL)
        }

        /// Runs both archives on the feed as it is; returns (remembering, reading).
        func run(at date: Date) async -> (RunReport.SourceResult, RunReport.SourceResult) {
            func aggregator(_ store: SQLiteArticleStore, skipping: Bool) -> Aggregator {
                var aggregator = Aggregator(store: store, loader: FileDocumentLoader(maximumBytes: 1 << 20), publishers: [], clock: { date })
                aggregator.skipsRepeatedEntries = skipping
                return aggregator
            }
            return (await aggregator(remembering, skipping: true).run(source), await aggregator(reading, skipping: false).run(source))
        }
    }

    static func item(_ guid: String?, title: String, text: String, link: String? = nil) -> String {
        let guidElement = guid.map { "<guid isPermaLink=\"false\">\($0)</guid>" } ?? ""
        let linkElement = link.map { "<link>\($0)</link>" } ?? ""
        return "<item>\(guidElement)<title>\(title)</title>\(linkElement)<pubDate>Wed, 01 May 2024 10:00:00 +0800</pubDate>"
            + "<description><![CDATA[<p>\(text)</p>]]></description></item>"
    }

    static func counts(_ result: RunReport.SourceResult) -> [Int] {
        [result.inserted, result.updated, result.unchanged, result.duplicates, result.tombstoned]
    }

    /// The two runs agree, and so do the archives after them.
    static func expectSame(_ results: (RunReport.SourceResult, RunReport.SourceResult), _ scenario: Scenario,
                           _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(results.0.error == nil && results.1.error == nil, comment, sourceLocation: sourceLocation)
        #expect(counts(results.0) == counts(results.1), comment, sourceLocation: sourceLocation)
        let remembered = try await scenario.remembering.items(sourceKey: scenario.source.key)
        let read = try await scenario.reading.items(sourceKey: scenario.source.key)
        #expect(remembered == read, comment, sourceLocation: sourceLocation)
        // Every version of every item (their times are the wall clock's, not the run's).
        func versions(_ store: SQLiteArticleStore, _ key: String) async throws -> [[String]] {
            try await store.history(key).flatMap(\.versions).map { [$0.title, $0.html, "\($0.contentOrigin)"] }
        }
        for item in read {
            #expect(try await versions(scenario.remembering, item.key) == versions(scenario.reading, item.key), comment,
                    sourceLocation: sourceLocation)
        }
    }

    @Test func skippingRepeatedEntriesArchivesWhatReadingEveryEntryDoes() async throws {
        var scenario = try Scenario()
        defer { try? FileManager.default.removeItem(at: scenario.directory) }
        let start = Date(timeIntervalSince1970: 1_714_600_000)
        // `a`'s title has a bare `&`: each read of it warns, so the runs show which entries were read.
        let a = Self.item("a", title: "甲 & 乙", text: "第一篇的正文，讲央行。")
        let b = Self.item("b", title: "第二篇", text: "第二篇的正文，讲股市。")
        let c = Self.item("c", title: "第三篇", text: "第三篇的正文，讲楼市。")
        let d = Self.item("d", title: "第四篇", text: "第四篇的正文，讲汇率。")
        let changedB = Self.item("b", title: "第二篇（更新）", text: "第二篇的正文，讲股市，又多了一段。")
        let versions: [(String, [String])] = [
            ("the first import", [a, b, c]),
            ("a new entry on top", [d, a, b, c]),
            ("an entry changed", [d, a, changedB, c]),
            ("a second entry under a's guid, after it: the feed's duplicate", [d, a, changedB, c,
                Self.item("a", title: "另一个甲", text: "同一个 guid 下的另一篇。")]),
            ("a new entry under b's guid before the old one: it wins", [Self.item("b", title: "新的乙", text: "乙换了内容。"),
                d, a, changedB, c]),
            ("reordered, c gone, entries keyed by link and by text", [c, Self.item(nil, title: "无 guid", text: "只有链接。",
                link: "https://example.com/link-only.html"), Self.item(nil, title: "什么都没有", text: "没有 guid 也没有链接。"), a, d]),
        ]
        var date = start
        var read = 0
        for (name, items) in versions {
            try scenario.write(items)
            date = date.addingTimeInterval(600)
            let results = await scenario.run(at: date)
            try await Self.expectSame(results, scenario, "\(name)")
            let memory = try await scenario.remembering.entryMemory(sourceKey: scenario.source.key)
            #expect(memory.keys.count == items.count, "\(name): every entry is remembered")
            #expect(try await scenario.reading.entryMemory(sourceKey: scenario.source.key).isEmpty)
            let warned = results.0.warnings.contains { $0.contains("bare '&'") }
            // Only the first import reads `a`: afterwards its bytes never change.
            #expect(warned == (read == 0), "\(name): \(results.0.warnings)")
            #expect(results.1.warnings.contains { $0.contains("bare '&'") }, "\(name)")
            read += 1
        }

        // `forget` makes the source's next run read every entry: the forgotten item's entry is met by its
        // tombstone in both archives.
        for store in [scenario.remembering, scenario.reading] {
            _ = try await store.forget("id:\(scenario.source.key):d", reason: "test", at: date)
        }
        #expect(try await scenario.remembering.entryMemory(sourceKey: scenario.source.key).isEmpty)
        let e = Self.item("e", title: "第五篇", text: "第五篇的正文。")
        try scenario.write([e, c, a, d])
        date = date.addingTimeInterval(600)
        let afterForget = await scenario.run(at: date)
        #expect(afterForget.0.tombstoned == 1 && afterForget.0.inserted == 1)
        #expect(afterForget.0.warnings.contains { $0.contains("bare '&'") })
        try await Self.expectSame(afterForget, scenario, "after forgetting d")

        // Retention keeps the memory: the repeated entries of expired items are counted unchanged, where the
        // reading archive meets their tombstones again (as it does d's, on every run); the items are the same.
        for store in [scenario.remembering, scenario.reading] {
            _ = try await store.applyRetention(sourceKey: scenario.source.key, maxAge: nil, maxItems: 3, now: date)
        }
        #expect(try await scenario.remembering.entryMemory(sourceKey: scenario.source.key).keys.count == 4)
        try scenario.write([Self.item("g", title: "第七篇", text: "第七篇的正文。"), e, c, a, d])
        date = date.addingTimeInterval(600)
        let afterRetention = await scenario.run(at: date)
        #expect(afterRetention.0.tombstoned == 0 && afterRetention.1.tombstoned == 2, "a expired, d forgotten")
        #expect(afterRetention.0.unchanged == afterRetention.1.unchanged + 2)
        #expect(afterRetention.0.inserted == 1 && afterRetention.1.inserted == 1)
        let remembered = try await scenario.remembering.items(sourceKey: scenario.source.key)
        #expect(try await remembered == scenario.reading.items(sourceKey: scenario.source.key))
        #expect(!remembered.contains { $0.key.hasSuffix(":a") || $0.key.hasSuffix(":d") })

        // Other settings read the same bytes afresh (the memory's digests no longer match).
        scenario.source.fulltext = .never
        try scenario.write([Self.item("f", title: "第六篇", text: "第六篇的正文。"), Self.item("g", title: "第七篇", text: "第七篇的正文。"), e, c, a, d])
        date = date.addingTimeInterval(600)
        let afterSettings = await scenario.run(at: date)
        #expect(afterSettings.0.warnings.contains { $0.contains("bare '&'") })
        try await Self.expectSame(afterSettings, scenario, "after a change of settings")
    }

    @Test func aFailedWriteKeepsTheOldMemory() async throws {
        let scenario = try Scenario()
        defer { try? FileManager.default.removeItem(at: scenario.directory) }
        let a = Self.item("a", title: "甲", text: "甲的正文。")
        try scenario.write([a])
        _ = await scenario.run(at: Date(timeIntervalSince1970: 1_714_600_000))
        let before = try await scenario.remembering.entryMemory(sourceKey: scenario.source.key)
        #expect(before.keys.count == 1)
        // A feed that is not a feed fails the source: nothing is stored, the memory stays as it was.
        try Data("<html><body>出错了</body></html>".utf8).write(to: scenario.feedURL)
        let failed = await scenario.run(at: Date(timeIntervalSince1970: 1_714_600_600))
        #expect(failed.0.error != nil)
        #expect(try await scenario.remembering.entryMemory(sourceKey: scenario.source.key) == before)
    }
}
