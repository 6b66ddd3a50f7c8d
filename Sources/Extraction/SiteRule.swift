/// Extraction rules for one site, chosen by host: where the body is, what to remove from it, and
/// where the date, author and editor are.
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
    /// Patterns (regular expressions with one capture) for authors in the page text.
    public var authorPatterns: [String] = []
    /// Patterns for the editor in the page text.
    public var editorPatterns: [String] = []

    public init(host: String, body: [String], remove: [String] = [], removeParagraphsStarting: [String] = [], date: [String] = [],
                authorPatterns: [String] = [], editorPatterns: [String] = []) {
        self.host = host
        self.body = body
        self.remove = remove
        self.removeParagraphsStarting = removeParagraphsStarting
        self.date = date
        self.authorPatterns = authorPatterns
        self.editorPatterns = editorPatterns
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
    ]
}
