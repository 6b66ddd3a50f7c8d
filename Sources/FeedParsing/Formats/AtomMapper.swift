import NewsCore

/// Maps Atom 1.0 and 0.3 documents.
enum AtomMapper {
    static func map(_ root: XMLElement, format: Feed.Format) -> Feed {
        let base = root.attribute("xml:base")
        var feed = Feed(format: format, title: root.first("title").map { TitleText.atom($0).trimmingWhitespace() },
                        link: alternateLink(root).map { URLResolver.resolve($0, bases: [base], documentURL: nil) })
        feed.setEntries(root.all("entry")) { entry($0, feedBase: base) }
        return feed
    }

    static func alternateLink(_ element: XMLElement) -> String? {
        let links = element.all("link").filter { $0.attribute("href") != nil }
        return (links.first { ($0.attribute("rel") ?? "alternate") == "alternate" && $0.attribute("type").map(isHTMLType) != false }
            ?? links.first { ($0.attribute("rel") ?? "alternate") == "alternate" })?.attribute("href")
    }

    /// An absolute http(s) URL with a host and no spaces (`tag:`, `urn:` and plain ids are not).
    static func isWebURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lowered.hasPrefix($0) }) else { return false }
        let rest = text.dropFirst(scheme.count)
        guard let host = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first,
            !host.isEmpty
        else { return false }
        return !text.contains { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }
    }

    private static func isHTMLType(_ type: String) -> Bool {
        type.hasPrefix("text/html") || type.hasPrefix("application/xhtml")
    }

    /// An Atom text construct's value and type (`text` or `html`). `xhtml` content keeps its
    /// markup; Atom 0.3's `mode="escaped"` and MIME types map onto the same two kinds.
    static func textConstruct(_ element: XMLElement) -> (value: String, type: EntryContentType) {
        let type = (element.attribute("type") ?? "text").lowercased()
        switch type {
        case "xhtml", "application/xhtml+xml":
            let container = element.elements.first { $0.localName == "div" }
            return (container?.innerXML ?? element.innerXML, .html)
        case "html", "text/html":
            return (element.text, .html)
        default:
            if element.attribute("mode") == "xml" || !element.elements.isEmpty { return (element.innerXML, .html) }
            return (element.text, .text)
        }
    }

    static func entry(_ element: XMLElement, feedBase: String?) -> FeedEntry {
        var entry = FeedEntry()
        let bases = [feedBase, element.attribute("xml:base")]
        entry.id = element.first("id")?.text.trimmingWhitespace()
        entry.title = element.first("title").map { TitleText.atom($0).trimmingWhitespace() }
        entry.link = alternateLink(element).map { URLResolver.resolve($0, bases: bases, documentURL: nil) }
        // Some generators give the URL only as the id: a URL-shaped id serves as the link.
        if entry.link == nil, let id = entry.id, isWebURL(id) { entry.link = id }
        if let summary = element.first("summary") ?? element.first("tagline") {
            (entry.summary, entry.summaryType) = textConstruct(summary)
        }
        if let content = element.first("content") {
            if let source = content.attribute("src"), content.text.trimmingWhitespace().isEmpty {
                entry.enclosures.append(URLResolver.resolve(source, bases: bases, documentURL: nil))
            } else {
                (entry.content, entry.contentType) = textConstruct(content)
            }
        }
        entry.rawPublished = (element.first("published") ?? element.first("issued") ?? element.first("created"))?
            .text.trimmingWhitespace()
        entry.rawUpdated = (element.first("updated") ?? element.first("modified"))?.text.trimmingWhitespace()
        let authors = element.all("author")
        entry.author = authors.compactMap { author in
            (author.first("name")?.text ?? author.first("email")?.text)?.trimmingWhitespace()
        }.filter { !$0.isEmpty }.joined(separator: ", ").nilIfEmpty
        entry.categories = element.all("category").compactMap { $0.attribute("term") ?? $0.attribute("label") }
        entry.enclosures += element.all("link").filter { $0.attribute("rel") == "enclosure" }.compactMap { link in
            link.attribute("href").map { URLResolver.resolve($0, bases: bases, documentURL: nil) }
        }
        entry.images = MediaMapper.images(in: element)
        return entry
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
