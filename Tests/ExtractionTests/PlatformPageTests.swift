@testable import Extraction
import Foundation
import Testing

/// Pages laid out as the big platforms lay them out (WeChat official-account articles, new.qq.com,
/// 163.com's 网易号): the article and nothing of the page around it. The texts are our own; the
/// structure (ids, classes, inline styles) is the platforms'.
struct PlatformPageTests {
    static let extractor = ArticleExtractor(now: ISO8601DateFormatter().date(from: "2024-05-02T04:00:00Z")!)

    static let paragraphs = [
        "今年一季度，全国规模以上工业企业实现利润总额同比增长，制造业利润改善明显，其中高技术制造业表现突出。",
        "分行业看，电子设备、汽车和通用设备行业的利润增速较快，而部分原材料行业仍承受价格下行的压力。",
        "业内人士表示，随着稳增长政策持续发力，工业企业利润有望继续恢复，但外需的不确定性仍需关注。",
        "从企业类型看，私营企业和外商投资企业的利润增速均高于平均水平，显示市场信心正在逐步修复。",
    ]

    /// A WeChat article: `#js_content` is hidden inline until the page's script runs.
    static func weChatPage(hiddenBy style: String) -> String {
        let body = paragraphs.map { "<section style=\"margin: 0 8px;\"><p><span style=\"font-size: 15px;\">\($0)</span></p></section>" }
        return """
            <!DOCTYPE html><html><head><meta charset="utf-8">
            <meta property="og:title" content="一季度工业企业利润回升"><meta property="og:site_name" content="微信公众平台">
            <title>一季度工业企业利润回升</title></head>
            <body id="activity-detail" class="zh_CN mm_appmsg">
            <div id="js_article" class="rich_media"><div class="rich_media_inner"><div id="page-content" class="rich_media_area_primary">
            <div class="rich_media_area_primary_inner"><div id="img-content" class="rich_media_wrp">
            <h1 class="rich_media_title" id="activity-name">一季度工业企业利润回升</h1>
            <div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_text">财经观察</span>
            <span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a href="javascript:void(0);" id="js_name">经济日报</a></span>
            <em id="publish_time" class="rich_media_meta rich_media_meta_text"></em></div>
            <div class="rich_media_content" id="js_content" style="\(style)">\(body.joined(separator: "\n"))
            <p style="text-align: center;"><img data-src="https://mmbiz.qpic.cn/mmbiz_jpg/example/640?wx_fmt=jpeg" class="rich_pages wxw-img"></p></div>
            <div class="rich_media_tool" id="js_toobar3"><div class="media_tool_meta"><a href="#">阅读原文</a></div></div>
            </div></div></div></div></div>
            <div id="js_pc_qr_code" class="qr_code_pc_outer" style="display:none;"><div class="qr_code_pc_inner"><div class="qr_code_pc">
            <p>微信扫一扫<br>关注该公众号</p></div></div></div>
            <script nonce="1">var ct = "1714528800"; var msg_title = "一季度工业企业利润回升";</script>
            </body></html>
            """
    }

    static let hidingStyles = ["visibility: hidden;", "visibility: hidden; opacity: 0;", "opacity: 0; visibility:hidden",
                               "display: none;"]

    @Test(arguments: hidingStyles)
    func weChatBodyHiddenUntilItsScriptRunsIsTheArticle(style: String) {
        for url in ["https://mp.weixin.qq.com/s/AbCdEf123", nil] as [String?] {
            let article = Self.extractor.extract(html: Self.weChatPage(hiddenBy: style), url: url)
            for paragraph in Self.paragraphs { #expect(article.text.contains(paragraph), "\(url ?? "no URL"): \(article.text)") }
            #expect(!article.text.contains("微信扫一扫") && !article.text.contains("阅读原文"))
            #expect(article.title == "一季度工业企业利润回升")
        }
    }

    @Test func weChatArticleHasItsRuleAndItsDate() {
        let article = Self.extractor.extract(html: Self.weChatPage(hiddenBy: "visibility: hidden;"), url: "https://mp.weixin.qq.com/s/AbCdEf123")
        #expect(article.method == .siteRule(host: "mp.weixin.qq.com"))
        #expect(article.published == Date(timeIntervalSince1970: 1_714_528_800))
    }

    /// Small hidden things (a share dialog, a QR code) still go, even beside a hidden article.
    @Test func smallHiddenBlocksStillGo() {
        let page = """
            <html><body><div style="visibility:hidden" class="share_dialog"><p>分享到朋友圈，让更多人看到这篇文章的精彩内容。</p></div>
            <article>\(Self.paragraphs.map { "<p>\($0)</p>" }.joined())</article></body></html>
            """
        let text = Self.extractor.extract(html: page).text
        #expect(!text.contains("分享到朋友圈"))
        #expect(text.contains(Self.paragraphs[0]))
    }

    /// new.qq.com: the article in `.content-article`, with related news, the account card and the
    /// comment prompt around it and inside it.
    @Test func newQQComPageKeepsOnlyTheArticle() {
        let page = """
            <html><head><title>一季度工业企业利润回升_腾讯新闻</title></head><body>
            <div class="qq_conent clearfix"><div class="LEFT"><h1>一季度工业企业利润回升</h1>
            <div class="content clearfix"><div class="content-article">
            \(Self.paragraphs.map { "<p class=\"one-p\">\($0)</p>" }.joined())
            <div class="qnt-related"><p>推荐阅读：国家统计局：4月份CPI同比上涨，市场预期保持稳定，消费持续恢复。</p></div>
            </div><div id="Status"></div>
            <div class="author-card"><p>经济日报</p><p>专注财经报道，每日推送最新的经济新闻和深度分析，欢迎关注我们的账号。</p></div>
            <div class="comment-prompt"><p>说说你的看法，发表评论，和网友一起讨论今天的热点新闻事件吧。</p></div>
            </div></div><div class="RIGHT"><div class="hot-news"><p>热点精选：多地出台楼市新政，购房门槛进一步降低，市场成交有所回暖。</p></div></div></div>
            </body></html>
            """
        let article = Self.extractor.extract(html: page, url: "https://new.qq.com/rain/a/20240501A01ABC00")
        #expect(article.method == .siteRule(host: "new.qq.com"))
        for paragraph in Self.paragraphs { #expect(article.text.contains(paragraph)) }
        for extra in ["推荐阅读", "专注财经报道", "说说你的看法", "热点精选"] { #expect(!article.text.contains(extra), "\(extra)") }
    }

    /// 163.com 网易号 (`/dy/article/…`): `.post_body` holds the article; the statement, the share bar
    /// and the editor line after it are the page's.
    @Test func netEaseAccountPageKeepsOnlyTheArticle() {
        let page = """
            <html><head><title>一季度工业企业利润回升|利润|制造业_网易订阅</title></head><body>
            <div class="post_main"><h1 class="post_title">一季度工业企业利润回升</h1>
            <div class="post_info">2024-05-01 10:00:00　来源: <a href="#">经济日报</a></div>
            <div class="post_content"><div class="post_body">
            \(Self.paragraphs.map { "<p id=\"\(UUID().uuidString.prefix(8))\">\($0)</p>" }.joined())
            <div class="post_statement"><p>特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。</p></div>
            </div>
            <div class="post_btmshare"><p>分享到：微信 微博 QQ空间，让更多的朋友看到这篇精彩的文章吧。</p></div>
            <div class="post_next"><p>下一篇：4月份制造业采购经理指数继续保持在扩张区间，经济回升向好。</p></div>
            </div></div>
            <div class="post_side"><div class="post_side_mod"><p>热门推荐：这些城市的房价开始回升了，专家分析背后的原因和未来走势。</p></div></div>
            </body></html>
            """
        let article = Self.extractor.extract(html: page, url: "https://www.163.com/dy/article/J0ABCDEF0512B07B.html")
        #expect(article.method == .siteRule(host: "163.com"))
        for paragraph in Self.paragraphs { #expect(article.text.contains(paragraph)) }
        for extra in ["特别声明", "分享到", "下一篇", "热门推荐"] { #expect(!article.text.contains(extra), "\(extra)") }
        #expect(article.published == ISO8601DateFormatter().date(from: "2024-05-01T02:00:00Z"))
    }
}

/// The real pages of the big platforms in the golden set (Fixtures/golden/platforms, README there):
/// each is found by its platform's rule, and what the rule removes is gone.
struct RealPlatformPageTests {
    struct Page: Sendable, CustomTestStringConvertible {
        let file: String
        let url: String
        let host: String
        let absent: [String]
        var testDescription: String { file }
    }

    static let pages = [
        Page(file: "wechat-galaxy-s20-2020.html", url: "https://mp.weixin.qq.com/s?src=11&timestamp=1581604662", host: "mp.weixin.qq.com",
             absent: ["微信扫一扫", "写下你的想法", "相关阅读"]),
        Page(file: "wechat-python-exitstack-2020.html", url: "https://mp.weixin.qq.com/s?__biz=MzI2MzEwNTY3OQ==&mid=2648978231", host: "mp.weixin.qq.com",
             absent: ["功能介绍", "itskingname"]),
        Page(file: "wechat-wuhan-morning-2018.html", url: "https://mp.weixin.qq.com/s?__biz=MjM5ODAyNTcwMA==&mid=2651788393&idx=1", host: "mp.weixin.qq.com",
             absent: ["微信扫一扫", "关注该公众号", "长按二维码"]),
        Page(file: "wechat-huashang-news-digest-2018.html", url: "https://mp.weixin.qq.com/s?__biz=ODUzMjkwMzYx&mid=2654593305&idx=1", host: "mp.weixin.qq.com",
             absent: ["微信扫一扫", "关注该公众号", "长按二维码"]),
        Page(file: "wechat-about-music-2018.html", url: "https://mp.weixin.qq.com/s?__biz=MzIwOTc2ODc1NQ==&mid=2247484727&idx=1", host: "mp.weixin.qq.com",
             absent: ["微信扫一扫", "关注该公众号", "长按二维码"]),
        Page(file: "new-qq-yifenqian-2019.html", url: "https://new.qq.com/omn/20190907/20190907A081B000.html", host: "new.qq.com",
             absent: ["免责声明", "家中曾堆满他的音像作品", "潘振声女儿马莉表示", "相关推荐"]),
        Page(file: "163-dy-jiangyin-bridge-2019.html", url: "http://dy.163.com/v2/article/detail/EFDAIN1E054550F0.html", host: "163.com",
             absent: ["特别声明", "Notice: The content above", "来源：无锡交警", "跟贴", "申请入驻"]),
        Page(file: "163-news-yaoming-zhouqi-2019.html", url: "https://news.163.com/19/0907/09/EOFBHDHQ0001899N.html", host: "163.com",
             absent: ["分享到", "15867", "原标题", "本文来源", "责任编辑"]),
    ]

    @Test(arguments: pages)
    func isFoundByItsPlatformsRule(_ page: Page) throws {
        let url = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/golden/platforms/\(page.file)"))
        let article = PlatformPageTests.extractor.extract([UInt8](try Data(contentsOf: url)), url: page.url)
        #expect(article.method == .siteRule(host: page.host))
        for text in page.absent { #expect(!article.text.contains(text), "\(text)") }
        #expect(article.text.count > 200)
    }
}
