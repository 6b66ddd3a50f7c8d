import Foundation
import HTML5Parser
import NewsCore

/// Reads a page's metadata, each field from the best source it has: Open Graph and article meta
/// tags, JSON-LD, `<time>`, then the visible text (bylines such as 记者 X, 作者：X, 责任编辑：X).
struct MetadataReader {
    let document: HTMLDocument
    let dates: NewsDateParser
    /// Every `<meta>` with content, by its lowercased property, name or itemprop (first one wins).
    private let metas: [String: String]

    init(document: HTMLDocument, dates: NewsDateParser) {
        self.document = document
        self.dates = dates
        var metas: [String: String] = [:]
        for node in document.root.descendants where node.isHTMLElement("meta") {
            guard let content = node.attribute("content")?.trimmingCharacters(in: .whitespacesAndNewlines), !content.isEmpty else { continue }
            for key in ["property", "name", "itemprop"] {
                if let name = node.attribute(key)?.lowercased(), metas[name] == nil { metas[name] = content }
            }
        }
        self.metas = metas
    }

    private func meta(_ names: String...) -> String? {
        names.lazy.compactMap { metas[$0.lowercased()] }.first
    }

    /// Every JSON-LD object on the page, `@graph` members included.
    private var jsonLD: [[String: Any]] {
        var objects: [[String: Any]] = []
        for script in (try? document.root.select("script[type='application/ld+json' i]")) ?? [] {
            guard let value = try? JSONSerialization.jsonObject(with: Data(script.textContent.utf8)) else { continue }
            var pending: [Any] = [value]
            while let next = pending.popLast() {
                if let list = next as? [Any] { pending.append(contentsOf: list) }
                if let object = next as? [String: Any] {
                    objects.append(object)
                    if let graph = object["@graph"] { pending.append(graph) }
                }
            }
        }
        return objects
    }

    func title() -> String? {
        let h1 = (try? document.root.select("h1"))?.first.map { $0.textContent.collapsingWhitespace() }
        let pageTitle = (try? document.root.select("title"))?.first.map { $0.textContent.collapsingWhitespace() }
        if let h1, !h1.isEmpty, let pageTitle, pageTitle.contains(h1) { return h1 }
        if let og = meta("og:title", "twitter:title") { return og.collapsingWhitespace() }
        guard let pageTitle, !pageTitle.isEmpty else { return h1 }
        // "标题_新浪财经_新浪网", "标题--大河网", "Headline | Site", "Headline - Site": the longest part is the headline.
        let parts = pageTitle.components(separatedBy: CharacterSet(charactersIn: "_|–—")).flatMap { $0.components(separatedBy: " - ") }
            .flatMap { $0.components(separatedBy: "--") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        return parts.max(by: { $0.count < $1.count }) ?? pageTitle
    }

    func authors(text: String, rule: SiteRule?) -> [String] {
        var found: [String] = []
        if let name = meta("author", "article:author", "sailthru.author"), !name.hasPrefix("http") { found.append(name) }
        for object in jsonLD {
            let authors = (object["author"] as? [Any]) ?? (object["author"].map { [$0] } ?? [])
            for author in authors {
                if let name = (author as? [String: Any])?["name"] as? String ?? author as? String { found.append(name) }
            }
        }
        let patterns = (rule?.authorPatterns ?? []) + [#"(?:记者|作者)[:：\s]+([\p{Han}·]{2,4})(?=[\s，,。)）]|$)"#]
        for pattern in patterns { found += Self.captures(pattern, in: text) }
        var seen = Set<String>()
        return found.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    func editor(text: String, rule: SiteRule?) -> String? {
        let patterns = (rule?.editorPatterns ?? []) + [#"责任编辑[:：\s]*([\p{Han}A-Za-z·]{2,12})"#]
        return patterns.lazy.compactMap { Self.captures($0, in: text).first }.first
    }

    func published(rule: SiteRule?) -> Date? {
        var candidates: [String] = []
        if let value = meta("article:published_time", "datePublished", "pubdate", "publishdate", "publish_date", "PubDate",
                            "og:release_date", "sailthru.date", "dc.date") { candidates.append(value) }
        for object in jsonLD { if let value = object["datePublished"] as? String { candidates.append(value) } }
        for selector in rule?.date ?? [] {
            if let node = (try? document.root.select(selector))?.first { candidates.append(node.textContent) }
        }
        for time in (try? document.root.select("time")) ?? [] {
            candidates.append(time.attribute("datetime") ?? time.textContent)
        }
        for candidate in candidates {
            let trimmed = candidate.collapsingWhitespace()
            if let date = dates.parse(trimmed) ?? dates.firstDate(inText: trimmed) { return date }
        }
        // Visible text near the title: elements whose class or id speaks of time or date.
        for node in (try? document.root.select("[class*=time], [class*=date], [id*=time], [id*=date], [class*=pub]")) ?? [] {
            if let date = dates.firstDate(inText: node.textContent) { return date }
        }
        return nil
    }

    /// A time printed just above the article, as Chinese pages often do: the first date in the page
    /// text between the title and the article's opening words.
    func publishedAbove(articleText: String, pageText: String) -> Date? {
        let opening = String(articleText.prefix(24))
        guard !opening.isEmpty, let start = pageText.range(of: opening) else { return nil }
        return dates.firstDate(inText: String(pageText[..<start.lowerBound].suffix(400)))
    }

    /// The page's declared image (og:image, twitter:image), resolved.
    func declaredImage(baseURL: String?) -> String? {
        meta("og:image", "twitter:image", "og:image:url").map { resolve($0, baseURL) }
    }

    /// The first large content image that is not a logo, QR code, avatar, icon or spacer.
    func leadImage(body: [HTMLNode], baseURL: String?) -> String? {
        for image in body.flatMap({ [$0] + $0.descendants }) where image.isHTMLElement("img") {
            guard let source = image.attribute("src") ?? image.attribute("data-src") ?? image.attribute("data-original") else { continue }
            let hints = (source + " " + (image.attribute("class") ?? "") + " " + (image.attribute("alt") ?? "")).lowercased()
            if ["logo", "qr", "avatar", "icon", "spacer", "blank", "pixel", "二维码", "扫码"].contains(where: hints.contains) { continue }
            let width = image.attribute("width").flatMap { Int($0) } ?? 999
            let height = image.attribute("height").flatMap { Int($0) } ?? 999
            if width < 200 || height < 120 { continue }
            return resolve(source, baseURL)
        }
        return nil
    }

    func description() -> String? { meta("og:description", "description", "twitter:description") }
    func siteName() -> String? { meta("og:site_name", "application-name") }

    func language() -> String? {
        if let lang = (try? document.root.select("html"))?.first?.attribute("lang"), !lang.isEmpty { return lang }
        return meta("content-language", "og:locale")
    }

    func canonicalURL(fallback: String?) -> String? {
        if let link = (try? document.root.select("link[rel=canonical]"))?.first?.attribute("href"), !link.isEmpty {
            return resolve(link, fallback)
        }
        return meta("og:url") ?? fallback
    }

    private func resolve(_ reference: String, _ base: String?) -> String {
        base.map { URLResolver.resolve(reference, against: $0) } ?? reference
    }

    static func captures(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            guard match.numberOfRanges > 1, let capture = Range(match.range(at: 1), in: text) else { return nil }
            return String(text[capture])
        }
    }
}

extension String {
    func collapsingWhitespace() -> String {
        FastText.collapsed(self)
    }
}
