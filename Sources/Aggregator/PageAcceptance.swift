public import Extraction
import Foundation
public import NewsCore

/// Whether a page fetched for an item's full text is the item's own story, and not an anti-bot
/// check, a login or paywall page, a soft 404, the front page or another article.
///
/// ```swift
/// let verdict = PageAcceptance(itemTitle: "央行宣布降准", feedText: teaser, link: link)
///     .judge(article, finalURL: document.finalURL)
/// if case .refused(let reason) = verdict { print("\(link): \(reason)") }
/// ```
public struct PageAcceptance: Sendable {
    /// The item's real title (nil when the feed gave none or a placeholder).
    public var itemTitle: String?
    /// The feed's text for the item.
    public var feedText: String
    /// The item's link, the URL that was requested.
    public var link: String

    public init(itemTitle: String?, feedText: String, link: String) {
        self.itemTitle = itemTitle
        self.feedText = feedText
        self.link = link
    }

    /// Why a page is taken as the item's story.
    public enum Evidence: String, Sendable, Hashable {
        /// Its headline matches the item's title.
        case title
        /// The feed's text is largely contained in the page's text.
        case text
        /// The item has neither a title nor enough text to compare, and nothing speaks against the page.
        case nothingToCompare = "nothing to compare"
    }

    /// Why a page is not the item's story.
    public enum Refusal: Sendable, Hashable, CustomStringConvertible {
        /// An anti-bot check, login, paywall or "page not found" page; with the phrase that gave it away.
        case interstitial(String)
        /// Neither its headline matches the item's title nor does its text contain the feed's.
        case titleMismatch(pageTitle: String?)
        case redirectedToFrontPage(String)
        /// Redirected elsewhere, to a page whose headline is not the item's title.
        case redirectedToAnotherArticle(String)
        /// The same page text came back for another item's link.
        case samePageAsAnotherItem(String)

        public var description: String {
            switch self {
            case .interstitial(let marker): "interstitial (“\(marker)”)"
            case .titleMismatch(let title): "title mismatch (the page's headline is “\(title ?? "")”)"
            case .redirectedToFrontPage(let url): "redirected to front page \(url)"
            case .redirectedToAnotherArticle(let url): "redirected to another article \(url)"
            case .samePageAsAnotherItem(let link): "the same page as \(link)"
            }
        }
    }

    public enum Verdict: Sendable, Hashable {
        case accepted(Evidence)
        case refused(Refusal)
    }

    /// Judges `article`, extracted from the page the item's link led to (at `finalURL`, after
    /// redirects); `pageHTML`, the whole page, serves when the extractor missed the headline or the
    /// part of the page the feed's text comes from.
    public func judge(_ article: Article, finalURL: String, pageHTML: String? = nil) -> Verdict {
        let pageTitles = [article.title, pageHTML.flatMap(Self.titleElement)].compactMap { $0 }
        let titleMatches = itemTitle.map { title in
            pageTitles.contains { Self.titlesMatch(title, $0) } || Self.opens(article.text, with: title)
        } ?? false
        if finalURL != link, let redirect = redirectRefusal(to: finalURL, titleMatches: titleMatches) { return .refused(redirect) }
        if let marker = Self.interstitialMarker(in: article, titleMatches: titleMatches) { return .refused(.interstitial(marker)) }
        if titleMatches { return .accepted(.title) }
        let feed = TextFingerprint(text: feedText)
        if feed.shingleSet.count >= Self.minimumFeedShingles {
            if feed.containment(with: TextFingerprint(text: article.text)) >= Self.minimumContainment { return .accepted(.text) }
            if let pageHTML, feed.containment(with: TextFingerprint(text: pageHTML)) >= Self.minimumContainment { return .accepted(.text) }
        } else if itemTitle == nil {
            return .accepted(.nothingToCompare)
        }
        return .refused(.titleMismatch(pageTitle: article.title))
    }

    /// The text of the page's `<title>` element, found by a plain search (no second parse).
    static func titleElement(_ html: String) -> String? {
        guard let open = html.range(of: "<title", options: .caseInsensitive),
              let start = html[open.upperBound...].firstIndex(of: ">"),
              let close = html[start...].range(of: "</title>", options: .caseInsensitive) else { return nil }
        let title = html[html.index(after: start)..<close.lowerBound]
        return title.count <= 300 ? String(title) : nil
    }

    /// Feed text shorter than this (in 4-character shingles) says too little to recognise its page by.
    static let minimumFeedShingles = 8
    /// How much of the feed's text the page must contain.
    static let minimumContainment = 0.6

    /// A redirect to the site's root (or its index page) is refused; one to another address only
    /// when the page there has another headline (a moved article keeps its own).
    func redirectRefusal(to finalURL: String, titleMatches: Bool) -> Refusal? {
        guard let final = URLComponents(string: finalURL) else { return nil }
        let path = final.path.lowercased()
        let frontPaths = ["", "/", "/index.html", "/index.htm", "/index.shtml", "/index.php", "/default.aspx", "/home"]
        let requestedPath = URLComponents(string: link)?.path.lowercased() ?? ""
        if frontPaths.contains(path) && !frontPaths.contains(requestedPath) { return .redirectedToFrontPage(finalURL) }
        if LinkNormalizer.normalize(finalURL) == LinkNormalizer.normalize(link) || titleMatches { return nil }
        return .redirectedToAnotherArticle(finalURL)
    }

    /// Phrases of pages that stand in for an article. They count in the page's headline (unless that
    /// is the item's own title), and in its text when the text is short: an article may quote them.
    static let interstitialMarkers = [
        "安全验证", "滑块验证", "人机验证", "拖动滑块", "请完成验证", "访问验证", "请输入验证码", "访问过于频繁", "请求过于频繁",
        "请登录", "登录后查看", "登录后阅读", "登录后继续", "扫码登录", "付费阅读", "订阅后阅读", "开通会员", "成为会员后",
        "页面不存在", "页面未找到", "找不到该页面", "您访问的页面", "文章不存在", "内容不存在", "已被删除", "404错误",
        "captcha", "verify you are human", "are you a robot", "checking your browser", "just a moment", "access denied",
        "enable javascript and cookies", "sign in to continue", "log in to continue", "subscribe to continue",
        "subscribe to read", "for subscribers only", "page not found", "404 not found",
    ]

    /// Text up to this many characters counts as an interstitial's when it holds a marker.
    static let shortTextLimit = 500

    static func interstitialMarker(in article: Article, titleMatches: Bool) -> String? {
        let title = (article.title ?? "").lowercased()
        if !titleMatches, let marker = interstitialMarkers.first(where: title.contains) { return marker }
        if article.text.count <= shortTextLimit {
            let text = article.text.lowercased()
            return interstitialMarkers.first(where: text.contains)
        }
        return nil
    }

    /// The same headline: equal once folded (``TitleSimilarity/folded(_:)``), one containing the
    /// other (a site name, a column tag), or mostly the same character pairs.
    public static func titlesMatch(_ a: String, _ b: String) -> Bool {
        let left = TitleSimilarity.folded(a), right = TitleSimilarity.folded(b)
        guard !left.isEmpty, !right.isEmpty else { return false }
        if left == right { return true }
        let (shorter, longer) = left.count <= right.count ? (left, right) : (right, left)
        if shorter.count >= 5 && longer.contains(shorter) { return true }
        return TitleSimilarity.bigramDice(left, right) >= 0.6
    }

    /// Whether the headline is printed at the top of the article's text.
    static func opens(_ text: String, with title: String) -> Bool {
        let headline = TitleSimilarity.folded(title)
        return headline.count >= 8 && TitleSimilarity.folded(String(text.prefix(300))).contains(headline)
    }
}
