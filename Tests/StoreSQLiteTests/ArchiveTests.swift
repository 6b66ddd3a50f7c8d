import Foundation
import NewsCore
import StoreSQLite
import Testing

/// The archive on a real SQLite file: de-duplication by link, tombstones, retention.
struct ArchiveTests {
    static func makeStore() throws -> (SQLiteArticleStore, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (try SQLiteArticleStore(path: directory.appendingPathComponent("a.sqlite").path), directory)
    }

    static func source(_ site: String) -> Source {
        Source(group: "g", site: site, channel: site, url: "https://\(site).example/feed", timeZone: TimeZone(identifier: "UTC")!)
    }

    static func item(_ key: String, source: Source, link: String?, daysAgo: Double, now: Date) -> Item {
        let date = now.addingTimeInterval(-daysAgo * 86400)
        return Item(key: key, sourceKey: source.key, title: key, link: link, date: date, dateOrigin: .feed, firstSeen: date,
                    author: nil, html: "<p>\(key)</p>")
    }

    @Test func sameLinkFromAnotherSourceIsACopy() async throws {
        let (store, directory) = try Self.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let now = Date()
        let a = Self.source("a"), b = Self.source("b")
        try await store.register(a)
        try await store.register(b)
        #expect(try await store.store(Self.item("id:a-1", source: a, link: "https://news.example/x?utm_source=a", daysAgo: 0, now: now)) == .inserted)
        #expect(try await store.store(Self.item("id:b-7", source: b, link: "HTTPS://NEWS.example/x#top", daysAgo: 0, now: now)) == .duplicate(of: "id:a-1"))
        #expect(try await store.items(sourceKey: b.key).first?.duplicateOf == "id:a-1")
        // Storing the same item again is a no-op, not a second copy.
        #expect(try await store.store(Self.item("id:b-7", source: b, link: "HTTPS://NEWS.example/x#top", daysAgo: 0, now: now)) == .unchanged)
    }

    @Test func retentionExpiresByAgeAndCountAndNeverReimports() async throws {
        let (store, directory) = try Self.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let now = Date()
        let source = Self.source("r")
        try await store.register(source)
        for day in 0..<10 {
            _ = try await store.store(Self.item("id:r-\(day)", source: source, link: "https://r.example/\(day)", daysAgo: Double(day), now: now))
        }
        // Older than 7 days: days 8 and 9 go (day 7 is 7 days old to the second: kept only if not older).
        let byAge = try await store.applyRetention(sourceKey: source.key, maxAge: 7.5 * 86400, maxItems: nil, now: now)
        #expect(byAge == 2)
        // At most 5 items: the 3 oldest of the remaining 8 go.
        let byCount = try await store.applyRetention(sourceKey: source.key, maxAge: nil, maxItems: 5, now: now)
        #expect(byCount == 3)
        let kept = try await store.items(sourceKey: source.key).map(\.key).sorted()
        #expect(kept == (0..<5).map { "id:r-\($0)" }.sorted())
        // An expired item that is still in the feed is not imported again, by key or by link.
        #expect(try await store.store(Self.item("id:r-9", source: source, link: "https://r.example/9", daysAgo: 9, now: now)) == .tombstoned)
        #expect(try await store.store(Self.item("id:other", source: source, link: "https://r.example/8", daysAgo: 8, now: now)) == .tombstoned)
    }

    @Test func forgetRemovesTheStoryAndKeepsItOut() async throws {
        let (store, directory) = try Self.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let now = Date()
        let a = Self.source("a"), b = Self.source("b")
        try await store.register(a)
        try await store.register(b)
        _ = try await store.store(Self.item("id:a-1", source: a, link: "https://news.example/x", daysAgo: 0, now: now))
        _ = try await store.store(Self.item("id:b-1", source: b, link: "https://news.example/x", daysAgo: 0, now: now))
        // Forgetting the copy forgets the story.
        let removed = try await store.forget("id:b-1", reason: "test", at: now)
        #expect(Set(removed.map(\.key)) == ["id:a-1", "id:b-1"])
        #expect(try await store.items(keys: ["id:a-1", "id:b-1"]).isEmpty)
        #expect(try await store.store(Self.item("id:a-1", source: a, link: "https://news.example/x", daysAgo: 0, now: now)) == .tombstoned)
        // A link never seen can be kept out ahead of time.
        #expect(try await store.forget("https://news.example/never", reason: "test", at: now).isEmpty)
        #expect(try await store.store(Self.item("id:n", source: a, link: "https://news.example/never", daysAgo: 0, now: now)) == .tombstoned)
    }

    @Test func fetchStateAndErrorHistoryAreKept() async throws {
        let (store, directory) = try Self.makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = Self.source("s")
        try await store.register(source)
        let validators = CacheValidators(etag: "\"v1\"", lastModified: "Wed, 01 May 2024 02:00:00 GMT")
        try await store.recordFetch(sourceKey: source.key, at: Date(), error: nil, validators: validators)
        #expect(try await store.validators(sourceKey: source.key) == validators)
        try await store.recordFetch(sourceKey: source.key, at: Date(), error: "GET … → 503 after 3 tries", validators: nil)
        try await store.recordFetch(sourceKey: source.key, at: Date(), error: "GET … → timed out", validators: nil)
        let status = try #require(try await store.statuses().first)
        #expect(status.errorCount == 2)
        #expect(status.lastError == "GET … → timed out")
        #expect(status.lastSuccess != nil)
        // A failure does not forget the validators of the last success.
        #expect(try await store.validators(sourceKey: source.key) == validators)
    }
}
