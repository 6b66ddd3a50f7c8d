import Extraction
import Foundation
import HTML5Parser
import NewsCore

/// A page fetched for an item's full text, with the article extracted from it.
struct FetchedPage: Sendable {
    var link: String
    /// Where redirects ended.
    var finalURL: String
    var article: Article
    /// The whole page, decoded.
    var html: String
    /// Identifies the page's text, to notice one page served for many links.
    var textHash: String
}

/// When a feed's text is only a teaser.
enum FulltextDecision {
    /// Short text, or text that ends like a teaser (…, "阅读全文", "Read more").
    static func looksLikeSummary(_ text: String) -> Bool {
        // Fewer bytes than 200 are fewer characters; else only the first 200 characters are counted
        // (counting a whole CJK article's characters was 2 % of a cold import).
        if text.utf8.count < 200 { return true }
        let trimmed = text.trimmingWhitespace()
        if trimmed.characterCount(upTo: 200) < 200 { return true }
        let tail = String(trimmed.suffix(20)).lowercased()
        // A tail of ASCII, CJK ideographs and CJK punctuation has one scalar per character (a CR LF
        // aside, which no ending holds) and no scalar another form of which is equal to it: comparing its
        // bytes finds what comparing its characters finds. Foundation's search, 8 per item, was 2 % of
        // a cold import.
        if tail.unicodeScalars.allSatisfy(Self.standsForItself) {
            let bytes = Array(tail.utf8)
            return Self.teaserEndingBytes.contains { ending in
                bytes.count >= ending.count && (0...bytes.count - ending.count).contains { bytes[$0..<$0 + ending.count].elementsEqual(ending) }
            }
        }
        return teaserEndings.contains(where: tail.contains)
    }

    /// How a teaser ends: what ``looksLikeSummary(_:)`` looks for in the last 20 characters, lowercased.
    static let teaserEndings = ["…", "...", "阅读全文", "查看全文", "read more", "continue reading", "[…]", "[...]"]
    static let teaserEndingBytes = teaserEndings.map { Array($0.utf8) }

    /// ASCII, CJK unified ideographs (U+4E00–U+9FFF) and CJK punctuation (U+3000–U+303F, without the
    /// combining tone marks U+302A–U+302F): scalars that are a character each and have no canonical
    /// decomposition.
    static func standsForItself(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII || (0x4E00...0x9FFF).contains(scalar.value)
            || ((0x3000...0x303F).contains(scalar.value) && !(0x302A...0x302F).contains(scalar.value))
    }

    /// Whether the source's policy asks for `item`'s page, given the feed's text for it.
    static func wantsPage(_ item: Item, feedText: String, policy: FulltextPolicy) -> Bool {
        guard policy != .never, let link = item.link, link.hasPrefix("http://") || link.hasPrefix("https://") else { return false }
        return policy == .always || looksLikeSummary(feedText)
    }
}

extension Aggregator {
    /// Fetches and extracts `link`'s page; nil when it cannot be fetched, with a warning on the
    /// source (never a failure).
    func fetchPage(_ link: String, title: String, source: Source, result: inout RunReport.SourceResult) async -> FetchedPage? {
        let document: LoadedDocument
        do {
            // The link is the feed's word, not the operator's: it may not lead to an internal host
            // other than the feed's own.
            let request = LoadRequest(url: link, kind: .page, headers: source.headers,
                                      trust: .untrusted(privateHostsAllowed: source.feedHost.map { [$0] } ?? []))
            guard case .loaded(let loaded) = try await loader.load(request) else { return nil }
            document = loaded
        } catch {
            result.warnings.append("full text of “\(title)” <\(link)>: \(error)")
            return nil
        }
        var article = ArticleExtractor(rules: siteRules, timeZone: source.timeZone, now: clock())
            .extract(document.bytes, url: document.finalURL, charset: document.charset)
        if article.nextPage != nil {
            article = await joiningFurtherPages(of: article, firstURL: document.finalURL, source: source, result: &result)
        }
        if article.staleRule != nil { result.warnings.append("full text of \(link): \(article.method)") }
        let html = HTMLEncoding.decode(document.bytes, transportCharset: document.charset).text
        return FetchedPage(link: link, finalURL: document.finalURL, article: article, html: html,
                           textHash: StableHash.hex(article.text.trimmingWhitespace()))
    }
}

extension Item {
    /// This item with `article` (from its own, accepted page) as its text; the feed's title, author,
    /// image and date stay when it had them.
    func withPage(_ article: Article, feedHadTitle: Bool) -> Item {
        var full = self
        full.html = article.html
        full.contentOrigin = .page
        if !feedHadTitle {
            full.title = ItemTitle.real(article.title) ?? ItemTitle.fromText(article.text) ?? full.title
        }
        full.contentHash = Item.contentHash(title: full.title, html: full.html)
        if full.ogImage == nil { full.ogImage = article.leadImage }
        if full.author == nil { full.author = article.authors.first }
        if full.dateOrigin == .firstSeen, let published = article.published {
            full.date = published
            full.dateOrigin = .content
        }
        return full
    }
}
