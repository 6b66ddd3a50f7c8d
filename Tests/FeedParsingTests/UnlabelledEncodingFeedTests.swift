import Foundation
import NewsCore
import Testing

@testable import FeedParsing

/// UTF-16 feeds with and without a byte order mark, and Japanese and Korean feeds that do not say
/// their encoding: each read exactly, none taken for GB18030.
struct UnlabelledEncodingFeedTests {
    static let chinese = "央行宣布降准 释放长期资金约一万亿元"

    @Test(arguments: [
        ("enc-utf16-bom.xml", chinese, "utf-16le"),
        ("enc-utf16le-nobom.xml", chinese, "utf-16le"),
        ("enc-utf16be-bom.xml", chinese, "utf-16be"),
        ("enc-utf16be-nobom.xml", chinese, "utf-16be"),
        ("enc-shift-jis-undeclared.xml", "日本銀行が金利を据え置き", "shift_jis"),
        ("enc-euc-jp-undeclared.xml", "日本銀行が金利を据え置き", "euc-jp"),
        ("enc-euc-kr-undeclared.xml", "한국은행이 기준금리를 동결했다", "euc-kr"),
        ("enc-gbk-undeclared.xml", chinese, "gb18030"),
    ] as [(String, String, String)])
    func titleIsDecodedExactly(file: String, title: String, encoding: String) throws {
        let feed = try FeedFixtures.feed(file)
        #expect(feed.title == title)
        #expect(feed.entries.first?.title == title)
        #expect(feed.entries.first?.link == "https://enc.example.com/1")
        #expect(feed.encoding == encoding)
    }
}

/// An Atom entry that gives its URL only as its `<id>` gets that URL as its link; other ids do not.
struct AtomIdAsLinkTests {
    static func feed(entry: String) throws -> Feed {
        try FeedParser.parse("""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>\(entry)</feed>
            """)
    }

    @Test func urlShapedIdServesAsTheLink() throws {
        let feed = try Self.feed(entry: "<entry><id>https://news.example.com/a/1.html</id><title>一</title></entry>")
        #expect(feed.entries.first?.link == "https://news.example.com/a/1.html")
        #expect(feed.entries.first?.id == "https://news.example.com/a/1.html")
    }

    @Test func aGivenLinkWinsOverTheId() throws {
        let feed = try Self.feed(entry: """
            <entry><id>https://news.example.com/id/1</id><link href="https://news.example.com/a/1.html"/><title>一</title></entry>
            """)
        #expect(feed.entries.first?.link == "https://news.example.com/a/1.html")
    }

    @Test(arguments: ["tag:example.com,2024:1", "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", "article-42",
                      "https://", "http://exa mple.com/x", "ftp://example.com/x"])
    func otherIdsGiveNoLink(id: String) throws {
        let feed = try Self.feed(entry: "<entry><id>\(id)</id><title>一</title></entry>")
        #expect(feed.entries.first?.link == nil)
    }
}
