/// Extraction rules for one site, chosen by host: where the body is, what to remove from it, and
/// where the headline, date, author and editor are.
public struct SiteRule: Sendable, Hashable {
    /// The rule applies to this host and its subdomains.
    public var host: String
    /// CSS selectors for the body, tried in order.
    public var body: [String]
    /// CSS selectors of elements to remove from the body.
    public var remove: [String] = []
    /// Openings of short paragraphs to remove from the body (bylines and credits the site prints
    /// as plain paragraphs, such as 每经编辑 or 封面图片来源).
    public var removeParagraphsStarting: [String] = []
    /// CSS selectors whose text holds the publication time.
    public var date: [String] = []
    /// CSS selectors of the headline, tried in order before what the page declares or prints around
    /// the article (WeChat pages of 2018 declare none, and print the account's name in bold above it).
    public var title: [String] = []
    /// Patterns (regular expressions with one capture) for authors in the page text.
    public var authorPatterns: [String] = []
    /// Patterns for the editor in the page text.
    public var editorPatterns: [String] = []
    /// Patterns (one capture) for the publication time in the page's scripts, where the page prints
    /// it only by script (WeChat's `var ct = "1714528800"`).
    public var scriptDatePatterns: [String] = []

    public init(host: String, body: [String], remove: [String] = [], removeParagraphsStarting: [String] = [], date: [String] = [],
                title: [String] = [], authorPatterns: [String] = [], editorPatterns: [String] = [], scriptDatePatterns: [String] = []) {
        self.host = host
        self.body = body
        self.remove = remove
        self.removeParagraphsStarting = removeParagraphsStarting
        self.date = date
        self.title = title
        self.authorPatterns = authorPatterns
        self.editorPatterns = editorPatterns
        self.scriptDatePatterns = scriptDatePatterns
    }

    public func applies(to host: String) -> Bool {
        host == self.host || host.hasSuffix("." + self.host)
    }

    /// The rules Newsmill ships.
    public static let builtIn: [SiteRule] = [
        SiteRule(
            host: "finance.sina.com.cn",
            body: ["#artibody", ".article-content", "#article"],
            remove: [".app-qrcode", ".appendQr_wrap", "[id^=left_hzh_ad]", ".article-editor", ".otherContent_01",
                     "div[data-sudaclick=blk_weibo]", "#sinaads", ".show_author"],
            removeParagraphsStarting: ["责任编辑"],
            date: [".date", "#pub_date", ".time-source .date"],
            authorPatterns: [#"(?:记者|作者)[:：\h]+([\p{Han}·]{2,4})(?=[\s，,。)）]|$)"#],
            editorPatterns: [#"责任编辑[:：\h]*([\p{Han}A-Za-z·]{2,12})"#]),
        SiteRule(
            host: "nbd.com.cn",
            body: [".g-articl-text", ".g-article-text", ".article-text"],
            remove: [".g-article-top", ".typeTags", ".u-time"],
            removeParagraphsStarting: ["每经记者", "每经编辑", "封面图片来源"],
            date: [".u-time .time", ".time"],
            authorPatterns: [#"每经记者[:：\h]*([\p{Han}A-Za-z·]{2,12}(?:\h+[\p{Han}A-Za-z·]{2,12})*?)(?=\s|每经编辑|$)"#],
            editorPatterns: [#"每经编辑[:：\h]*([\p{Han}A-Za-z·]{2,12})"#]),
        // WeChat official-account articles: the body is hidden inline until the page's script runs, and
        // the time is only in the script.
        SiteRule(
            host: "mp.weixin.qq.com",
            body: ["#js_content", ".rich_media_content"],
            remove: ["#js_pc_qr_code", ".qr_code_pc_outer", ".rich_media_tool", "#js_toobar3", ".reward_area",
                     "mpprofile", ".js_uneditable.custom_select_card", ".original_area_primary"],
            date: ["#publish_time"],
            title: ["#activity-name", ".rich_media_title"],
            // Pages of 2020 set the time in the script that fills #publish_time: var t="…",n="1581517074",s="2020-02-12".
            scriptDatePatterns: [#"\bvar\s+ct\s*=\s*"(\d{10})""#, #"\bvar\s+publish_time\s*=\s*"([^"]+)""#,
                                 #"\bcreate_time\s*[:=]\s*['"](\d{10})['"]"#,
                                 #"\bn\s*=\s*"(\d{10})"\s*,\s*s\s*=\s*"\d{4}-\d{2}-\d{2}""#]),
        // new.qq.com: the article in .content-article, related news and account cards around it; the
        // 导语 box repeats the page's description, i.desc is a photo caption. The time the page prints is
        // window.DATA's pubtime (its apub:time meta is a later one).
        SiteRule(
            host: "new.qq.com",
            body: [".content-article", "#ArticleContent", ".qq_article .content"],
            remove: [".qnt-related", ".related-news", "#Status", ".author-card", ".comment-prompt", ".qq_mask", "#Comment",
                     ".article-tags", ".introduction", "i.desc"],
            date: [".a_time", ".article-time"],
            scriptDatePatterns: [#""pubtime"\s*:\s*"([^"]+)""#]),
        // 163.com (news and 网易号 /dy/ pages): .post_body (older pages: #endText), without the
        // platform's statement, share bars, the （原标题：…） line and next links.
        SiteRule(
            host: "163.com",
            body: [".post_body", "#endText", ".post_text", "#content .post_content", ".article_box .content"],
            remove: [".post_statement", ".post_btmshare", ".post_next", ".post_end", ".ep-source", ".otitle_editor",
                     "#post_comment_area", ".post_crumb", ".post_function", ".post_top_share", ".gg200x300",
                     ".nph_photo_view", ".post_topshare_wrap", ".otitle"],
            removeParagraphsStarting: ["特别声明：", "责任编辑：", "来源："],
            // dy.163.com/v2 pages print the day only; the container's data-ptime has the time.
            date: [".post_info", ".post_time_source", ".post_time", "[data-ptime]"],
            // 责任编辑：杜硕_NB12556: the name, without the staff code.
            editorPatterns: [#"责任编辑[:：\h]*([\p{Han}A-Za-z·]{2,16})"#]),
    ]
}
