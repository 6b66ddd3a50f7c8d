import Foundation
import NewsCore
import Publisher

/// Stories for site tests: sources in two groups, items with dates an hour apart, published through
/// a real ``SitePublisher`` into a temporary directory.
public struct SiteFixture {
    public static let baseURL = "https://news.example.org/"
    public static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    public let directory: URL
    public var options: SiteOptions
    public let sources: [Source]

    public init(pageSize: Int = 5, language: String = "zh-CN") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-site-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        options = SiteOptions(
            directory: directory.appendingPathComponent("public", isDirectory: true), baseURL: Self.baseURL, title: "数字化转型观察",
            language: language, timeZone: Self.shanghai, pageSize: pageSize)
        sources = [
            Source(group: "金融", site: "新浪财经", channel: "国内", url: "https://example.com/sina.xml", timeZone: Self.shanghai),
            Source(group: "金融", site: "每经网", channel: "重磅原创", url: "https://example.com/nbd.xml", timeZone: Self.shanghai),
            Source(group: "科技", site: "36氪", channel: "快讯", url: "https://example.com/36kr.xml", timeZone: Self.shanghai),
        ]
    }

    public var publisher: SitePublisher { SitePublisher(options: options) }

    /// Story `number`: dated `number` hours after 2022-07-01 00:00 UTC, from source `number % 3`.
    public func item(
        _ number: Int, title: String? = nil, html: String? = nil, author: String? = "记者", link: String? = nil, sourceIndex: Int? = nil
    ) -> PublishedItem {
        let source = sources[sourceIndex ?? number % sources.count]
        let date = Date(timeIntervalSince1970: 1_656_633_600 + Double(number) * 3600)
        let body = html ?? "<p>第\(number)篇：银行与芯片的数字化转型报道，正文足够长，可以当作摘要使用。</p><p><img src=\"https://img.example.com/\(number).jpg\"></p>"
        let item = Item(
            key: "item-\(number)", sourceKey: source.key, title: title ?? "数字化转型报道 \(number)",
            link: link ?? "https://example.com/a/\(number).html", date: date, dateOrigin: .feed, firstSeen: date, author: author,
            html: body)
        return PublishedItem(item: item, source: source)
    }

    /// Publishes `items` in one batch (and `copies`, and `removals`), then finishes: a whole run.
    @discardableResult
    public func run(_ items: [PublishedItem], copies: [PublishedItem] = [], removals: [RemovedItem] = [], with publisher: SitePublisher? = nil) async throws -> PublishResult {
        let publisher = publisher ?? self.publisher
        let batch = PublishBatch(items: items, removals: removals, copies: copies)
        var result = try await publisher.publish(batch)
        result = result + (try await publisher.finish())
        return result
    }

    public var crawler: SiteCrawler { SiteCrawler(root: options.directory, baseURL: Self.baseURL) }

    /// Each file of the site (the state folder included) with its inode and modification time.
    public func fileStamps() -> [String: String] {
        var stamps: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: options.directory.path)
        while let path = enumerator?.nextObject() as? String {
            var info = stat()
            guard stat(options.directory.appendingPathComponent(path).path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            stamps[path] = "\(info.st_ino)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return stamps
    }

    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
