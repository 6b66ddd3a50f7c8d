import Foundation
import NewsConfig
import NewsCore
import Testing

/// `type: html` and `type: json` sources in the configuration: their `list:` mapping, and the
/// mistakes a hand-written one can hold, each named by its key.
struct ListSourceConfigTests {
    static func yaml(_ sources: String) -> String {
        """
        outputs:
          - format: hexo
            dir: out
        groups:
          - name: g
            sources:
        \(sources)
        """
    }

    @Test func htmlAndJSONSourcesGiveTheirListings() throws {
        let config = try ConfigLoaderTests.load(Self.yaml("""
                  - site: 列表
                    url: https://news.example.com/roll/
                    type: html
                    list:
                      items: ul.list > li
                      title: a.title
                      link: a.title@href
                      date: .time
                      next: a.next
                      pages: 3
                  - site: 滚动
                    url: https://news.example.com/roll.json?callback=cb
                    type: json
                    list:
                      title: result.data[].title
                      link: result.data[].url
                      date: result.data[].ctime
                  - site: 订阅
                    url: https://news.example.com/feed
            """))
        let listings = config.sources.map(\.listing)
        #expect(listings[0] == SourceListing(kind: .html, items: "ul.list > li", title: "a.title", link: "a.title@href",
                                             date: ".time", next: "a.next", pages: 3))
        #expect(listings[1]?.kind == .json)
        #expect(listings[1]?.title == "result.data[].title")
        #expect(listings[2] == nil)
    }

    @Test(arguments: [
        ("type: rss", "sources[0].type", "expected feed, html or json"),
        ("type: html", "sources[0].list", "needs a list mapping"),
        ("type: html\nlist:\n  title: a", "list.items", "needs an items selector"),
        ("type: html\nlist:\n  items: 'li['", "list.items", "selector"),
        ("type: json\nlist:\n  title: data.title", "list.title", "has no `[]`"),
        ("type: json\nlist:\n  title: data[].title\n  link: other[].url", "list.link", "not inside the items array"),
        ("list:\n  items: li", "sources[0].list", "list is for sources of type html or json"),
    ])
    func mistakesAreNamedByTheirKey(lines: String, key: String, message: String) throws {
        let indented = lines.split(separator: "\n", omittingEmptySubsequences: false).map { "        " + $0 }.joined(separator: "\n")
        do {
            _ = try ConfigLoaderTests.load(Self.yaml("""
                      - site: s
                        url: https://news.example.com/
                \(indented)
                """))
            Issue.record("no error for \(lines)")
        } catch let errors as ConfigErrors {
            #expect(errors.errors.contains { "\($0)".contains(key) && "\($0)".contains(message) }, "\(errors)")
        }
    }
}
