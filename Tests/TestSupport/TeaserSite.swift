import Foundation

/// A news site for the full-text tests: article pages with distinct text, and RSS feeds that carry
/// only a teaser of each. Everything is derived from the item's number, so a test can check that
/// every item kept its own text.
public enum TeaserSite {
    /// Pseudo-random CJK characters, the same for the same seed.
    static func characters(_ count: Int, seed: Int) -> String {
        var state = UInt64(seed + 1) &* 0x9E37_79B9_7F4A_7C15
        return String((0..<count).map { _ -> Character in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Character(Unicode.Scalar(0x4E00 + UInt32((state >> 33) % 20_000))!)
        })
    }

    public static func title(_ number: Int) -> String { "新闻" + characters(10, seed: number * 7919) }

    /// The article's paragraphs: three of about 80 characters, with Chinese punctuation.
    public static func paragraphs(_ number: Int) -> [String] {
        (0..<3).map { paragraph in
            (0..<5).map { clause in characters(15, seed: number * 1000 + paragraph * 10 + clause) }.joined(separator: "，") + "。"
        }
    }

    /// A sentence only this item's page carries (its last paragraph).
    public static func pageOnlySentence(_ number: Int) -> String { paragraphs(number)[2] }

    /// What the feed carries: the opening of the first paragraph and an ellipsis.
    public static func teaser(_ number: Int) -> String { String(paragraphs(number)[0].prefix(40)) + "…" }

    public static func page(_ number: Int, title: String? = nil) -> String {
        let headline = title ?? Self.title(number)
        return """
            <html><head><meta charset="utf-8"><title>\(headline)_样例新闻网</title></head><body>
            <div class="nav"><a href="/">首页</a> <a href="/news">新闻</a></div>
            <h1>\(headline)</h1><div class="article">
            \(paragraphs(number).map { "<p>\($0)</p>" }.joined(separator: "\n"))
            </div><div class="footer">版权所有 样例新闻网</div></body></html>
            """
    }

    /// An RSS feed of `numbers`, each item linking to `base/article/N.html` with its teaser;
    /// `titles` overrides an item's title.
    public static func feed(base: String, numbers: [Int], titles: [Int: String] = [:]) -> [UInt8] {
        let items = numbers.map { number in
            """
            <item><guid>teaser-\(number)</guid><title>\(titles[number] ?? title(number))</title>
            <link>\(base)/article/\(number).html</link><description>\(teaser(number))</description></item>
            """
        }
        return Array("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>样例</title>\(items.joined())</channel></rss>".utf8)
    }

    /// The number in an article path (`/article/N.html`).
    public static func number(inPath path: String) -> Int? {
        guard path.hasPrefix("/article/"), path.hasSuffix(".html") else { return nil }
        return Int(path.dropFirst("/article/".count).dropLast(".html".count))
    }
}

/// A value several server threads read and a test changes between runs.
public final class SharedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func get() -> Value {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    public func set(_ newValue: Value) {
        lock.lock()
        value = newValue
        lock.unlock()
    }
}
