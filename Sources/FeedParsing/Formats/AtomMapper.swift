import NewsCore

/// Maps Atom 1.0 and 0.3 documents.
enum AtomMapper {
    static func map(_ root: XMLElement, format: Feed.Format) -> Feed {
        var feed = Feed(format: format, title: root.first("title")?.text.trimmingWhitespace(), link: alternateLink(root))
        feed.entries = root.all("entry").map { entry($0, base: root.attribute("xml:base")) }
        return feed
    }

    static func alternateLink(_ element: XMLElement) -> String? {
        let links = element.all("link")
        return (links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first)?.attribute("href")
    }

    static func entry(_ element: XMLElement, base: String?) -> FeedEntry {
        var entry = FeedEntry()
        entry.id = element.first("id")?.text.trimmingWhitespace()
        entry.title = element.first("title")?.text.trimmingWhitespace()
        let entryBase = element.attribute("xml:base") ?? base
        entry.link = alternateLink(element).map { link in entryBase.map { URLResolver.resolve(link, against: $0) } ?? link }
        entry.summary = element.first("summary")?.text
        entry.content = element.first("content")?.text
        entry.rawPublished = (element.first("published") ?? element.first("issued") ?? element.first("updated")
            ?? element.first("modified"))?.text.trimmingWhitespace()
        entry.rawUpdated = (element.first("updated") ?? element.first("modified"))?.text.trimmingWhitespace()
        entry.author = element.first("author").flatMap { $0.first("name")?.text.trimmingWhitespace() }
        entry.categories = element.all("category").compactMap { $0.attribute("term") }
        entry.enclosures = element.all("link").filter { $0.attribute("rel") == "enclosure" }.compactMap { $0.attribute("href") }
        entry.images = MediaMapper.images(in: element)
        return entry
    }
}
