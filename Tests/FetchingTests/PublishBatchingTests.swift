import Aggregator
import Fetching
import Foundation
import NewsCore
import StoreSQLite
import Testing

/// While a run fetches, its outputs publish in full batches: a batch whenever a batch's worth of
/// changes has gathered, never the few feeds stored while the last batch was written (each such
/// remainder was a batch, and a file-system sync, of its own), and what is left when the run ends.
struct PublishBatchingTests {
    /// An output that records the batches it is given (the seam every format implements).
    final class RecordingPublisher: Publisher, @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [[Item]] = []
        let identity = "recording"
        let summary = "recording"
        let directories: [URL] = []

        var batches: [[String]] { lock.withLock { recorded.map { $0.map(\.key) } } }
        var publishedItems: [[Item]] { lock.withLock { recorded } }

        func publish(_ batch: PublishBatch) async throws -> PublishResult {
            lock.withLock { recorded.append(batch.items.map(\.item)) }
            // Writing a batch's files takes a while, during which the run goes on storing feeds.
            try await Task.sleep(for: .milliseconds(40))
            return PublishResult(written: batch.items.count)
        }
    }

    /// Text no other item shares a shingle with: 40 ideographs drawn for it alone.
    static func text(_ number: Int) -> String {
        var state = UInt64(number) &* 2_654_435_761 &+ 1
        let scalars = (0..<40).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Unicode.Scalar(0x4E00 + UInt32((state >> 33) % 20_000))!
        }
        return String(String.UnicodeScalarView(scalars))
    }

    @Test func aRunPublishesFullBatchesAndTheRestAtItsEnd() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-batching-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let feeds = 64, perFeed = 20
        var sources: [Source] = []
        for feed in 0..<feeds {
            let items = (0..<perFeed).map { index in
                let number = feed * perFeed + index
                return "<item><guid isPermaLink=\"false\">b-\(number)</guid><title>第\(number)条</title>"
                    + "<pubDate>Wed, 01 May 2024 10:00:00 +0800</pubDate><description><![CDATA[<p>\(Self.text(number))</p>]]></description></item>"
            }
            let url = directory.appendingPathComponent("\(feed).xml")
            try Data("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>\(feed)</title>\(items.joined())</channel></rss>".utf8).write(to: url)
            sources.append(Source(group: "g", site: "s\(feed)", channel: "c", url: url.path, timeZone: TimeZone(identifier: "Asia/Shanghai")!))
        }
        let store = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
        let publisher = RecordingPublisher()
        let aggregator = Aggregator(store: store, loader: FileDocumentLoader(maximumBytes: 1 << 20), publishers: [publisher], concurrency: 8)
        let report = await aggregator.run(sources)

        #expect(report.publishError == nil)
        #expect(report.results.map(\.inserted).reduce(0, +) == feeds * perFeed)
        let batches = publisher.batches
        let keys = batches.flatMap { $0 }
        #expect(keys.count == feeds * perFeed)
        #expect(Set(keys).count == keys.count, "an item published twice")
        // A batch is cut before a feed it would split: all but the last hold at least a batch less one feed.
        let sizes = batches.map(\.count)
        #expect(sizes.dropLast().allSatisfy { $0 >= PublicationQueue.batchSize - perFeed && $0 <= PublicationQueue.batchSize }, "\(sizes)")
        #expect(sizes.count <= (feeds * perFeed) / (PublicationQueue.batchSize - perFeed) + 1, "\(sizes)")
    }

    /// Two runs in one process (as the daemon makes them) on one store: the second publishes exactly the
    /// item whose text changed, as it is now (never the version the first run kept in memory), and the
    /// new one.
    @Test func aSecondRunPublishesWhatChangedAsItIsNow() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-batching-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("feed.xml")
        func write(_ texts: [String]) throws {
            let items = texts.enumerated().map { number, text in
                "<item><guid isPermaLink=\"false\">r-\(number)</guid><title>第\(number)条</title>"
                    + "<pubDate>Wed, 01 May 2024 10:00:00 +0800</pubDate><description><![CDATA[<p>\(text)</p>]]></description></item>"
            }
            try Data("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>\(items.joined())</channel></rss>".utf8).write(to: url)
        }
        let source = Source(group: "g", site: "s", channel: "c", url: url.path, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let store = try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path)
        let publisher = RecordingPublisher()
        let aggregator = Aggregator(store: store, loader: FileDocumentLoader(maximumBytes: 1 << 20), publishers: [publisher], concurrency: 8)

        var texts = (0..<30).map(Self.text)
        try write(texts)
        _ = await aggregator.run([source])
        #expect(Set(publisher.batches.flatMap { $0 }).count == 30)
        let published = publisher.batches.count

        texts[7] = Self.text(1_000)
        texts.append(Self.text(1_001))
        try write(texts)
        let report = await aggregator.run([source])
        #expect(report.results.map(\.updated) == [1])
        #expect(report.results.map(\.inserted) == [1])
        let second = publisher.publishedItems.dropFirst(published).flatMap { $0 }
        #expect(second.map { $0.key.split(separator: ":").last.map(String.init) ?? "" }.sorted() == ["r-30", "r-7"])
        #expect(second.first { $0.key.hasSuffix(":r-7") }?.html.contains(Self.text(1_000)) == true)
    }
}
