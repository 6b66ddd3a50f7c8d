import Foundation
import NewsCore
import Publisher
import Testing
import Yams

struct HexoPostRendererTests {
    static let source = Source(group: "金融", site: "新浪财经", channel: "新浪财经－国內", url: "file:///feed.xml",
                               timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    static func item(title: String, html: String = "<p>正文</p>", link: String? = "https://example.com/a") -> Item {
        Item(key: "id:\(title)", sourceKey: source.key, title: title, link: link,
             date: Date(timeIntervalSince1970: 1_658_580_053), dateOrigin: .feed,
             firstSeen: Date(timeIntervalSince1970: 1_658_580_053), author: nil, html: html)
    }

    static func frontMatter(_ post: String) throws -> [String: Any] {
        let yaml = post.components(separatedBy: "\n---\n")[0].dropFirst(4)
        return try #require(try Yams.load(yaml: String(yaml)) as? [String: Any])
    }

    static let renderer = HexoPostRenderer(options: HexoOptions(directory: URL(fileURLWithPath: "/tmp")))

    @Test(arguments: [
        "[快讯] 标题", "*重要* 消息", "&符号开头", "!感叹", "%百分比", "@提及", "'单引号' 开头", "\"双引号\" 开头",
        "标题: 冒号后有空格", "标题 #井号", "12345", "3.14", "2024-05-01", "true", "null", "yes", "~",
        "- 列表样", "{花括号}", "| 竖线", "> 大于", "含有 'quote' 和 \"dq\" 的标题", "反斜杠 \\n 不是换行",
    ])
    func troublesomeTitlesSurviveAYAMLRoundTrip(title: String) throws {
        let post = Self.renderer.render(Self.item(title: title), source: Self.source)
        let front = try Self.frontMatter(post)
        #expect(front["title"] as? String == title)
    }

    /// Site names are written plain when YAML reads them back as the same string: reserved words in
    /// any case are quoted (a check that skips lowercasing long names must still catch them).
    @Test(arguments: ["true", "True", "FALSE", "Yes", "nO", "ON", "off", "Y", "n", "NULL", "Null", "~", ".NaN", ".Inf", "-.INF",
                      "+.inf", "新浪财经", "Reuters", "A very long site name"])
    func siteNamesReadBackAsWritten(site: String) throws {
        let source = Source(group: "G", site: site, channel: "C", url: "file:///feed.xml", timeZone: Self.source.timeZone)
        let post = Self.renderer.render(Self.item(title: "T"), source: source)
        let front = try Self.frontMatter(post)
        #expect(front["author"] as? String == site)
        #expect((front["categories"] as? [Any])?.compactMap { $0 as? String } == ["G", site, "C"])
    }

    @Test func titlesWithLineBreaksBecomeOneLine() throws {
        let post = Self.renderer.render(Self.item(title: "第一行\n第二行"), source: Self.source)
        #expect(try Self.frontMatter(post)["title"] as? String == "第一行 第二行")
    }

    @Test func frontMatterKeysComeInTheSamplesOrder() {
        let post = Self.renderer.render(Self.item(title: "T"), source: Self.source)
        let keys = post.split(separator: "\n").prefix(12).compactMap { line -> String? in
            guard !line.hasPrefix(" "), let colon = line.firstIndex(of: ":") else { return nil }
            return String(line[..<colon])
        }
        #expect(keys == ["title", "categories", "headimg", "author", "comments", "date", "thumbnail"])
        #expect(post.contains("\ndate: Sat, 23 Jul 2022 12:40:53 GMT\n"))
    }

    @Test func localDateStyleUsesTheConfiguredZone() {
        let options = HexoOptions(directory: URL(fileURLWithPath: "/tmp"),
                                  dateStyle: .local(TimeZone(identifier: "Asia/Shanghai")!))
        let post = HexoPostRenderer(options: options).render(Self.item(title: "T"), source: Self.source)
        #expect(post.contains("\ndate: 2022-07-23 20:40:53\n"))
    }

    @Test func bracesInTheBodyBecomeCharacterReferences() {
        let post = Self.renderer.render(Self.item(title: "T", html: "<p>{{ x }} and {% raw %}</p>"), source: Self.source)
        #expect(post.contains("&#123;&#123; x &#125;&#125; and &#123;% raw %&#125;"))
        #expect(!post.contains("{"))
    }

    @Test func placeholderIsStableAndDerivedFromTheItem() throws {
        let first = try Self.frontMatter(Self.renderer.render(Self.item(title: "A"), source: Self.source))
        let again = try Self.frontMatter(Self.renderer.render(Self.item(title: "A"), source: Self.source))
        let other = try Self.frontMatter(Self.renderer.render(Self.item(title: "B"), source: Self.source))
        #expect(first["headimg"] as? String == again["headimg"] as? String)
        #expect(first["headimg"] as? String != other["headimg"] as? String)
        #expect((first["headimg"] as? String)?.hasPrefix("https://picsum.photos/seed/") == true)
    }

    @Test func everySeedMarkerOfAPlaceholderTemplateIsReplaced() throws {
        func headImage(_ template: String) throws -> String? {
            let renderer = HexoPostRenderer(options: HexoOptions(directory: URL(fileURLWithPath: "/tmp/posts"), placeholderTemplate: template))
            return try Self.frontMatter(renderer.render(Self.item(title: "A"), source: Self.source))["headimg"] as? String
        }
        let seed = try #require(headImage("S{seed}E")?.dropFirst().dropLast())
        #expect(!seed.isEmpty && seed.allSatisfy(\.isNumber))
        for template in ["https://x.example/{seed}/{seed}.jpg", "{seed}", "{seed}{seed}", "no marker", "{se{seed}ed}", "{seed",
                         "https://图片.example/{seed}.png", "}{seed}{"] {
            #expect(try headImage(template) == template.replacingOccurrences(of: "{seed}", with: String(seed)), "\(template)")
        }
    }

    @Test func headImageSkipsQRCodesLogosAndPixels() throws {
        let html = """
            <p><img src="https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png"></p>
            <p><img src="https://cdn.example.com/site-logo.png"><img src="https://t.example.com/p.gif" width="1" height="1"></p>
            <p><img src="https://cdn.example.com/photo.jpg" width="600"></p>
            """
        let front = try Self.frontMatter(Self.renderer.render(Self.item(title: "T", html: html), source: Self.source))
        #expect(front["headimg"] as? String == "https://cdn.example.com/photo.jpg")
    }

    @Test func ogImageIsUsedWhenTheBodyHasNoImage() throws {
        var item = Self.item(title: "T")
        item.ogImage = "https://cdn.example.com/og.jpg"
        let front = try Self.frontMatter(Self.renderer.render(item, source: Self.source))
        #expect(front["headimg"] as? String == "https://cdn.example.com/og.jpg")
    }
}

struct ArticleBodyCleanerTests {
    func clean(_ html: String, title: String = "标题") -> String {
        ArticleBodyCleaner(title: title, baseURL: "https://news.example.com/a/b.html").clean(html)
    }

    @Test func hostileMarkupIsNeutralised() {
        let html = """
            <p onclick="steal()">段落<a href="javascript:alert(1)">链接</a><a href=" JaVaScRiPt:alert(1)">2</a></p>
            <img src=x onerror=alert(1)><script>alert(1)</script><iframe srcdoc="<script>x</script>"></iframe>
            <svg><a xlink:href="javascript:alert(1)">s</a></svg><form action="javascript:x"><input></form>
            """
        let cleaned = clean(html)
        for needle in ["onclick", "onerror", "javascript", "<script", "srcdoc", "<form", "<input"] {
            #expect(!cleaned.lowercased().contains(needle), "still contains \(needle): \(cleaned)")
        }
        #expect(cleaned.contains("段落"))
    }

    @Test func repeatedTitleAndItsHeaderGo() {
        let html = "<div class=top><h1> 标 题 </h1><p>来源 2021-04-10</p></div><p>正文第一段</p>"
        let cleaned = clean(html)
        #expect(!cleaned.contains("<h1"))
        #expect(!cleaned.contains("来源"))
        #expect(cleaned.contains("正文第一段"))
    }

    @Test func imagesAreResolvedAndMarkedNoReferrer() {
        let cleaned = clean("<p><img src=/img/1.jpg><img data-src=//cdn.example.com/2.jpg src=data:image/gif;base64,R0></p>")
        #expect(cleaned.contains("src=\"https://news.example.com/img/1.jpg\" referrerpolicy=\"no-referrer\""))
        #expect(cleaned.contains("src=\"https://cdn.example.com/2.jpg\""))
    }

    @Test func articleTextAndImagesSurvive() {
        let html = "<p>一</p><div><p>二 <b>粗</b></p><img src=https://e.com/x.jpg></div><!-- c --><p></p>"
        let cleaned = clean(html)
        #expect(cleaned == "<p>一</p><div><p>二 <b>粗</b></p><img src=\"https://e.com/x.jpg\" referrerpolicy=\"no-referrer\" loading=\"lazy\"></div>")
    }
}
