import Foundation
import HTML5Parser
import NewsCore
import Publisher
import Testing

/// The body the import keeps (``Item/cleanBody``) is what posts are made of, and an item archived
/// without one (before bodies were kept) publishes the very same post.
struct CleanStoryTests {
    static let bodies = [
        "<p>正文第一段。</p>\n\n\n<p>第二段 {{ 花括号 }}</p>",
        "<h1>标题</h1><p class=\"u-time\">2024-05-01 来源：新浪</p><p>正文</p>",
        "<pre>line one\n\nline three</pre><p title=\"a\nb\">text</p>",
        "<div class=\"app-download\">下载客户端</div><p><img src=\"/img/logo.png\"><img src=\"https://n.sinaimg.cn/a.jpg\" width=\"600\"></p><p>正文\r\n\r\n继续</p>",
        "<script>alert(1)</script><p onclick=\"x()\">点我</p><iframe src=\"https://evil.example\"></iframe>",
        "",
    ]

    static func item(html: String, ogImage: String? = nil) -> Item {
        var item = HexoPostRendererTests.item(title: "标题", html: html)
        item.ogImage = ogImage
        return item
    }

    /// The key a kept body is checked by, as archives hold it: the cleaner's version, the content hash,
    /// the link and the og:image joined by U+001F, hashed (now hashed without joining them).
    @Test(arguments: [("https://example.com/a", "https://example.com/og.jpg"), (nil, nil), ("https://例子.cn/文章?id=1", nil)])
    func keptBodyKeysAreTheHashOfTheJoinedParts(link: String?, ogImage: String?) {
        var item = Self.item(html: "<p>正文 🇨🇳 e\u{301}</p>", ogImage: ogImage)
        item.link = link
        let joined = "\(CleanStory.cleanerVersion)\u{1F}\(item.contentHash)\u{1F}\(link ?? "")\u{1F}\(ogImage ?? "")"
        #expect(CleanStory.key(for: item) == StableHash.hex(joined))
    }

    /// The item as the import stores it: with the body cleaned from its parsed HTML.
    static func imported(_ item: Item) -> Item {
        var imported = item
        imported.cleanBody = CleanStory.cleanBody(of: item, cleaning: HTMLParser.parseFragment(item.html, context: "div"))
        return imported
    }

    @Test(arguments: bodies)
    func anItemArchivedWithoutACleanBodyPublishesTheSamePost(html: String) {
        let item = Self.item(html: html, ogImage: "https://example.com/og.jpg")
        let renderer = HexoPostRendererTests.renderer
        #expect(renderer.render(item, source: HexoPostRendererTests.source)
            == renderer.render(Self.imported(item), source: HexoPostRendererTests.source))
    }

    @Test func theKeptBodyIsWhatThePostIsMadeOf() {
        var item = Self.item(html: "<p>the feed's text</p>")
        item.cleanBody = CleanBody(html: "<p>kept at import</p>", headImage: "https://example.com/kept.jpg",
                                   key: CleanStory.key(for: item))
        let post = HexoPostRendererTests.renderer.render(item, source: HexoPostRendererTests.source)
        #expect(post.contains("<div>\n<p>kept at import</p>\n</div>"))
        #expect(post.contains("headimg: 'https://example.com/kept.jpg'"))
        #expect(!post.contains("the feed's text"))
    }

    @Test func aBodyKeptForAnotherVersionOfTheItemIsCleanedAgain() {
        let before = Self.imported(Self.item(html: "<p>first text</p>"))
        var rewritten = before
        rewritten.html = "<p>second text</p>"
        rewritten.contentHash = Item.contentHash(title: rewritten.title, html: rewritten.html)
        #expect(CleanStory(rewritten).html == "<p>second text</p>")
        var moved = before
        moved.link = "https://example.com/moved"
        var reimaged = before
        reimaged.ogImage = "https://example.com/other.jpg"
        #expect(CleanStory(reimaged).headImage == "https://example.com/other.jpg")
        for other in [rewritten, moved, reimaged] {
            #expect(CleanStory.key(for: other) != before.cleanBody?.key)
        }
    }
}
