import Foundation
import NewsCore
import Publisher
import Testing

/// The Hugo and Jekyll publishers on a real directory: front matter in each generator's terms,
/// files named so an item keeps one file, and removals that find it.
struct GeneratorPostTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let source = Source(group: "金融", site: "新浪财经", channel: "新浪财经－国內", url: "file:///feed.xml", timeZone: zone)

    static func item(_ key: String, date: Date, html: String = "<p>正文</p>") -> Item {
        Item(key: key, sourceKey: source.key, title: "标题 \(key)", link: "https://news.example.com/\(key)",
             date: date, dateOrigin: .feed, firstSeen: date, author: "记者", html: html)
    }

    static func files(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func hugoFrontMatterHoldsWhatHugoReads() {
        let renderer = HugoPostRenderer(options: PostFolderOptions(directory: URL(fileURLWithPath: "/tmp"), timeZone: Self.zone))
        let post = renderer.render(Self.item("a", date: Date(timeIntervalSince1970: 1_658_580_053),
                                             html: "<p>正文</p><p><img src=\"https://img.example/a.jpg\"></p>"), source: Self.source)
        #expect(post.hasPrefix("""
            ---
            title: '标题 a'
            date: 2022-07-23T20:40:53+08:00
            categories:
              - '金融'
              - '新浪财经'
              - '新浪财经－国內'
            images:
              - 'https://img.example/a.jpg'
            author: '记者'
            source: '新浪财经'
            original_url: 'https://news.example.com/a'
            ---

            <div>
            """), "\(post)")
    }

    @Test func jekyllFrontMatterHoldsWhatJekyllReads() {
        let renderer = JekyllPostRenderer(options: PostFolderOptions(directory: URL(fileURLWithPath: "/tmp"), timeZone: Self.zone))
        var item = Self.item("a", date: Date(timeIntervalSince1970: 1_658_580_053))
        item.topics = ["数字化转型"]
        item.tags = ["银行", "上海银行 601229.SH", "数字化转型"]
        let post = renderer.render(item, source: Self.source)
        #expect(post.hasPrefix("""
            ---
            layout: post
            title: '标题 a'
            date: 2022-07-23 20:40:53 +0800
            categories:
              - '金融'
              - '新浪财经'
              - '新浪财经－国內'
            tags:
              - '数字化转型'
              - '银行'
              - '上海银行 601229.SH'
            author: '记者'
            source: '新浪财经'
            original_url: 'https://news.example.com/a'
            ---
            """), "\(post)")
    }

    /// A Jekyll post's name holds its day: when the item's date moves to another day, the post is
    /// renamed (one file per item, never two), also when the publisher starts afresh on the directory.
    @Test func aJekyllPostFollowsItsItemsDay() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jekyll-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = PostFolderOptions(directory: directory, timeZone: Self.zone)
        let first = Date(timeIntervalSince1970: 1_658_580_053)  // 2022-07-23 20:40 in Shanghai
        let result = try await JekyllPublisher(options: options).publish(PublishBatch(items: [
            PublishedItem(item: Self.item("a", date: first), source: Self.source),
            PublishedItem(item: Self.item("b", date: first), source: Self.source),
        ]))
        #expect(result == PublishResult(written: 2))
        let names = try Self.files(in: directory)
        #expect(names.count == 2 && names.allSatisfy { $0.hasPrefix("2022-07-23-") && $0.hasSuffix(".md") }, "\(names)")

        // A new publisher (the next run) moves `a` to its new day and removes `b`.
        let later = first.addingTimeInterval(4 * 3600)  // past midnight in Shanghai
        let publisher = JekyllPublisher(options: options)
        let second = try await publisher.publish(PublishBatch(
            items: [PublishedItem(item: Self.item("a", date: later), source: Self.source)],
            removals: [RemovedItem(itemKey: "b", postKey: "b")]))
        #expect(second == PublishResult(written: 1, removed: 2))
        let moved = try Self.files(in: directory)
        #expect(moved.count == 1 && moved[0].hasPrefix("2022-07-24-"), "\(moved)")
        #expect(try String(contentsOf: directory.appendingPathComponent(moved[0]), encoding: .utf8).contains("date: 2022-07-24 00:40:53 +0800"))
        // Publishing the same version again changes nothing.
        #expect(try await publisher.publish(PublishBatch(items: [PublishedItem(item: Self.item("a", date: later), source: Self.source)])) == PublishResult())
    }

    @Test func hugoPostsAreWrittenOnceAndRemoved() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hugo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let publisher = HugoPublisher(options: PostFolderOptions(directory: directory, timeZone: Self.zone))
        let batch = PublishBatch(items: [PublishedItem(item: Self.item("a", date: Date(timeIntervalSince1970: 1_658_580_053)), source: Self.source)])
        #expect(try await publisher.publish(batch) == PublishResult(written: 1))
        #expect(try await publisher.publish(batch) == PublishResult())
        #expect(try Self.files(in: directory).count == 1)
        #expect(try await publisher.publish(PublishBatch(removals: [RemovedItem(itemKey: "a", postKey: "a")])) == PublishResult(removed: 1))
        #expect(try Self.files(in: directory).isEmpty)
    }
}
