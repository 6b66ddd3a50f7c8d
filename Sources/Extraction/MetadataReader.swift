import Foundation
import HTML5Parser
import NewsCore

/// Reads a page's metadata, each field from the best source it has: Open Graph and article meta
/// tags, JSON-LD, `<time>`, then the visible text (bylines such as 记者 X, 作者：X, 责任编辑：X).
struct MetadataReader {
    let document: HTMLDocument
    let dates: NewsDateParser
    /// Every `<meta>` with content, by its lowercased property, name or itemprop (first one wins).
    private var metas: [String: String] = [:]
    private var firstH1: HTMLNode?
    private var firstTitle: HTMLNode?
    private var htmlLang: String?
    private var canonicalLink: String?
    private var timeElements: [HTMLNode] = []
    /// Every JSON-LD object on the page, `@graph` members included.
    private var jsonLD: [[String: Any]] = []

    /// Reads what it needs in one walk over the page (a CSS query per field walked it once each).
    init(document: HTMLDocument, dates: NewsDateParser) {
        self.document = document
        self.dates = dates
        var jsonLDScripts: [HTMLNode] = []
        let scope = document.root.index
        var index = document.firstChildIndex(of: scope)
        while index >= 0 {
            defer { index = document.followingIndex(after: index, within: scope) }
            guard document.kind(at: index) == .element else { continue }
            switch document.tag(at: index) {
            case .meta:
                guard let content = document.attribute("content", at: index).map(FastText.trimmed),
                      !content.isEmpty else { break }
                for key in ["property", "name", "itemprop"] {
                    if let name = document.attribute(key, at: index)?.lowercased(), metas[name] == nil { metas[name] = content }
                }
            case .h1 where firstH1 == nil:
                firstH1 = document.node(at: index)
            case .title where firstTitle == nil && document.node(at: index).namespace == .html:
                firstTitle = document.node(at: index)
            case .html where htmlLang == nil:
                htmlLang = document.attribute("lang", at: index)
            case .link where canonicalLink == nil:
                if document.attribute("rel", at: index)?.lowercased() == "canonical" { canonicalLink = document.attribute("href", at: index) }
            case .script:
                if document.attribute("type", at: index)?.lowercased() == "application/ld+json" {
                    jsonLDScripts.append(document.node(at: index))
                }
            default:
                if document.name(at: index) == "time" { timeElements.append(document.node(at: index)) }
            }
        }
        jsonLD = Self.readJSONLD(jsonLDScripts)
    }

    /// The text under `node`, or nil when it runs past `limit` bytes.
    private func boundedText(of node: HTMLNode, limit: Int) -> String? {
        var text = ""
        let scope = node.index
        var index = document.firstChildIndex(of: scope)
        while index >= 0 {
            if document.kind(at: index) == .text {
                text += document.data(at: index)
                if text.utf8.count > limit { return nil }
            }
            index = document.followingIndex(after: index, within: scope)
        }
        return text
    }

    /// Elements whose class or id speaks of time, date or publication, in document order (read
    /// only when no better source gave the date).
    private func datedElements() -> [HTMLNode] {
        var found: [HTMLNode] = []
        let scope = document.root.index
        var index = document.firstChildIndex(of: scope)
        while index >= 0 {
            defer { index = document.followingIndex(after: index, within: scope) }
            guard document.kind(at: index) == .element else { continue }
            let className = document.attribute("class", at: index) ?? ""
            let id = document.attribute("id", at: index) ?? ""
            if FastText.contains(className, "time") || FastText.contains(className, "date") || FastText.contains(className, "pub")
                || FastText.contains(id, "time") || FastText.contains(id, "date") {
                found.append(document.node(at: index))
            }
        }
        return found
    }

    private func meta(_ names: String...) -> String? {
        names.lazy.compactMap { metas[$0.lowercased()] }.first
    }

    private static func readJSONLD(_ scripts: [HTMLNode]) -> [[String: Any]] {
        var objects: [[String: Any]] = []
        for script in scripts {
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
        let h1 = firstH1.map { $0.textContent.collapsingWhitespace() }
        let pageTitle = firstTitle.map { $0.textContent.collapsingWhitespace() }
        if let h1, !h1.isEmpty, let pageTitle, pageTitle.contains(h1) { return h1 }
        if let og = meta("og:title", "twitter:title") { return og.collapsingWhitespace() }
        guard let pageTitle, !pageTitle.isEmpty else { return h1 }
        // "标题_新浪财经_新浪网", "标题--大河网", "Headline | Site", "Headline - Site": the longest part is the headline.
        let parts = pageTitle.components(separatedBy: CharacterSet(charactersIn: "_|–—")).flatMap { $0.components(separatedBy: " - ") }
            .flatMap { $0.components(separatedBy: "--") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        return parts.max(by: { $0.count < $1.count }) ?? pageTitle
    }

    /// Authors from meta tags, JSON-LD, the site rule's patterns over the page text, and the
    /// built-in 记者/作者 pattern over the page's byline lines (``bylineLines(_:)``).
    func authors(text: String, bylines: String, rule: SiteRule?) -> [String] {
        var found: [String] = []
        if let name = meta("author", "article:author", "sailthru.author"), !name.hasPrefix("http") { found.append(name) }
        for object in jsonLD {
            let authors = (object["author"] as? [Any]) ?? (object["author"].map { [$0] } ?? [])
            for author in authors {
                if let name = (author as? [String: Any])?["name"] as? String ?? author as? String { found.append(name) }
            }
        }
        for pattern in rule?.authorPatterns ?? [] { found += Self.captures(pattern, in: text) }
        found += Self.captures(#"(?:记者|作者)[:：\s]+([\p{Han}·]{2,4})(?=[\s，,。)）]|$)"#, in: bylines)
        var seen = Set<String>()
        return found.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Whether any text on the page holds a word the built-in byline patterns start from (记者, 作者, 编辑).
    func mayHaveBylines() -> Bool {
        let scope = document.root.index
        var index = document.firstChildIndex(of: scope)
        while index >= 0 {
            switch document.kind(at: index) {
            case .text:
                if Self.holdsBylineWord(document.data(at: index)) { return true }
            case .element:
                let tag = document.tag(at: index)
                if tag == .script || tag == .style || tag == .noscript || tag == .template {
                    index = document.followingIndex(skippingChildrenOf: index, within: scope)
                    continue
                }
            default:
                break
            }
            index = document.followingIndex(after: index, within: scope)
        }
        return false
    }

    /// One pass over the bytes for 记者 (E8 AE B0 E8 80 85), 作者 (E4 BD 9C E8 80 85) and 编辑 (E7 BC 96 E8 BE 91).
    static func holdsBylineWord(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { holdsBylineWord($0) }
    }

    static func holdsBylineWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 6 else { return false }
        // Both characters of each word end in 者 (E8 80 85) or 辑 (E8 BE 91): look for those first.
        for i in 3...(bytes.count - 3) where bytes[i] == 0xE8 {
            let second = (bytes[i + 1], bytes[i + 2])
            let first = (bytes[i - 3], bytes[i - 2], bytes[i - 1])
            if second == (0x80, 0x85) && (first == (0xE8, 0xAE, 0xB0) || first == (0xE4, 0xBD, 0x9C)) { return true }
            if second == (0xBE, 0x91) && first == (0xE7, 0xBC, 0x96) { return true }
        }
        return false
    }

    func editor(text: String, bylines: String, rule: SiteRule?) -> String? {
        for pattern in rule?.editorPatterns ?? [] {
            if let editor = Self.captures(pattern, in: text).first { return editor }
        }
        return Self.captures(#"责任编辑[:：\s]*([\p{Han}A-Za-z·]{2,12})"#, in: bylines).first
    }

    /// The lines of a page's text that hold a byline word: the built-in patterns need no more, and
    /// matching a regular expression converts its whole subject to UTF-16 first.
    static func bylineLines(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                if holdsBylineWord(line) {
                    if !output.isEmpty { output.append(0x0A) }
                    output.append(contentsOf: line)
                }
                lineStart = lineEnd + 1
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    func published(rule: SiteRule?) -> Date? {
        var candidates: [String] = []
        if let value = meta("article:published_time", "datePublished", "pubdate", "publishdate", "publish_date", "PubDate",
                            "og:release_date", "sailthru.date", "dc.date") { candidates.append(value) }
        for object in jsonLD { if let value = object["datePublished"] as? String { candidates.append(value) } }
        for selector in rule?.date ?? [] {
            if let node = (try? document.root.select(selector))?.first { candidates.append(node.textContent) }
        }
        for time in timeElements {
            candidates.append(time.attribute("datetime") ?? time.textContent)
        }
        for candidate in candidates {
            let trimmed = candidate.collapsingWhitespace()
            if let date = dates.parse(trimmed) ?? dates.firstDate(inText: trimmed) { return date }
        }
        // Visible text near the title: elements whose class or id speaks of time or date.
        // A date line is short: a wrapper whose class merely contains "pub" or "date" and that holds the
        // whole page is not read (its dates are the article's and the sidebar's, in no useful order).
        for node in datedElements() {
            if let text = boundedText(of: node, limit: 300), let date = dates.firstDate(inText: text) { return date }
        }
        return nil
    }

    /// A time printed just above the article, as Chinese pages often do: the first date in the page
    /// text between the title and the article's opening words.
    func publishedAbove(articleText: String, pageText: String) -> Date? {
        let opening = String(articleText.prefix(24))
        guard !opening.isEmpty, let start = FastText.firstIndex(of: opening, in: pageText) else { return nil }
        return dates.firstDate(inText: String(pageText[..<start].suffix(400)))
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
        if let lang = htmlLang, !lang.isEmpty { return lang }
        return meta("content-language", "og:locale")
    }

    func canonicalURL(fallback: String?) -> String? {
        if let link = canonicalLink, !link.isEmpty {
            return resolve(link, fallback)
        }
        return meta("og:url") ?? fallback
    }

    private func resolve(_ reference: String, _ base: String?) -> String {
        base.map { URLResolver.resolve(reference, against: $0) } ?? reference
    }

    static func captures(_ pattern: String, in text: String) -> [String] {
        guard let regex = PatternCache.shared.regex(pattern) else { return [] }
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

/// Compiled byline patterns, shared by every extraction (compiling one cost as much as matching it
/// against a whole page).
final class PatternCache: @unchecked Sendable {
    static let shared = PatternCache()
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression?] = [:]

    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let known = compiled[pattern] { return known }
        let regex = try? NSRegularExpression(pattern: pattern)
        compiled[pattern] = regex
        return regex
    }
}
