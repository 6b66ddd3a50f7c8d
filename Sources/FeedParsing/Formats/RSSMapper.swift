import Foundation
import NewsCore

/// Maps RSS 0.9x, 1.0 (RDF) and 2.0 documents, with the common namespaces.
enum RSSMapper {
    static func map(_ root: XMLElement, version: String?) -> Feed {
        let format: Feed.Format = switch version {
        case "0.91": .rss091
        case "0.92": .rss092
        default: .rss20
        }
        let channelElement = root.first("channel")
        let channel = channelElement ?? root
        let link = channel.all("link").first { $0.namespaceURI != XMLNamespaces.atom && !$0.text.trimmingWhitespace().isEmpty }?
            .text.trimmingWhitespace() ?? channel.first("link", in: XMLNamespaces.atom).flatMap { $0.attribute("href") }
        var feed = Feed(format: format, title: channel.first("title").map { TitleText.rss($0.text).trimmingWhitespace() }, link: link)
        feed.ttl = updateInterval(channel)
        let bases = [root.attribute("xml:base"), channel.attribute("xml:base")]
        // RSS 0.9x and some broken feeds put items beside the channel rather than inside it.
        let items = (channelElement?.all("item") ?? []) + root.all("item")
        feed.setEntries(items) { entry($0, bases: bases) }
        return feed
    }

    /// `<ttl>` (minutes), else the syndication module's period and frequency.
    static func updateInterval(_ channel: XMLElement) -> TimeInterval? {
        if let minutes = channel.first("ttl").flatMap({ Double($0.text.trimmingWhitespace()) }), minutes > 0 {
            return minutes * 60
        }
        let period = channel.first("updatePeriod", in: XMLNamespaces.syndication)?.text.trimmingWhitespace().lowercased()
        let frequency = channel.first("updateFrequency", in: XMLNamespaces.syndication).flatMap { Double($0.text.trimmingWhitespace()) } ?? 1
        let seconds: Double? = switch period {
        case "hourly": 3600
        case "daily": 86400
        case "weekly": 7 * 86400
        case "monthly": 30 * 86400
        case "yearly": 365 * 86400
        default: nil
        }
        return seconds.map { $0 / max(frequency, 1) }
    }

    static func mapRDF(_ root: XMLElement) -> Feed {
        let channel = root.first("channel")
        let format: Feed.Format = root.elements.contains { $0.namespaceURI == XMLNamespaces.rss090 } ? .rss090 : .rss10
        var feed = Feed(format: format, title: channel?.first("title").map { TitleText.rss($0.text).trimmingWhitespace() },
                        link: channel?.first("link")?.text.trimmingWhitespace())
        let bases = [root.attribute("xml:base")]
        feed.setEntries(root.all("item")) { entry($0, bases: bases) }
        feed.ttl = channel.flatMap(updateInterval)
        return feed
    }

    static func entry(_ item: XMLElement, bases outer: [String?]) -> FeedEntry {
        var entry = FeedEntry()
        let bases = outer + [item.attribute("xml:base")]
        func resolve(_ url: String) -> String { URLResolver.resolve(url, bases: bases, documentURL: nil) }
        entry.title = item.first("title").map { TitleText.rss($0.text).trimmingWhitespace() }
        let links = item.all("link")
        if let plain = links.first(where: { $0.namespaceURI != XMLNamespaces.atom && !$0.text.trimmingWhitespace().isEmpty }) {
            entry.link = plain.text.trimmingWhitespace()
        } else if let atom = links.first(where: { $0.attribute("href") != nil && ($0.attribute("rel") ?? "alternate") == "alternate" }) {
            entry.link = atom.attribute("href")
        }
        if let guid = item.first("guid")?.text.trimmingWhitespace(), !guid.isEmpty {
            entry.id = guid
            if entry.link == nil, item.first("guid")?.attribute("isPermaLink") != "false", guid.hasPrefix("http") {
                entry.link = guid
            }
        } else if let about = item.attributes["rdf:about"] {
            entry.id = about
        }
        entry.link = entry.link.map(resolve)
        // Descriptions are HTML whether escaped (the norm) or written as raw markup (ill-formed but common).
        entry.summary = item.first("description")?.htmlContent
        entry.content = (item.first("encoded", in: XMLNamespaces.content) ?? item.first("body"))?.htmlContent
        entry.rawPublished = (item.first("pubDate") ?? item.first("date", in: XMLNamespaces.dublinCore)
            ?? item.first("published", in: XMLNamespaces.atom) ?? item.first("pubdate"))?.text.trimmingWhitespace()
        entry.rawUpdated = (item.first("updated", in: XMLNamespaces.atom) ?? item.first("modified", in: XMLNamespaces.dublinCoreTerms))?
            .text.trimmingWhitespace()
        entry.author = (item.first("creator", in: XMLNamespaces.dublinCore) ?? item.first("author"))?.text.trimmingWhitespace()
        entry.categories = (item.all("category") + item.all("subject", in: XMLNamespaces.dublinCore)).map { $0.text.trimmingWhitespace() }
        entry.enclosures = item.all("enclosure").compactMap { $0.attribute("url") }.map(resolve)
        entry.images = MediaMapper.images(in: item).map(resolve)
        return entry
    }
}

/// Media RSS, iTunes and enclosure images.
enum MediaMapper {
    static func images(in item: XMLElement) -> [String] {
        var images: [String] = []
        var pending = [item]
        while let element = pending.popLast() {
            for case .element(let child) in element.children {
                if child.namespaceURI == XMLNamespaces.media {
                    if child.localName == "group" { pending.append(child) }
                    if child.localName == "thumbnail", let url = child.attribute("url") { images.append(url) }
                    if child.localName == "content", let url = child.attribute("url"),
                        child.attribute("medium") == "image" || (child.attribute("type") ?? "").hasPrefix("image/")
                    {
                        images.append(url)
                    }
                } else if child.namespaceURI == XMLNamespaces.itunes, child.localName == "image", let url = child.attribute("href") {
                    images.append(url)
                } else if child.localName == "enclosure", let url = child.attribute("url"),
                    (child.attribute("type") ?? "").hasPrefix("image/")
                {
                    images.append(url)
                }
            }
        }
        return images
    }
}
