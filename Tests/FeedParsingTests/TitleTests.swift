import Foundation
import NewsCore
import Testing

@testable import FeedParsing

/// Issue 12, item 11: titles are read by their format's rules, and decoded once. Atom says what a
/// title is (`type`); an RSS title is HTML when it looks like HTML, as feedparser decides, and its
/// text is the title. The expectations are the text of feedparser 6's `entry.title` for the same
/// feed (run by hand, recorded in the commit message).
struct TitleTests {
    static func rssTitle(_ raw: String) throws -> String? {
        let feed = try FeedParser.parse("<rss version=\"2.0\"><channel><title>c</title><item><title>\(raw)</title></item></channel></rss>")
        return feed.entries.first?.title
    }

    static func atomTitle(_ raw: String, type: String?) throws -> String? {
        let attribute = type.map { " type=\"\($0)\"" } ?? ""
        let feed = try FeedParser.parse(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>c</title><entry><title\(attribute)>\(raw)</title></entry></feed>")
        return feed.entries.first?.title
    }

    @Test(arguments: [
        ("Why &lt;script&gt; tags matter", "Why <script> tags matter"),
        ("&amp;lt;b&amp;gt; is bold", "<b> is bold"),
        ("<![CDATA[Why <script> tags matter]]>", "Why <script> tags matter"),
        ("<![CDATA[<b>Bold</b> news]]>", "Bold news"),
        ("&lt;b&gt;Bold&lt;/b&gt; news", "Bold news"),
        ("A &amp; B", "A & B"),
        ("A &amp;amp; B", "A & B"),
        ("5 &lt; 6 and 7 &gt; 3", "5 < 6 and 7 > 3"),
        ("Tom &amp; Jerry&#39;s", "Tom & Jerry's"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;Title", "<script>alert(1)</script>Title"),
        ("x &lt;img src=x onerror=alert(1)&gt; y", "x <img src=x onerror=alert(1)> y"),
        ("AT&amp;T &lt;3 &amp;unknown; fans", "AT&T <3 &unknown; fans"),
        ("新浪财经&lt;快讯&gt;", "新浪财经<快讯>"),
    ])
    func rssTitlesAreHTMLOnlyWhenTheyLookLikeIt(raw: String, expected: String) throws {
        #expect(try Self.rssTitle(raw) == expected)
    }

    @Test(arguments: [
        ("Why &lt;script&gt; tags matter", "text", "Why <script> tags matter"),
        ("&amp;lt;b&amp;gt;", "text", "&lt;b&gt;"),
        ("Why &lt;script&gt; tags matter", nil, "Why <script> tags matter"),
        ("Why &lt;script&gt; tags matter", "html", "Why"),
        ("&lt;b&gt;Bold&lt;/b&gt; news", "html", "Bold news"),
        ("&amp;lt;b&amp;gt;", "html", "<b>"),
        ("A &amp;amp; B", "html", "A & B"),
        ("<div xmlns=\"http://www.w3.org/1999/xhtml\">Why &lt;script&gt; <b>tags</b> matter</div>", "xhtml", "Why <script> tags matter"),
    ] as [(String, String?, String)])
    func atomTitlesFollowTheirType(raw: String, type: String?, expected: String) throws {
        #expect(try Self.atomTitle(raw, type: type) == expected)
    }

    @Test func jsonFeedTitlesArePlainText() throws {
        let feed = try FeedParser.parse(#"{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "title": "Why &lt;b&gt; &amp; <i>"}]}"#)
        #expect(feed.entries.first?.title == "Why &lt;b&gt; &amp; <i>")
    }
}
