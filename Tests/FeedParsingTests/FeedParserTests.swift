import Foundation
import NewsCore
import Testing

@testable import FeedParsing

enum FeedFixtures {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/feeds/\(name)"))
        return [UInt8](try Data(contentsOf: url))
    }

    static func feed(_ name: String, charset: String? = nil, baseURL: String? = nil) throws -> Feed {
        try FeedParser.parse(try bytes(name), transportCharset: charset, baseURL: baseURL)
    }
}

/// Each format and namespace, read into the one model.
struct FeedFormatTests {
    @Test func rss20WithEveryCommonNamespace() throws {
        let feed = try FeedFixtures.feed("rss20-namespaces.xml", baseURL: "https://rsshub.app/sina/finance")
        #expect(feed.format == .rss20)
        #expect(feed.title == "新浪财经－国內")
        #expect(feed.link == "https://finance.sina.com.cn/china/")
        #expect(!feed.bozo)
        let first = feed.entries[0]
        #expect(first.id == "sina-2024-0501-1")
        #expect(first.link == "https://news.example.com/finance/articles/2024-05-01/1.html")  // through xml:base
        #expect(first.summary == "<p>摘要 <b>一</b></p>")
        #expect(first.content == "<p>全文第一段。</p><p>全文第二段。</p>")
        #expect(first.author == "新浪财经")
        #expect(first.rawPublished == "2024-05-01T10:00:00+08:00")
        #expect(first.categories == ["央行", "宏观"])
        #expect(first.enclosures == ["https://news.example.com/media/podcast.mp3"])
        #expect(first.images == ["https://img.example.com/lead.jpg"])
        let second = feed.entries[1]
        #expect(second.id == nil)
        #expect(second.summary == "plain & simple")
        #expect(second.rawPublished == "Wed, 01 May 2024 11:00:00 +0800")
        #expect(Set(second.images) == ["https://img.example.com/thumb.jpg", "https://img.example.com/cover.jpg", "https://img.example.com/photo.png"])
    }

    @Test func rss09xVersions() throws {
        let rss091 = try FeedFixtures.feed("rss091.xml")
        #expect(rss091.format == .rss091)
        #expect(rss091.entries.map(\.link) == ["http://old.example.com/1"])
        let rss092 = try FeedFixtures.feed("rss092.xml")
        #expect(rss092.format == .rss092)
        #expect(rss092.entries.first?.summary == "an item with only a description")
        #expect(rss092.entries.first?.enclosures == ["http://old.example.com/a.mp3"])
    }

    @Test func rdfVersions() throws {
        let rss090 = try FeedFixtures.feed("rss090.rdf")
        #expect(rss090.format == .rss090)
        #expect(rss090.entries.map(\.title) == ["New Status Updates", "Bugzilla Reorganized"])
        let rss10 = try FeedFixtures.feed("rss10.rdf")
        #expect(rss10.format == .rss10)
        #expect(rss10.title == "RDF News")
        let item = try #require(rss10.entries.first)
        #expect(item.id == "https://slashdot.example/1")
        #expect(item.rawPublished == "2024-05-01T02:00:00Z")
        #expect(item.author == "editor")
        #expect(item.content == "<p>Full &amp; escaped</p>")
    }

    @Test func atom10TextConstructsAndXMLBase() throws {
        let feed = try FeedFixtures.feed("atom10.xml")
        #expect(feed.format == .atom10)
        #expect(feed.link == "https://blog.example.org/columns/332")
        let first = feed.entries[0]
        #expect(first.title == "A <b>bold</b> title")  // type="html": the text of the markup, decoded once
        #expect(first.link == "https://blog.example.org/posts/one.html")
        #expect(first.enclosures == ["https://blog.example.org/posts/files/a.pdf"])
        #expect(first.author == "张三, 李四")
        #expect(first.categories == ["finance"])
        #expect(first.summary == "Plain text <not markup>")
        #expect(first.summaryType == .text)
        #expect(first.content == "<p>XHTML <em>content</em> &amp; more</p><img src=\"x.png\">")
        #expect(first.contentType == .html)
        #expect(first.rawPublished == "2024-05-01T10:00:00+08:00")
        #expect(first.rawUpdated == "2024-05-02T10:00:00+08:00")
        let second = feed.entries[1]
        #expect(second.rawPublished == nil)
        #expect(second.rawUpdated == "2024-05-01T03:00:00Z")
        #expect(second.content == "<p>HTML content</p>")
    }

    @Test func atom03() throws {
        let feed = try FeedFixtures.feed("atom03.xml")
        #expect(feed.format == .atom03)
        let entry = try #require(feed.entries.first)
        #expect(entry.rawPublished == "2024-05-01T10:00:00+08:00")
        #expect(entry.rawUpdated == "2024-05-01T03:00:00Z")
        #expect(entry.content == "<p>Escaped</p>")
        #expect(entry.link == "http://old.example.org/1")
    }

    @Test func jsonFeedVersions() throws {
        let feed = try FeedFixtures.feed("jsonfeed11.json")
        #expect(feed.format == .json11)
        #expect(feed.title == "JSON News")
        #expect(feed.entries.count == 2)
        #expect(feed.warnings == ["item 2 is not an object"])
        let first = feed.entries[0]
        #expect(first.id == "1")
        #expect(first.content == "<p>Hi</p>")
        #expect(first.summary == "Short")
        #expect(first.author == "Feed Author")
        #expect(first.rawPublished == "2024-05-01T10:00:00+08:00")
        #expect(first.rawUpdated == "2024-05-02T10:00:00+08:00")
        #expect(first.categories == ["a", "b"])
        #expect(first.images == ["https://json.example.com/1.jpg"])
        #expect(first.enclosures == ["https://json.example.com/1.mp3"])
        let second = feed.entries[1]
        #expect(second.id == "2")
        #expect(second.link == "https://json.example.com/2")
        #expect(second.author == "Item Author")
        #expect(second.contentType == .text)
        #expect(second.bestHTML == "<p>Plain text</p><p>second paragraph</p>")

        let old = try FeedFixtures.feed("jsonfeed10.json")
        #expect(old.format == .json10)
        #expect(old.entries.first?.author == "Old Style")
    }

    @Test func notAFeedIsAnErrorThatSaysWhy() throws {
        #expect(throws: FeedError.self) { try FeedParser.parse("<html><body>hi</body></html>") }
        #expect(throws: FeedError.self) { try FeedParser.parse("just text") }
        #expect(throws: FeedError.self) { try FeedParser.parse("{\"version\": 3") }
        do {
            _ = try FeedParser.parse("<html><body>hi</body></html>")
        } catch {
            #expect(error.message.contains("<html>"))
        }
    }
}

/// Ill-formed feeds still give every recoverable entry, and say what was wrong.
struct IllFormedFeedTests {
    @Test(arguments: [
        ("ill-bare-ampersand.xml", "AT&T & Co", "bare '&'"),
        ("ill-undefined-entities.xml", "A\u{A0}B—C", "undefined entity &nbsp;"),
        ("ill-mismatched-tags.xml", "One", "mismatched end tag"),
        ("ill-garbage-before-root.xml", "One", "skipped <b>"),
        ("ill-truncated.xml", "One", "unclosed element"),
    ])
    func entriesSurviveWithAWarning(file: String, firstTitle: String, warning: String) throws {
        let feed = try FeedFixtures.feed(file)
        #expect(feed.bozo)
        #expect(feed.warnings.contains { $0.contains(warning) }, "\(feed.warnings)")
        #expect(feed.entries.first?.title == firstTitle)
        #expect(feed.entries.count == 2)
        #expect(feed.entries.first?.link == "https://broken.example.com/1")
    }

    @Test func truncatedFeedKeepsTheEntryItWasIn() throws {
        let feed = try FeedFixtures.feed("ill-truncated.xml")
        #expect(feed.entries.map(\.link) == ["https://broken.example.com/1", "https://broken.example.com/2"])
    }

    @Test func unescapedHTMLInADescriptionKeepsItsMarkup() throws {
        let feed = try FeedFixtures.feed("ill-unescaped-html.xml")
        #expect(feed.entries.first?.summary == "<p>Hello <a href=\"https://x.example/\">link</a><br></p>")
    }

    @Test func unclosedItemsAreRecovered() throws {
        let feed = try FeedFixtures.feed("ill-unclosed-item.xml")
        #expect(feed.bozo)
        #expect(feed.entries.map(\.title) == ["One", "Two"])
        #expect(feed.entries.map(\.link) == ["https://u.example.com/1", "https://u.example.com/2"])
        #expect(feed.warnings.contains { $0.contains("unclosed <item>") })
    }

    @Test func entityExpansionAndExternalEntitiesNeverHappen() throws {
        let laughs = try FeedFixtures.feed("ill-billion-laughs.xml")
        // Entities the DTD declares stay as written: never expanded.
        #expect(laughs.title == "&lol9;")
        #expect(laughs.entries.first?.title == "Safe &lol3;")
        #expect(laughs.entries.first?.link == "https://l.example.com/1")
        let xxe = try FeedFixtures.feed("ill-external-entity.xml")
        #expect(xxe.entries.first?.title?.contains("root:") != true)
        #expect(xxe.entries.first?.link == "https://x.example.com/1")
    }
}

/// Real bytes in each encoding, declared, undeclared and mislabelled.
struct FeedEncodingTests {
    static let chinese = "央行宣布降准 释放长期资金约一万亿元"

    @Test(arguments: [
        ("enc-gbk-declared.xml", nil, chinese, "gbk"),
        ("enc-gb2312-declared.xml", nil, chinese, "gbk"),
        ("enc-gb18030-declared.xml", nil, chinese + "𠀀", "gb18030"),
        ("enc-gbk-undeclared.xml", nil, chinese, "gb18030"),
        ("enc-gbk-labelled-utf8.xml", nil, chinese, "gb18030"),
        ("enc-utf8-labelled-gb2312.xml", nil, chinese, "utf-8"),
        ("enc-gbk-transport.xml", "gbk", chinese, "gbk"),
        ("enc-big5.xml", nil, "臺灣股市收盤上漲", "big5"),
        ("enc-shift-jis.xml", nil, "日本銀行が金利を据え置き", "shift_jis"),
        ("enc-windows-1251.xml", nil, "Новости экономики", "windows-1251"),
        ("enc-windows-1252.xml", nil, "Café “quoted” — €5", "windows-1252"),
        ("enc-iso-8859-2.xml", nil, "Łódź zażółć gęślą", "iso-8859-2"),
        ("enc-utf16-bom.xml", nil, chinese, "utf-16le"),
    ] as [(String, String?, String, String)])
    func titleIsDecodedExactly(file: String, charset: String?, title: String, encoding: String) throws {
        let feed = try FeedFixtures.feed(file, charset: charset)
        #expect(feed.title == title)
        #expect(feed.entries.first?.title == title)
        #expect(feed.entries.first?.summary == title)
        #expect(feed.encoding == encoding)
    }

    @Test func mislabelledEncodingIsReported() throws {
        let feed = try FeedFixtures.feed("enc-gbk-labelled-utf8.xml")
        #expect(feed.warnings.contains { $0.contains("does not match the bytes") })
    }
}
