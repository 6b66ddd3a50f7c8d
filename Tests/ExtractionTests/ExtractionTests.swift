@testable import Extraction
import Foundation
import Testing

struct ExtractionTests {
    static func page(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/pages/\(name)"))
        return [UInt8](try Data(contentsOf: url))
    }

    /// `count` paragraphs of plain article prose, for pages built around one thing under test.
    static func storyParagraphs(_ count: Int) -> [String] {
        (1...count).map { "<p>Paragraph \($0) of the story, long enough to count as article text, with commas, and a full stop.</p>" }
    }

    static let extractor = ArticleExtractor(now: ISO8601DateFormatter().date(from: "2024-05-02T04:00:00Z")!)

    @Test func sinaPageWithAnAdInTheMiddleOfASentence() throws {
        let article = Self.extractor.extract(try Self.page("sina-chanye-2005.html"), url: "http://chanye.finance.sina.com.cn/sm/2005-03-21/244339.shtml")
        // A 2005 page predates #artibody: the rule does not match, and the generic scorer takes over.
        #expect(article.method == .staleRule(host: "finance.sina.com.cn"))
        #expect(article.title == "四年前中500万现穷困潦倒 一夜暴富后如何经营")
        #expect(article.published == ISO8601DateFormatter().date(from: "2005-03-21T03:21:00Z"))  // 11:21 Beijing time
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.first?.hasPrefix("人生如戏。一夜之间，它可以让一个穷光蛋成为百万富翁") == true)
        #expect(article.text.contains("意外地获得了500万元的体彩大奖"), "the ad table inside the sentence neither splits nor leaks into it")
        #expect(article.text.contains("如果我能再得一次500万大奖，山庄的运作就不愁资金了。"))
        #expect(!article.text.contains("产经资讯"), "breadcrumbs stay out")
        #expect(!article.text.contains("企业邮箱"))
        #expect(!article.text.hasPrefix(article.title ?? "-"), "no title line")
    }

    @Test func englishNewsPageWithTheGenericScorer() throws {
        let article = Self.extractor.extract(try Self.page("aljazeera-moon-2019.html"))
        #expect(article.method == .generic)
        #expect("\(article.method)" == "generic")
        #expect(article.title == "NASA’s commercial moon shot: Musk's and Bezos's firms to bid")
        #expect(article.published == ISO8601DateFormatter().date(from: "2019-11-19T07:09:00Z"))
        #expect(article.url == "https://www.aljazeera.com/ajimpact/nasas-commercial-moon-shot-musk-bezos-firms-bid-191119041538885.html")
        #expect(article.description == "NASA’s sights are set on landing on our Moon and Mars, but Jupiter’s moon Europa may have the ingredients for life.")
        #expect(article.text.hasPrefix("Washington, DC, United States: Getting to the Moon, while not easy, has been done."))
        #expect(article.text.contains("Jeff Bezos’s Blue Origin and Elon Musk’s SpaceX"))
        #expect(article.text.hasSuffix("The small players bring an agility and creativity that adds to the mix.”"))
        #expect(!article.text.contains("Subscribe"))
    }

    @Test func siteRulesFindBodyDateBylinesAndDropTheirBoilerplate() {
        let sina = """
            <html><head><title>央行降准_新浪财经_新浪网</title></head><body>
            <h1 class="main-title">央行降准</h1><div class="date-source"><span class="date">2024年05月01日 10:00</span></div>
            <div id="artibody"><p>　　新浪财经讯 记者 张三 报道，中国人民银行今日宣布下调存款准备金率。</p>
            <div class="app-qrcode"><img src="qr.png">新浪财经APP 扫码下载</div>
            <p>　　此次降准释放长期资金约一万亿元，有助于保持流动性合理充裕。</p>
            <p class="article-editor">责任编辑：李四</p></div>
            <div class="related"><a href="/x">相关阅读</a></div></body></html>
            """
        let article = Self.extractor.extract(html: sina, url: "https://finance.sina.com.cn/china/2024-05-01/doc-1.shtml")
        #expect(article.method == .siteRule(host: "finance.sina.com.cn"))
        #expect(article.title == "央行降准")
        #expect(article.published == ISO8601DateFormatter().date(from: "2024-05-01T02:00:00Z"))
        #expect(article.authors == ["张三"])
        #expect(article.editor == "李四")
        #expect(article.text == "新浪财经讯 记者 张三 报道，中国人民银行今日宣布下调存款准备金率。\n\n此次降准释放长期资金约一万亿元，有助于保持流动性合理充裕。")

        let nbd = """
            <html><head><title>工业互联网平台创新合作中心正式成立 - 每日经济新闻</title></head><body>
            <div class="g-article-top"><h1>工业互联网平台创新合作中心正式成立</h1>
            <p class="u-time"><span class="time">2021-04-10 23:49:51</span></p></div>
            <div class="g-articl-text"><p>每经记者 王五 每经编辑 赵六</p><p>4月10日，工业互联网平台创新合作中心在北京正式成立，首批成员单位超过一百家。</p>
            <p>封面图片来源：视觉中国</p></div></body></html>
            """
        let nbdArticle = Self.extractor.extract(html: nbd, url: "http://www.nbd.com.cn/articles/2021-04-10/1696541.html")
        #expect(nbdArticle.method == .siteRule(host: "nbd.com.cn"))
        #expect("\(nbdArticle.method)" == "site rule nbd.com.cn", "the text the extract command prints")
        #expect(nbdArticle.published == ISO8601DateFormatter().date(from: "2021-04-10T15:49:51Z"))
        #expect(nbdArticle.authors == ["王五"])
        #expect(nbdArticle.editor == "赵六")
        #expect(nbdArticle.text.contains("首批成员单位超过一百家"))
    }

    @Test func aRuleThatNoLongerMatchesFallsBackAndSaysSo() {
        let page = """
            <html><body><div class="new-layout"><p>这是一篇新版面的文章，正文内容足够长，包含多个句子。第二句话也在这里。第三句话说明情况。</p>
            <p>第二段同样有足够的文字，用来让通用提取器找到正文所在的容器，并且包含逗号，句号。</p></div></body></html>
            """
        let article = Self.extractor.extract(html: page, url: "https://finance.sina.com.cn/x.shtml")
        #expect(article.method == .staleRule(host: "finance.sina.com.cn"))
        #expect(article.staleRule == "finance.sina.com.cn")
        #expect("\(article.method)" == "generic (the finance.sina.com.cn rule's body selectors match nothing: the page layout changed)")
        #expect(article.text.contains("第二段同样有足够的文字"))
    }

    @Test func aCaptionPrintedTwiceInARowIsReadOnceButFarRepeatsStay() {
        let caption = "In this Sunday, Nov. 10, 2019, photograph, a long row of unsold sports-utility vehicles sits at a dealership."
        let dish = "Asian Chicken Zoodles with one cup of zucchini noodles sautéed using a teaspoon of sesame oil, and chicken."
        let filler = Self.storyParagraphs(4)
        let page = """
            <html><body><article><figure><img src="a.jpg"><figcaption>\(caption)</figcaption></figure><p>\(caption)</p>
            <p>\(dish)</p>\(filler.joined())<p>\(dish)</p></article></body></html>
            """
        let text = Self.extractor.extract(html: page).text
        #expect(text.components(separatedBy: caption).count == 2, "the caption once: \(text)")
        #expect(text.components(separatedBy: dish).count == 3, "the dish both times")
    }

    @Test func photoCreditsAndGalleryControlsAreNotText() {
        let paragraphs = Self.storyParagraphs(4)
        let page = """
            <html><body><div class="article-body"><div class="gallery"><img src="a.jpg"><span class="credit">Photo: Hau Dinh, AP</span>
            <div class="control-bar"><p>Caption</p><p>Close</p></div></div>\(paragraphs.joined())</div></body></html>
            """
        let text = Self.extractor.extract(html: page).text
        #expect(text.contains("Paragraph 4 of the story"))
        #expect(!text.contains("Hau Dinh") && !text.contains("Close"))
    }

    /// Only what is hidden inline goes: a style or the hidden attribute; a class or aria-hidden says nothing
    /// about what a reader sees.
    @Test func onlyElementsHiddenInlineAreDropped() {
        let paragraphs = Self.storyParagraphs(3)
        let page = """
            <html><body><article>\(paragraphs.joined())
            <p style="display: NONE">Styled away.</p><p hidden>Hidden by attribute.</p><div style="visibility:hidden">Invisible.</div>
            <p class="hidden">Kept despite its class, because only a stylesheet could hide it.</p>
            <p aria-hidden="true">Kept: aria-hidden hides it from screen readers, not from the page.</p></article></body></html>
            """
        let text = Self.extractor.extract(html: page).text
        #expect(!text.contains("Styled away") && !text.contains("Hidden by attribute") && !text.contains("Invisible"))
        #expect(text.contains("Kept despite its class") && text.contains("Kept: aria-hidden"))
    }

    @Test(arguments: [("社会资本与再就业(页 1)", "社会资本与再就业"), ("年度报告（第2页）", "年度报告"), ("Annual report (Page 3)", "Annual report"),
                      ("Apple (AAPL) results", "Apple (AAPL) results"), ("中国移动(600941)", "中国移动(600941)")])
    func aTitlesPageMarkerGoes(title: String, expected: String) {
        #expect(MetadataReader.withoutPageMarker(title) == expected)
    }

    /// The lead image is never the site's logo or the app's QR code, even when the page declares it.
    @Test(arguments: ["https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png", "https://example.com/static/site-logo.png"])
    func aDeclaredLogoOrQRCodeIsNoLeadImage(declared: String) {
        let paragraphs = Self.storyParagraphs(3)
        let page = """
            <html><head><meta property="og:image" content="\(declared)"></head><body><article>
            <p><img src="/img/qrcode-app.png" width="300" height="300"></p><p><img src="/img/tiny.png" width="40" height="40"></p>
            <figure><img src="/img/flood.jpg" width="800" height="450"><figcaption>The river at dawn.</figcaption></figure>
            \(paragraphs.joined())</article></body></html>
            """
        let article = Self.extractor.extract(html: page, url: "https://news.example.com/a/1.html")
        #expect(article.leadImage == "https://news.example.com/img/flood.jpg")
    }
}
