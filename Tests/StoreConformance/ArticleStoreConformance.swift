public import Foundation
public import NewsCore
import Testing

/// What every archive must do, whatever it is built on: each check runs against a fresh, empty store.
/// SQLite runs them in StoreSQLiteTests; a PostgreSQL store will run the same list.
///
/// ```swift
/// @Test(arguments: ArticleStoreConformance.checks)
/// func conforms(_ check: ArticleStoreConformance.Check) async throws {
///     try await check.run(try makeEmptyStore())
/// }
/// ```
public enum ArticleStoreConformance {
    public struct Check: Sendable, CustomStringConvertible {
        public var name: String
        public var run: @Sendable (any ArticleStore) async throws -> Void
        public var description: String { name }
    }

    public static let checks: [Check] = [
        Check(name: "items round-trip with every field", run: roundTrip),
        Check(name: "updates, unchanged items and first sightings", run: updates),
        Check(name: "the same link from another source is a copy", run: copiesByLink),
        Check(name: "a proposed original is honoured only while it exists", run: proposedOriginals),
        Check(name: "near-duplicate candidates share sketch slots", run: candidates),
        Check(name: "one source never rewrites another's item", run: sourceIsolation),
        Check(name: "forget leaves tombstones, by key and by link", run: forgetting),
        Check(name: "retention by age and by count", run: retention),
        Check(name: "fetch state, validators and statuses", run: fetchState),
        Check(name: "items stored with their fetch recorded, in one write", run: storeRecordingFetch),
        Check(name: "the entry memory lands with the items, and goes with forget", run: entryMemory),
        Check(name: "sources registered at once, and again", run: registration),
        Check(name: "history keeps every version", run: history),
        Check(name: "the publish journal gives each output what changed", run: journal),
    ]

    static let now = Date(timeIntervalSince1970: 1_714_600_000)

    static func source(_ site: String) -> Source {
        Source(group: "g", site: site, channel: site, url: "https://\(site).example/feed", timeZone: TimeZone(identifier: "UTC")!)
    }

    static func item(_ key: String, _ source: Source, link: String?, daysAgo: Double = 0, html: String? = nil) -> Item {
        let date = now.addingTimeInterval(-daysAgo * 86400)
        return Item(key: key, sourceKey: source.key, title: "title \(key)", link: link, date: date, dateOrigin: .feed,
                    firstSeen: date, author: nil, html: html ?? "<p>\(key)</p>")
    }

    static func roundTrip(_ store: any ArticleStore) async throws {
        let source = source("a")
        try await store.register(source)
        var item = item("id:a:1", source, link: "https://a.example/1?utm_source=x")
        item.author = "张三"
        item.ogImage = "https://img.example/1.jpg"
        item.sketch = [1, 2, 3, 4, 5, 6, 7, 8]
        item.contentOrigin = .page
        item.feedSnapshot = FeedSnapshot(title: "title", updated: "2024-05-01", contentHash: "h")
        item.legacyKey = "id:1"
        #expect(try await store.store(item) == .inserted)
        let stored = try #require(try await store.item(key: item.key))
        #expect(stored == item)
        #expect(try await store.items(keys: [item.key, "missing"]).keys.sorted() == [item.key])
        #expect(try await store.items(sourceKey: source.key).map(\.key) == [item.key])
        let summaries = try await store.summaries(keys: [item.key, "missing"])
        #expect(summaries == [item.key: ItemSummary(sourceKey: source.key, link: item.link, feedSnapshot: item.feedSnapshot)])
    }

    static func updates(_ store: any ArticleStore) async throws {
        let source = source("a")
        try await store.register(source)
        let first = item("id:a:1", source, link: "https://a.example/1")
        #expect(try await store.store(first) == .inserted)
        #expect(try await store.store(first) == .unchanged)
        var changed = item("id:a:1", source, link: "https://a.example/1", html: "<p>longer text</p>")
        changed.firstSeen = now.addingTimeInterval(3600)
        #expect(try await store.store(changed) == .updated)
        let stored = try #require(try await store.item(key: first.key))
        #expect(stored.html == "<p>longer text</p>")
        #expect(stored.firstSeen == first.firstSeen, "an item keeps its first sighting")
    }

    static func copiesByLink(_ store: any ArticleStore) async throws {
        let a = source("a"), b = source("b")
        try await store.register(a)
        try await store.register(b)
        #expect(try await store.store(item("id:a:1", a, link: "https://news.example/x?utm_source=a")) == .inserted)
        #expect(try await store.store(item("id:b:7", b, link: "HTTPS://NEWS.example/x#top")) == .duplicate(of: "id:a:1"))
        #expect(try await store.item(key: "id:b:7")?.duplicateOf == "id:a:1")
    }

    static func proposedOriginals(_ store: any ArticleStore) async throws {
        let a = source("a"), b = source("b")
        try await store.register(a)
        try await store.register(b)
        _ = try await store.store(item("id:a:1", a, link: "https://a.example/1"))
        var copy = item("id:b:1", b, link: "https://b.example/1")
        copy.duplicateOf = "id:a:1"
        #expect(try await store.store(copy) == .duplicate(of: "id:a:1"))
        // A copy of a copy points at the first original.
        var third = item("id:b:2", b, link: "https://b.example/2")
        third.duplicateOf = "id:b:1"
        #expect(try await store.store(third) == .duplicate(of: "id:a:1"))
        // An original that went in between is no original.
        var orphan = item("id:b:3", b, link: "https://b.example/3")
        orphan.duplicateOf = "id:gone"
        #expect(try await store.store(orphan) == .inserted)
    }

    static func candidates(_ store: any ArticleStore) async throws {
        let a = source("a")
        try await store.register(a)
        var original = item("id:a:1", a, link: "https://a.example/1")
        original.sketch = [10, 20, 30, 40, 50, 60, 70, 80]
        var unrelated = item("id:a:2", a, link: "https://a.example/2")
        unrelated.sketch = [11, 21, 31, 41, 51, 61, 71, 81]
        _ = try await store.store([original, unrelated])
        var new = item("id:a:3", a, link: "https://a.example/3")
        new.sketch = [10, 20, 99, 99, 99, 99, 99, 99]
        let found = try await store.nearDuplicateCandidates(for: [new])
        #expect(found[new.key]?.map(\.key) == ["id:a:1"])
        var far = new
        far.key = "id:a:4"
        far.firstSeen = now.addingTimeInterval(30 * 86400)
        #expect(try await store.nearDuplicateCandidates(for: [far])[far.key] == nil, "only recent items are candidates")
    }

    static func sourceIsolation(_ store: any ArticleStore) async throws {
        let a = source("a"), b = source("b")
        try await store.register(a)
        try await store.register(b)
        let original = item("link:https://a.example/1", a, link: "https://a.example/1")
        _ = try await store.store(original)
        let hostile = item("link:https://a.example/1", b, link: "https://a.example/1", html: "<p>overwritten</p>")
        #expect(try await store.store(hostile) == .duplicate(of: original.key))
        #expect(try await store.item(key: original.key)?.html == original.html)
    }

    static func forgetting(_ store: any ArticleStore) async throws {
        let a = source("a"), b = source("b")
        try await store.register(a)
        try await store.register(b)
        _ = try await store.store(item("id:a:1", a, link: "https://news.example/x"))
        _ = try await store.store(item("id:b:1", b, link: "https://news.example/x"))
        let removed = try await store.forget("id:b:1", reason: "test", at: now)
        #expect(Set(removed.map(\.key)) == ["id:a:1", "id:b:1"], "forgetting a copy forgets the story")
        #expect(try await store.store(item("id:a:1", a, link: "https://news.example/x")) == .tombstoned)
        #expect(try await store.forget("https://never.example/n", reason: "test", at: now).isEmpty)
        #expect(try await store.store(item("id:a:9", a, link: "https://never.example/n")) == .tombstoned)
    }

    static func retention(_ store: any ArticleStore) async throws {
        let a = source("a")
        try await store.register(a)
        for day in 0..<10 { _ = try await store.store(item("id:a:\(day)", a, link: "https://a.example/\(day)", daysAgo: Double(day))) }
        #expect(try await store.applyRetention(sourceKey: a.key, maxAge: 7.5 * 86400, maxItems: nil, now: now) == 2)
        #expect(try await store.applyRetention(sourceKey: a.key, maxAge: nil, maxItems: 5, now: now) == 3)
        #expect(try await store.items(sourceKey: a.key).map(\.key).sorted() == (0..<5).map { "id:a:\($0)" }.sorted())
        #expect(try await store.store(item("id:a:9", a, link: "https://a.example/9", daysAgo: 9)) == .tombstoned)
    }

    static func fetchState(_ store: any ArticleStore) async throws {
        let a = source("a")
        try await store.register(a)
        #expect(try await store.validators(sourceKey: a.key) == nil)
        let validators = CacheValidators(etag: "\"v1\"", lastModified: "Wed, 01 May 2024 02:00:00 GMT")
        try await store.recordFetch(sourceKey: a.key, at: now, error: nil, validators: validators)
        try await store.recordFetch(sourceKey: a.key, at: now, error: "GET … → 503", validators: nil)
        #expect(try await store.validators(sourceKey: a.key) == validators, "a failure keeps the last success's validators")
        _ = try await store.store(item("id:a:1", a, link: "https://a.example/1"))
        let status = try #require(try await store.statuses().first)
        #expect(status.sourceKey == a.key && status.itemCount == 1 && status.errorCount == 1 && status.lastError == "GET … → 503")
    }

    /// Items stored with their fetch recorded: both land, and a write that fails stores neither (the
    /// validators never get ahead of the items they would hide).
    static func storeRecordingFetch(_ store: any ArticleStore) async throws {
        let a = source("a")
        try await store.register(a)
        let validators = CacheValidators(etag: "\"v2\"", lastModified: nil)
        let outcomes = try await store.store([item("id:a:1", a, link: "https://a.example/1"), item("id:a:2", a, link: "https://a.example/2")],
                                             recordingFetchOf: a.key, at: now, validators: validators)
        #expect(outcomes == [.inserted, .inserted])
        #expect(try await store.validators(sourceKey: a.key) == validators)
        #expect(try await store.statuses().first?.lastSuccess == now)
        // An item of a source never registered breaks the archive's foreign key: nothing of the write stays.
        let unknown = source("unregistered")
        await #expect(throws: (any Error).self) {
            _ = try await store.store([item("id:u:1", unknown, link: "https://u.example/1")], recordingFetchOf: a.key, at: now.addingTimeInterval(60),
                                      validators: CacheValidators(etag: "\"v3\"", lastModified: nil))
        }
        #expect(try await store.validators(sourceKey: a.key) == validators)
    }

    /// A source's entry memory is written in the items' write, kept by a fetch that stores nothing
    /// (a 304), by a write without one and by a write that fails, and kept apart from other sources'.
    /// Retention leaves it; `forget` clears it for the sources whose items it deleted.
    static func entryMemory(_ store: any ArticleStore) async throws {
        let a = source("a"), b = source("b")
        try await store.register([a, b])
        #expect(try await store.entryMemory(sourceKey: a.key).isEmpty)
        let memory = EntryMemory(keys: [11: 1, 12: 2])
        _ = try await store.store([item("id:a:1", a, link: "https://a.example/1"), item("id:a:2", a, link: "https://a.example/2")],
                                  recordingFetchOf: a.key, at: now, validators: nil, entryMemory: memory)
        _ = try await store.store([item("id:b:1", b, link: "https://b.example/1")], recordingFetchOf: b.key, at: now, validators: nil,
                                  entryMemory: EntryMemory(keys: [21: 3]))
        #expect(try await store.entryMemory(sourceKey: a.key) == memory)
        try await store.recordFetch(sourceKey: a.key, at: now.addingTimeInterval(60), error: nil, validators: CacheValidators(etag: "\"e\"", lastModified: nil))
        _ = try await store.store([], recordingFetchOf: a.key, at: now.addingTimeInterval(120), validators: nil)
        #expect(try await store.entryMemory(sourceKey: a.key) == memory)
        // A write that fails leaves the memory it would have replaced.
        await #expect(throws: (any Error).self) {
            _ = try await store.store([item("id:u:1", source("unregistered"), link: "https://u.example/1")], recordingFetchOf: a.key,
                                      at: now.addingTimeInterval(180), validators: nil, entryMemory: EntryMemory(keys: [99: 9]))
        }
        #expect(try await store.entryMemory(sourceKey: a.key) == memory)
        #expect(try await store.applyRetention(sourceKey: a.key, maxAge: nil, maxItems: 1, now: now.addingTimeInterval(240)) == 1)
        #expect(try await store.entryMemory(sourceKey: a.key) == memory)
        #expect(try await store.forget("https://a.example/2", reason: "test", at: now.addingTimeInterval(300)).count
                + store.forget("https://a.example/1", reason: "test", at: now.addingTimeInterval(300)).count == 1)
        #expect(try await store.entryMemory(sourceKey: a.key).isEmpty)
        #expect(try await store.entryMemory(sourceKey: b.key) == EntryMemory(keys: [21: 3]))
    }

    static func registration(_ store: any ArticleStore) async throws {
        let sources = ["a", "b", "c"].map(source)
        try await store.register(sources)
        try await store.register(sources[1])
        try await store.register(sources + [source("d")])
        #expect(Set(try await store.statuses().map(\.sourceKey)) == Set((sources + [source("d")]).map(\.key)))
        _ = try await store.store(item("id:b:1", sources[1], link: "https://b.example/1"))
        #expect(try await store.statuses().first { $0.sourceKey == sources[1].key }?.label == sources[1].label)
    }

    static func history(_ store: any ArticleStore) async throws {
        let a = source("a")
        try await store.register(a)
        _ = try await store.store(item("id:a:1", a, link: "https://a.example/1"))
        var edited = item("id:a:1", a, link: "https://a.example/1")
        edited.title = "edited"
        edited.contentHash = "edited"
        _ = try await store.store(edited)
        let histories = try await store.history("https://a.example/1")
        #expect(histories.count == 1)
        #expect(histories.first?.versions.map(\.title) == ["title id:a:1", "edited"])
    }

    static func journal(_ store: any ArticleStore) async throws {
        let a = source("a")
        try await store.register(a)
        _ = try await store.store((0..<3).map { item("id:a:\($0)", a, link: "https://a.example/\($0)") })
        let first = try await store.unpublished(output: "o", limit: 100)
        #expect(first.items.count == 3)
        try await store.markPublished(output: "o", through: try #require(first.through))
        #expect(try await store.unpublished(output: "o", limit: 100).through == nil)
        _ = try await store.forget("id:a:0", reason: "test", at: now)
        let second = try await store.unpublished(output: "o", limit: 100)
        #expect(second.removals.map(\.itemKey) == ["id:a:0"])
        #expect(try await store.unpublished(output: "another", limit: 100).items.count == 2, "a new output gets the archive")
        try await store.markPublished(output: "o", through: try #require(second.through))
        try await store.pruneJournal(keeping: ["o"])
        #expect(try await store.unpublished(output: "o", limit: 100).through == nil)
    }
}
