import NewsCore
import Testing

struct ItemIdentityTests {
    @Test(arguments: [
        ("HTTP://News.Example.COM:80/a/b?x=1#frag", "http://news.example.com/a/b?x=1"),
        ("https://news.example.com:443/a", "https://news.example.com/a"),
        ("https://news.example.com:8443/a", "https://news.example.com:8443/a"),
        ("https://e.example/a?utm_source=rss&id=7&UTM_medium=feed", "https://e.example/a?id=7"),
        ("https://e.example/a?utm_source=rss", "https://e.example/a"),
        ("https://e.example", "https://e.example/"),
        ("  https://e.example/Path/Keeps/Case  ", "https://e.example/Path/Keeps/Case"),
    ])
    func linksNormaliseForDeduplication(link: String, expected: String) {
        #expect(LinkNormalizer.normalize(link) == expected)
    }

    @Test func identityPrefersIdThenLinkThenContentHash() {
        let withID = FeedEntry(id: " guid-1 ", title: "t", link: "https://e.example/1")
        #expect(ItemIdentity.key(for: withID, sourceKey: "s") == "id:s:guid-1")
        let withURLGuid = FeedEntry(id: "https://e.example/1", title: "t", link: "https://e.example/1")
        #expect(ItemIdentity.key(for: withURLGuid, sourceKey: "s") == "id:https://e.example/1")
        let withLink = FeedEntry(title: "t", link: "HTTPS://E.example/1?utm_campaign=x#top")
        #expect(ItemIdentity.key(for: withLink, sourceKey: "s") == "link:https://e.example/1")
        let bare = FeedEntry(title: "t", summary: "<p>body</p>")
        let key = ItemIdentity.key(for: bare, sourceKey: "s")
        #expect(key.hasPrefix("hash:s:"))
        #expect(ItemIdentity.key(for: bare, sourceKey: "s") == key)
        #expect(ItemIdentity.key(for: FeedEntry(title: "t", summary: "<p>other</p>"), sourceKey: "s") != key)
    }

    /// A guid that is not a URL only means something in its own feed: two sources that both call an
    /// item `1` have two items. URLs name the story wherever it appears.
    @Test func guidsThatAreNotURLsAreScopedBySource() {
        let entry = FeedEntry(id: "1", title: "t", link: "https://a.example/1")
        #expect(ItemIdentity.key(for: entry, sourceKey: "a") != ItemIdentity.key(for: entry, sourceKey: "b"))
        let urlGuid = FeedEntry(id: "HTTPS://news.example/story", title: "t")
        #expect(ItemIdentity.key(for: urlGuid, sourceKey: "a") == ItemIdentity.key(for: urlGuid, sourceKey: "b"))
        #expect(ItemIdentity.unscopedKey("id:a:1", sourceKey: "a") == "id:1")
        #expect(ItemIdentity.unscopedKey("id:https://news.example/story", sourceKey: "a") == nil)
        #expect(ItemIdentity.copyKey("link:https://x.example/", sourceKey: "b") != "link:https://x.example/")
    }
}
