import Foundation
import NewsCore

/// The feeds of one list (RSS 2.0, Atom 1.0, JSON Feed 1.1), each with the list's newest stories.
/// Nothing in them depends on the time of the build, so a build with nothing new rewrites none.
struct SiteFeeds {
    static let names = (rss: "feed.xml", atom: "atom.xml", json: "feed.json")
    static let length = 20

    var options: SiteOptions
    var dates: SiteDates
    var title: String
    /// The list's folder inside the site.
    var directory: String
    var stories: [SiteStory]
    var paths: [String]

    private var listURL: String { SiteEscaping.url(base: options.baseURL, path: directory.isEmpty ? "" : directory + "index.html") }
    private func feedURL(_ name: String) -> String { SiteEscaping.url(base: options.baseURL, path: directory + name) }
    private func storyURL(_ index: Int) -> String { SiteEscaping.url(base: options.baseURL, path: paths[index]) }

    func rss() -> String {
        let x = SiteEscaping.xml
        var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        text += "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n"
        text += "<title>\(x(title))</title>\n<link>\(x(listURL))</link>\n<description>\(x(title))</description>\n"
        text += "<language>\(x(options.language))</language>\n"
        text += "<atom:link href=\"\(x(feedURL(Self.names.rss)))\" rel=\"self\" type=\"application/rss+xml\"/>\n"
        if let newest = stories.first { text += "<lastBuildDate>\(CivilTime(newest.date).rfc1123)</lastBuildDate>\n" }
        for (index, story) in stories.enumerated() {
            text += "<item>\n<title>\(x(story.title))</title>\n<link>\(x(storyURL(index)))</link>\n"
            text += "<guid isPermaLink=\"true\">\(x(storyURL(index)))</guid>\n<pubDate>\(CivilTime(story.date).rfc1123)</pubDate>\n"
            text += "<dc:creator>\(x(story.author ?? story.site))</dc:creator>\n"
            text += "<category>\(x(story.channel))</category>\n<description>\(x(story.summary))</description>\n</item>\n"
        }
        return text + "</channel>\n</rss>\n"
    }

    func atom() -> String {
        let x = SiteEscaping.xml
        let utc = SiteDates(timeZone: TimeZone(identifier: "UTC")!, chinese: false)
        var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(x(options.language))\">\n"
        text += "<title>\(x(title))</title>\n<id>\(x(listURL))</id>\n"
        text += "<link rel=\"alternate\" type=\"text/html\" href=\"\(x(listURL))\"/>\n"
        text += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(x(feedURL(Self.names.atom)))\"/>\n"
        text += "<updated>\(utc.iso8601(stories.first?.date ?? Date(timeIntervalSince1970: 0)))</updated>\n"
        text += "<author><name>\(x(options.title))</name></author>\n"
        for (index, story) in stories.enumerated() {
            text += "<entry>\n<title type=\"text\">\(x(story.title))</title>\n<id>\(x(storyURL(index)))</id>\n"
            text += "<link rel=\"alternate\" type=\"text/html\" href=\"\(x(storyURL(index)))\"/>\n"
            text += "<published>\(utc.iso8601(story.date))</published>\n<updated>\(utc.iso8601(story.date))</updated>\n"
            text += "<author><name>\(x(story.author ?? story.site))</name></author>\n"
            text += "<category term=\"\(x(story.channel))\"/>\n<summary type=\"text\">\(x(story.summary))</summary>\n</entry>\n"
        }
        return text + "</feed>\n"
    }

    func json() -> String {
        var items: [[String: Any]] = []
        for (index, story) in stories.enumerated() {
            var item: [String: Any] = [
                "id": storyURL(index), "url": storyURL(index), "title": story.title, "summary": story.summary,
                "content_text": story.summary, "date_published": dates.iso8601(story.date),
                "authors": [["name": story.author ?? story.site]], "tags": [story.group, story.site, story.channel],
            ]
            if let link = story.link { item["external_url"] = link }
            if let image = story.headImage { item["image"] = SiteImageLinks.absolute(image, base: options.baseURL) }
            items.append(item)
        }
        let feed: [String: Any] = [
            "version": "https://jsonfeed.org/version/1.1", "title": title, "home_page_url": listURL,
            "feed_url": feedURL(Self.names.json), "language": options.language, "items": items,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: feed, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]),
            let text = String(data: data, encoding: .utf8)
        else { return "{}\n" }
        return text + "\n"
    }
}

/// `sitemap.xml` (a sitemap index with `sitemap-N.xml` files past the limit) and `robots.txt`.
enum SiteSitemap {
    /// The sitemap files for `urls` (absolute, each with its last modification day or nil).
    static func files(urls: [(loc: String, lastmod: String?)], base: String, limit: Int) -> [(path: String, contents: String)] {
        let header = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        func urlset(_ slice: ArraySlice<(loc: String, lastmod: String?)>) -> String {
            var text = header + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for url in slice {
                text += "<url><loc>\(SiteEscaping.xml(url.loc))</loc>"
                if let lastmod = url.lastmod { text += "<lastmod>\(lastmod)</lastmod>" }
                text += "</url>\n"
            }
            return text + "</urlset>\n"
        }
        guard urls.count > limit else { return [("sitemap.xml", urlset(urls[...]))] }
        var files: [(path: String, contents: String)] = []
        var index = header + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        var start = 0
        while start < urls.count {
            let name = "sitemap-\(files.count + 1).xml"
            files.append((name, urlset(urls[start..<min(urls.count, start + limit)])))
            index += "<sitemap><loc>\(SiteEscaping.xml(base + name))</loc></sitemap>\n"
            start += limit
        }
        return [("sitemap.xml", index + "</sitemapindex>\n")] + files
    }

    static func robots(base: String) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(base)sitemap.xml\n"
    }
}
