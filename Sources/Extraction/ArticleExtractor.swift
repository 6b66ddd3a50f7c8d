public import Foundation
public import HTML5Parser
public import NewsCore

/// Takes a news page and returns exactly the article: body, text and metadata.
///
/// A site rule chosen by host finds the body when one applies and still matches; otherwise (and
/// then `method` says why) the generic scorer does.
///
/// ```swift
/// let article = ArticleExtractor().extract(bytes, url: "https://finance.sina.com.cn/…")
/// print(article.text)
/// ```
public struct ArticleExtractor: Sendable {
    public var rules: [SiteRule]
    public var timeZone: TimeZone
    public var now: Date

    public init(rules: [SiteRule] = SiteRule.builtIn, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!, now: Date = Date()) {
        self.rules = rules
        self.timeZone = timeZone
        self.now = now
    }

    /// Extracts from raw bytes (the encoding is sniffed: BOM, `charset`, `<meta>`, then the bytes).
    public func extract(_ bytes: [UInt8], url: String? = nil, charset: String? = nil) -> Article {
        let decoded = HTMLEncoding.decode(bytes, transportCharset: charset)
        return extract(document: HTMLParser.parse(decoded.utf8), url: url)
    }

    public func extract(html: String, url: String? = nil) -> Article {
        extract(document: HTMLParser.parse(html), url: url)
    }

    func extract(document: HTMLDocument, url: String?) -> Article {
        let metadata = MetadataReader(document: document, dates: NewsDateParser(timeZone: timeZone, now: now))
        // Metadata first: pruning removes <meta>, <script> (JSON-LD) and the byline areas.
        let host = url.flatMap { URL(string: $0)?.host?.lowercased() }
        let rule = host.flatMap { host in rules.first { $0.applies(to: host) } }
        let declaredTitle = metadata.declaredTitle(rule: rule)
        let declaredPublished = metadata.declaredPublished(rule: rule)
        let datedTexts = declaredPublished == nil ? metadata.datedElementTexts() : []
        // The whole page's text serves the byline patterns, and the title and date printed above the
        // article: it goes unrendered only when nothing needs it.
        let needsPageText = rule != nil || declaredPublished == nil || declaredTitle == nil || metadata.mayHaveBylines()
        let pageText = needsPageText ? TextRenderer.text(of: [document.root]) : ""
        let description = metadata.description()
        let siteName = metadata.siteName()
        let language = metadata.language()
        let canonical = metadata.canonicalURL(fallback: url)
        let declaredImage = metadata.declaredImage(baseURL: canonical)

        // Before pruning, which takes the pagination bars with the navigation.
        let nextPage = url.flatMap { NextPageLink.find(in: document, pageURL: $0) }
        let (body, method) = findBody(document, rule: rule)
        let leadImage = declaredImage ?? metadata.leadImage(body: body, baseURL: canonical)
        var text = TextRenderer.text(of: body)
        // A dateline opening the body ("2005-04-05 06:40更新 来源：转载文章") is metadata, not text;
        // it may come before the headline or after it.
        var dateline = metadata.dateline(openingParagraphOf: text)
        if let dateline { text = dateline.rest }
        let linesAbove = MetadataReader.linesAbove(articleText: text, pageText: pageText)
        // The opening's bytes (a cut last character is harmless here): cheaper than counting Characters.
        let articleOpening = String(decoding: text.utf8.prefix(2400), as: UTF8.self)
        let openingLine = metadata.openingHeadline(of: text)
        let title = metadata.headline(declared: declaredTitle, linesAbove: linesAbove, headingAbove: { body.first.flatMap(metadata.headingAbove) },
                                      openingLine: openingLine, articleOpening: articleOpening)
        if let title, text.hasPrefix(title) {
            text = FastText.trimmed(String(text.dropFirst(title.count)))
            if dateline == nil, let after = metadata.dateline(openingParagraphOf: text) {
                dateline = after
                text = after.rest
            }
        }
        var article = Article(html: body.map(\.outerHTML).joined(separator: "\n"), text: text, method: method)
        article.title = title
        let bylines = MetadataReader.bylineLines(pageText)
        article.authors = metadata.authors(text: pageText, bylines: bylines, rule: rule)
        article.editor = metadata.editor(text: pageText, bylines: bylines, rule: rule)
        // Above the article's text as it now opens (without the headline a copy of which may open the page too).
        let datesAbove = text.hasPrefix(articleOpening.prefix(24)) ? linesAbove : MetadataReader.linesAbove(articleText: text, pageText: pageText)
        let above = dateline?.date ?? metadata.publishedAbove(linesAbove: datesAbove)
            ?? metadata.publishedBelow(articleText: text, pageText: pageText)
        article.published = declaredPublished.map { metadata.refining($0, with: above) } ?? above ?? metadata.datedElementPublished(datedTexts)
        article.leadImage = leadImage
        article.description = description
        article.siteName = siteName
        article.language = language
        article.url = canonical
        article.nextPage = nextPage
        return article
    }

    /// The body by the site rule when one applies and still matches, else by the generic scorer; and
    /// how it was found.
    private func findBody(_ document: HTMLDocument, rule: SiteRule?) -> ([HTMLNode], ExtractionMethod) {
        var method = ExtractionMethod.generic
        if let rule {
            if let node = rule.body.lazy.compactMap({ (try? document.root.select($0))?.first }).first {
                rule.removeBoilerplate(from: node)
                var scorer = ContentScorer(document)
                scorer.prune(node)
                return ([node], .siteRule(host: rule.host))
            }
            method = .staleRule(host: rule.host)
            // Its removals still know the site's boilerplate (a feed body is the article without its container).
            rule.removeBoilerplate(from: document.root)
        }
        var scorer = ContentScorer(document)
        scorer.prune(document.root)
        return (scorer.bestContent(in: document.root), method)
    }
}
