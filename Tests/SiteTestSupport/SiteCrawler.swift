import FeedParsing
import Foundation
import HTML5Parser
import NewsCore

/// Crawls a built site on disk as a visitor (and a feed reader, and a search engine) would, and
/// reports every problem as a sentence naming the page.
public struct SiteCrawler {
    public let root: URL
    public let baseURL: String

    public init(root: URL, baseURL: String) {
        self.root = root.standardizedFileURL
        self.baseURL = baseURL
    }

    /// What the crawl found.
    public struct Report: Sendable {
        /// Pages reached from `index.html` by following links, site-relative.
        public var reachable: Set<String> = []
        /// Every HTML file in the site, site-relative (the state folder excluded).
        public var pages: Set<String> = []
        public var problems: [String] = []
        public var feeds: [String: Feed] = [:]
        public var sitemapURLs: Set<String> = []
    }

    /// Every file in the site but the publisher's own hidden state, site-relative.
    public func allFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasPrefix(".") || path.contains("/.") { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }

    public func crawl() -> Report {
        var report = Report()
        let files = allFiles()
        report.pages = Set(files.filter { $0.hasSuffix(".html") })
        for page in report.pages.sorted() { check(page: page, into: &report) }
        // Reachability from the home page, following links inside the site.
        var queue = ["index.html"]
        while let page = queue.popLast() {
            guard !report.reachable.contains(page), report.pages.contains(page) else { continue }
            report.reachable.insert(page)
            for link in links(in: page).filter({ $0.hasSuffix(".html") }) where !report.reachable.contains(link) { queue.append(link) }
        }
        for feed in files where feed.hasSuffix("feed.xml") || feed.hasSuffix("atom.xml") || feed.hasSuffix("feed.json") {
            let bytes = Array((try? Data(contentsOf: root.appendingPathComponent(feed))) ?? Data())
            do {
                let parsed = try FeedParser.parse(bytes)
                if parsed.bozo { report.problems.append("\(feed): feed warnings \(parsed.warnings)") }
                report.feeds[feed] = parsed
                for entry in parsed.entries {
                    guard let link = entry.link, link.hasPrefix(baseURL) else {
                        report.problems.append("\(feed): entry link \(entry.link ?? "nil") is not under \(baseURL)")
                        continue
                    }
                    let path = String(link.dropFirst(baseURL.count)).removingPercentEncoding ?? ""
                    if !files.contains(path) { report.problems.append("\(feed): entry link \(link) has no page") }
                }
            } catch {
                report.problems.append("\(feed): does not parse: \(error)")
            }
        }
        report.sitemapURLs = sitemapURLs(files: files, into: &report)
        return report
    }

    func sitemapURLs(files: [String], into report: inout Report) -> Set<String> {
        var urls: Set<String> = []
        for file in files where file.hasPrefix("sitemap") && file.hasSuffix(".xml") {
            let text = (try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)) ?? ""
            if text.contains("<sitemapindex") { continue }
            var rest = Substring(text)
            while let start = rest.range(of: "<loc>"), let end = rest.range(of: "</loc>", range: start.upperBound..<rest.endIndex) {
                let url = String(rest[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
                if !url.hasPrefix(baseURL) { report.problems.append("\(file): \(url) is not under \(baseURL)") }
                urls.insert(url)
                rest = rest[end.upperBound...]
            }
        }
        return urls
    }

    /// The internal targets of a page's links, stylesheets, scripts and images, site-relative.
    public func links(in page: String) -> [String] {
        guard let document = parse(page) else { return [] }
        var targets: [String] = []
        for node in document.root.descendants where node.isElement {
            for name in ["href", "src"] {
                guard let value = node.attribute(name), let target = resolve(value, from: page) else { continue }
                targets.append(target)
            }
        }
        return targets
    }

    func parse(_ page: String) -> HTMLDocument? {
        guard let data = try? Data(contentsOf: root.appendingPathComponent(page)) else { return nil }
        return HTMLParser.parse(Array(data), collectErrors: true)
    }

    /// `value` seen from `page`, as a site-relative path; nil for other hosts, fragments and feeds'
    /// absolute URLs outside the site.
    func resolve(_ value: String, from page: String) -> String? {
        if value.hasPrefix("#") || value.hasPrefix("mailto:") { return nil }
        if value.hasPrefix(baseURL) {
            let path = String(value.dropFirst(baseURL.count)).removingPercentEncoding ?? ""
            return path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
        }
        if value.contains("://") || value.hasPrefix("//") { return nil }
        let pageURL = URL(string: "http://site.invalid/" + (page.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? page))!
        guard let resolved = URL(string: value, relativeTo: pageURL)?.absoluteURL, resolved.host == "site.invalid" else { return nil }
        var path = resolved.path
        if path.hasPrefix("/") { path.removeFirst() }
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        return path
    }

    func check(page: String, into report: inout Report) {
        guard let document = parse(page) else {
            report.problems.append("\(page): cannot be read")
            return
        }
        if !document.errors.isEmpty {
            report.problems.append("\(page): parse errors \(document.errors.prefix(5).map(\.description))")
        }
        let elements = document.root.descendants.filter(\.isElement)
        let html = elements.first { $0.isHTMLElement("html") }
        if document.root.children.first(where: { $0.kind == .doctype }) == nil { report.problems.append("\(page): no doctype") }
        if (html?.attribute("lang") ?? "").isEmpty { report.problems.append("\(page): no lang") }
        if !elements.contains(where: { $0.isHTMLElement("meta") && $0.attribute("charset")?.lowercased() == "utf-8" }) {
            report.problems.append("\(page): no charset")
        }
        if !elements.contains(where: { $0.isHTMLElement("meta") && $0.attribute("name") == "viewport" }) {
            report.problems.append("\(page): no viewport")
        }
        if (elements.first { $0.isHTMLElement("title") }?.textContent ?? "").isEmpty { report.problems.append("\(page): no title") }
        for node in elements {
            for attribute in node.attributes where attribute.name.hasPrefix("on") {
                report.problems.append("\(page): event handler \(attribute.name) on <\(node.name)>")
            }
            for name in ["href", "src"] {
                guard let value = node.attribute(name) else { continue }
                if value.lowercased().trimmingCharacters(in: .whitespaces).hasPrefix("javascript:") {
                    report.problems.append("\(page): javascript: URL in \(name)")
                }
                if node.isHTMLElement("script") || node.isHTMLElement("link") && node.attribute("rel") == "stylesheet" {
                    if value.contains("://") || value.hasPrefix("//") { report.problems.append("\(page): \(name) from another host: \(value)") }
                }
                guard let target = resolve(value, from: page), !node.isHTMLElement("a") || !value.hasPrefix(baseURL) else { continue }
                if !FileManager.default.fileExists(atPath: root.appendingPathComponent(target).path) {
                    report.problems.append("\(page): broken link \(value) → \(target)")
                }
            }
            if node.isHTMLElement("script"), node.attribute("src") == nil, node.attribute("type") != "application/ld+json" {
                report.problems.append("\(page): inline script")
            }
            if node.isHTMLElement("img"), node.ancestors.contains(where: { $0.attribute("class") == "body" }) {
                if node.attribute("loading") != "lazy" || node.attribute("referrerpolicy") != "no-referrer" {
                    report.problems.append("\(page): body image without loading=lazy and referrerpolicy=no-referrer")
                }
            }
        }
    }

    /// The text of the first element named `name` on `page`.
    public func text(of name: String, on page: String) -> String? {
        parse(page)?.root.descendants.first { $0.isHTMLElement(name) }?.textContent
    }

    /// The elements of `page`, for checks of their own.
    public func elements(on page: String) -> [HTMLNode] {
        parse(page)?.root.descendants.filter(\.isElement) ?? []
    }
}
