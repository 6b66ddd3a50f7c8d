import Aggregator
import Fetching
import Foundation
import NewsCore
import StoreSQLite
import Testing

/// A local feed file that has not changed since the last run is answered like a 304: its feed is not
/// parsed again. Any change to its bytes is read, even one within the same second, to the same size,
/// with the modification time set back.
@Suite(.serialized)
struct LocalFileNotModifiedTests {
    struct Scenario {
        let directory: URL
        let feedURL: URL
        let store: SQLiteArticleStore
        let source: Source

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-local304-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            feedURL = directory.appendingPathComponent("feed.xml")
            store = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
            source = Source(group: "g", site: "s", channel: "c", url: feedURL.path, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        }

        /// Two items; `second` is the second one's title (keep its UTF-8 length to keep the file's size).
        func write(second: String = "乙篇") throws {
            let items = [("a", "甲篇"), ("b", second)].map { guid, title in
                "<item><guid>\(guid)</guid><title>\(title)</title><link>https://local.example/\(guid).html</link>"
                    + "<pubDate>Wed, 01 May 2024 10:00:00 +0800</pubDate><description>第\(guid)篇的正文。</description></item>"
            }
            try Data("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>\(items.joined())</channel></rss>".utf8)
                .write(to: feedURL)
        }

        func run(at date: Date = Date(), retention: Aggregator.Retention = .init()) async -> RunReport.SourceResult {
            var aggregator = Aggregator(store: store, loader: FileDocumentLoader(maximumBytes: 1 << 20), publishers: [], clock: { date })
            aggregator.retention = retention
            return await aggregator.run(source)
        }

        func modificationTime() throws -> timespec {
            var status = stat()
            #expect(stat(feedURL.path, &status) == 0)
            return status.st_mtim
        }

        func setModificationTime(_ time: timespec) {
            var times = [time, time]
            #expect(utimensat(AT_FDCWD, feedURL.path, &times, 0) == 0)
        }
    }

    @Test func anUnchangedFileIsNotParsedAgain() async throws {
        let scenario = try Scenario()
        defer { try? FileManager.default.removeItem(at: scenario.directory) }
        try scenario.write()
        let first = await scenario.run()
        #expect(first.error == nil)
        #expect(first.inserted == 2)
        let second = await scenario.run()
        #expect(second.error == nil)
        #expect(second.notModified)
        #expect(second.unchanged == 0 && second.inserted == 0)
    }

    @Test func aChangeWithinTheSameSecondAndSizeIsRead() async throws {
        let scenario = try Scenario()
        defer { try? FileManager.default.removeItem(at: scenario.directory) }
        try scenario.write()
        let written = try scenario.modificationTime()
        let size = try FileManager.default.attributesOfItem(atPath: scenario.feedURL.path)[.size] as? Int
        #expect(await scenario.run().inserted == 2)
        // Another title of the same byte length, and the modification time put back to the nanosecond.
        try scenario.write(second: "丙篇")
        scenario.setModificationTime(written)
        #expect(try FileManager.default.attributesOfItem(atPath: scenario.feedURL.path)[.size] as? Int == size)
        #expect(try scenario.modificationTime().tv_sec == written.tv_sec)
        let changed = await scenario.run()
        #expect(changed.error == nil)
        #expect(!changed.notModified)
        #expect(changed.updated == 1, "\(changed)")
        #expect(try await scenario.store.item(key: "id:\(scenario.source.key):b")?.title == "丙篇")
        // Back to the first bytes (as a restored copy would be): read again, not taken for the last version.
        try scenario.write()
        scenario.setModificationTime(written)
        let restored = await scenario.run()
        #expect(!restored.notModified)
        #expect(restored.updated == 1, "\(restored)")
        #expect(await scenario.run().notModified)
    }

    /// A path that cannot be read as a file is an error naming it and the cause; a file over the limit too.
    @Test func unreadableAndOversizedFilesAreNamed() async throws {
        let scenario = try Scenario()
        defer { try? FileManager.default.removeItem(at: scenario.directory) }
        let loader = FileDocumentLoader(maximumBytes: 100)
        await #expect(throws: SourceError.self) { try await loader.load(LoadRequest(url: scenario.directory.path)) }
        do {
            _ = try await loader.load(LoadRequest(url: scenario.directory.path))
        } catch let error as SourceError {
            #expect(error.message == "cannot read file \(scenario.directory.path): Is a directory")
        }
        try scenario.write()
        do {
            _ = try await loader.load(LoadRequest(url: "file://" + scenario.feedURL.path))
            Issue.record("a file over the limit was read")
        } catch let error as SourceError {
            #expect(error.message == "file is larger than 100 bytes")
        }
        let whole = try await FileDocumentLoader(maximumBytes: 1 << 20).load(LoadRequest(url: scenario.feedURL.path))
        guard case .loaded(let document) = whole else { return #expect(Bool(false), "not loaded") }
        #expect(document.bytes == Array(try Data(contentsOf: scenario.feedURL)))
    }

    /// Retention is applied to a source whose feed did not change, too (a local file as a 304 from a server).
    @Test func retentionExpiresItemsOfAnUnchangedFeed() async throws {
        let scenario = try Scenario()
        defer { try? FileManager.default.removeItem(at: scenario.directory) }
        try scenario.write()
        let published = try #require(ISO8601DateFormatter().date(from: "2024-05-01T02:00:00Z"))
        let retention = Aggregator.Retention(maxAge: 3 * 86400)
        #expect(await scenario.run(at: published.addingTimeInterval(86400), retention: retention).inserted == 2)
        let later = await scenario.run(at: published.addingTimeInterval(10 * 86400), retention: retention)
        #expect(later.notModified)
        #expect(later.expired == 2, "\(later)")
        #expect(try await scenario.store.item(key: "id:\(scenario.source.key):a") == nil)
    }
}
