import Foundation
import HTML5Parser
import NewsCore
import SiteKnowledge

/// Reads a page's metadata, each field from the best source it has: Open Graph and article meta
/// tags, JSON-LD, `<time>`, then the visible text (bylines such as 记者 X, 作者：X, 责任编辑：X).
struct MetadataReader {
    let document: HTMLDocument
    let dates: NewsDateParser
    /// Every `<meta>` with content, by its lowercased property, name or itemprop (first one wins).
    private(set) var metas: [String: String] = [:]
    /// The first `<h1>`'s text, whitespace collapsed (nil when there is none, or it is empty).
    private(set) var h1Text: String?
    /// The `<title>`'s text, whitespace collapsed (nil when the page has none).
    private(set) var pageTitle: String?
    private var htmlLang: String?
    private var canonicalLink: String?
    private(set) var timeElements: [HTMLNode] = []
    /// Every JSON-LD object on the page, `@graph` members included.
    private(set) var jsonLD: [[String: Any]] = []

    /// Reads what it needs in one walk over the page (a CSS query per field walked it once each).
    init(document: HTMLDocument, dates: NewsDateParser) {
        self.document = document
        self.dates = dates
        var jsonLDScripts: [HTMLNode] = []
        var firstH1: HTMLNode?
        var firstTitle: HTMLNode?
        document.forEachElementIndex(under: document.root.index) { index in
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
        h1Text = firstH1.map { FastText.collapsed($0.textContent) }.flatMap { $0.isEmpty ? nil : $0 }
        pageTitle = firstTitle.map { FastText.collapsed($0.textContent) }
    }

    func meta(_ names: String...) -> String? {
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

    /// The page's declared image (og:image, twitter:image), resolved.
    func declaredImage(baseURL: String?) -> String? {
        // A declared image that is page furniture (the site's logo, an app's QR code) is no lead image.
        meta("og:image", "twitter:image", "og:image:url").map { resolve($0, baseURL) }.flatMap { ImageURLHints.isFurniture($0) ? nil : $0 }
    }

    /// The first large content image that is not a logo, QR code, avatar, icon or spacer.
    func leadImage(body: [HTMLNode], baseURL: String?) -> String? {
        for image in body.flatMap({ [$0] + $0.descendants }) where image.isHTMLElement("img") {
            guard let source = image.attribute("src") ?? image.attribute("data-src") ?? image.attribute("data-original") else { continue }
            let hints = source + " " + (image.attribute("class") ?? "") + " " + (image.attribute("alt") ?? "")
            if ImageURLHints.isFurniture(source) || ImageURLHints.mentionsFurniture(hints) { continue }
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

}
