import Foundation
import NewsCore

/// One file of the built site: where it goes, a fingerprint of everything it is made from, and how
/// to make it (called only when the fingerprint differs from the last build's).
struct SiteFile {
    var path: String
    var fingerprint: UInt64
    var render: () throws -> String
}

/// Lays out the whole site from the stories the site keeps: every list, story page, feed and the
/// sitemap. Pure: it reads the stories' bodies through `body` and returns the files.
struct SiteBuilder {
    /// Bumped whenever the builder's output changes, so every page is rendered again.
    static let renderingVersion = 1

    var options: SiteOptions
    var theme: SiteTheme
    var dates: SiteDates
    /// Newest first.
    var stories: [SiteStory]
    var copies: [String: [SiteCopy]]
    var body: (SiteStory) -> String

    init(options: SiteOptions, theme: SiteTheme, stories: [SiteStory], copies: [SiteCopy], body: @escaping (SiteStory) -> String) {
        self.options = options
        // The site's words folded in as text (the same pages, fewer tags); folding cannot fail for
        // templates that parsed, and the theme as it is renders the same pages.
        let constants = SiteThemeConstants(title: options.title, language: options.language, labels: SiteLabels.labels(chinese: options.isChinese))
        self.theme = (try? theme.folding(constants)) ?? theme
        dates = SiteDates(timeZone: options.timeZone, chinese: options.isChinese)
        self.stories = stories.sorted { $0.date != $1.date ? $0.date > $1.date : $0.postKey < $1.postKey }
        self.copies = Dictionary(grouping: copies.sorted { $0.itemKey < $1.itemKey }, by: \.copyOf)
        self.body = body
    }

    var labels: [String: String] { SiteLabels.labels(chinese: options.isChinese) }

    /// Hands `visit` every file of the site, one at a time, so that no list of them all (with what
    /// each needs to render) is ever held.
    func forEachFile(_ visit: (SiteFile) throws -> Void) throws {
        let paths = stories.map { SitePaths.story($0, dates: dates) }
        let entries = SiteEntryDates(stories: stories, dates: dates)
        let lists = SiteList.lists(of: stories, dates: dates, homeHeading: options.title)
        let common = SiteFingerprint.of(String(Self.renderingVersion), theme.fingerprint, options.title, options.language, options.baseURL)
        // Each story's own inputs (its page and revision), hashed once for every page that shows it.
        let storyPrints = stories.indices.map { index in
            var fingerprint = SiteFingerprint()
            fingerprint.add(paths[index])
            fingerprint.add(stories[index].revision)
            return fingerprint.value
        }
        let siteTheme = theme
        let reused = SiteReusedFragments(theme: theme)

        func entry(_ index: Int, root: String) -> SiteEntryContext {
            let story = stories[index]
            return SiteEntryContext(
                title: story.title, href: root + paths[index], datetime: entries[index].datetime, displayDate: entries[index].display,
                site: story.site, summary: story.summary, sourceHref: root + SitePaths.source(story) + "index.html",
                image: story.headImage.map { SiteImageLinks.href($0, root: root) })
        }

        let labels = self.labels
        func base(path: String, documentTitle: String, alternatesOf directory: String?) -> SitePageContext {
            let root = SitePaths.root(of: path)
            var alternates: [SiteLinkContext] = []
            if let directory {
                alternates.append(SiteLinkContext(href: root + directory + SiteFeeds.names.rss, type: "application/rss+xml", title: "RSS"))
                alternates.append(SiteLinkContext(href: root + directory + SiteFeeds.names.atom, type: "application/atom+xml", title: "Atom"))
                alternates.append(SiteLinkContext(href: root + directory + SiteFeeds.names.json, type: "application/feed+json", title: "JSON Feed"))
            }
            return SitePageContext(
                lang: options.language, root: root, siteTitle: options.title, documentTitle: documentTitle, labels: labels, alternates: alternates,
                canonical: SiteEscaping.url(base: options.baseURL, path: path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path))
        }

        // Lists, then their feeds. The lists' pages go by their newest story's place in the site (over
        // all lists at once), so that a story's card, rendered once for all of them, is let go as soon
        // as the pages are past the story (a few hundred cards are kept at a time, not the site's).
        var channelOf: [Int: (list: [Int], position: Int)] = [:]
        var listPages: [(list: SiteList, page: SiteListPage)] = []
        for list in lists {
            if list.kind == .category, list.breadcrumbs.count == 2 {
                for (position, index) in list.stories.enumerated() { channelOf[index] = (list.stories, position) }
            }
            for page in list.pages(size: options.pageSize) { listPages.append((list, page)) }
        }
        let pageOrder = listPages.indices.sorted { a, b in
            let (first, second) = (listPages[a].page.stories.first ?? Int.max, listPages[b].page.stories.first ?? Int.max)
            return first != second ? first < second : a < b
        }
        for (list, page) in pageOrder.lazy.map({ listPages[$0] }) {
            reused.cardsNeeded(from: page.stories.first ?? Int.max)
            let root = SitePaths.root(of: page.path)
            let breadcrumbs = list.breadcrumbs.map { SiteLinkContext(href: root + $0.directory + "index.html", name: $0.name) }
            var inputs = SiteFingerprint(startingFrom: common)
            for input in [page.path, list.heading, page.newer ?? "", page.older ?? ""] { inputs.add(input) }
            for crumb in list.breadcrumbs { inputs.add(crumb.name + "\u{1F}" + crumb.directory) }
            for story in page.stories { inputs.add(storyPrints[story]) }
            let heading = page.number.map { list.heading + " · " + labels["page"]!.replacingOccurrences(of: "{n}", with: String($0)) } ?? list.heading
            try visit(SiteFile(path: page.path, fingerprint: inputs.value) {
                let title = list.kind == .home && page.number == nil ? options.title : heading + " - " + options.title
                let context = base(path: page.path, documentTitle: title, alternatesOf: list.hasFeeds ? list.directory : "")
                context.heading = heading
                context.breadcrumbs = breadcrumbs
                context.hasBreadcrumbs = !breadcrumbs.isEmpty
                context.stories = page.stories.map { entry($0, root: root) }
                if page.newer != nil || page.older != nil {
                    context.pager = SitePagerContext(
                        position: page.number.map { labels["page"]!.replacingOccurrences(of: "{n}", with: String($0)) } ?? "",
                        newer: page.newer.map { root + $0 }, older: page.older.map { root + $0 })
                }
                reused.fill(context, template: "list", stories: page.stories) { entry($0, root: $1) }
                return try siteTheme.render(context, template: "list")
            })
        }
        for list in lists {
            if list.hasFeeds {
                let newest = list.stories.prefix(SiteFeeds.length)
                let feed = SiteFeeds(
                    options: options, dates: dates, title: list.kind == .home ? options.title : list.heading + " - " + options.title,
                    directory: list.directory, stories: newest.map { stories[$0] }, paths: newest.map { paths[$0] })
                // Rendered only when what they are made of changed: the options, the list, and its newest stories.
                var inputs = SiteFingerprint(startingFrom: common)
                for input in [feed.title, list.directory, options.timeZone.identifier] { inputs.add(input) }
                for story in newest { inputs.add(storyPrints[story]) }
                for (name, make) in [(SiteFeeds.names.rss, feed.rss), (SiteFeeds.names.atom, feed.atom), (SiteFeeds.names.json, feed.json)] {
                    var fingerprint = inputs
                    fingerprint.add(name)
                    try visit(SiteFile(path: list.directory + name, fingerprint: fingerprint.value) { make() })
                }
            }
        }

        // Story pages.
        for (index, story) in stories.enumerated() {
            // A story's related line shows on the pages of newer stories of its channel only.
            reused.relatedNeeded(from: index + 1)
            let path = paths[index]
            let root = SitePaths.root(of: path)
            let storyCopies = copies[story.itemKey] ?? []
            var related: [Int] = []
            if let channel = channelOf[index] {
                related = Array(channel.list.dropFirst(channel.position + 1).prefix(5))
            }
            // The related stories go in whole (their page and revision): all the page shows of them.
            var inputs = SiteFingerprint(startingFrom: common)
            inputs.add(storyPrints[index])
            for copy in storyCopies { inputs.add(copy.record.joined(separator: "\u{1F}")) }
            for other in related { inputs.add(storyPrints[other]) }
            let entryDates = entries[index]
            try visit(SiteFile(path: path, fingerprint: inputs.value) {
                let context = base(path: path, documentTitle: story.title + " - " + options.title, alternatesOf: "")
                let url = SiteEscaping.url(base: options.baseURL, path: path)
                let group = SitePaths.category([story.group])
                let site = SitePaths.category([story.group, story.site])
                let channel = SitePaths.category([story.group, story.site, story.channel])
                context.breadcrumbs = [
                    SiteLinkContext(href: root + group + "index.html", name: story.group), SiteLinkContext(href: root + site + "index.html", name: story.site),
                    SiteLinkContext(href: root + channel + "index.html", name: story.channel),
                ]
                context.title = story.title
                context.datetime = entryDates.datetime
                context.displayDate = entryDates.display
                context.site = story.site
                context.sourceHref = root + SitePaths.source(story) + "index.html"
                context.author = story.author
                context.link = story.link
                context.description = story.summary
                context.body = body(story)
                context.copies = storyCopies.map { SiteCopyContext(title: $0.title, site: $0.site, link: $0.link) }
                context.related = related.map { entry($0, root: root) }
                context.hasCopies = !storyCopies.isEmpty
                context.hasSameCategory = !related.isEmpty
                context.hasRelated = !storyCopies.isEmpty || !related.isEmpty
                context.og = SiteOpenGraphContext(
                    title: story.title, url: url, siteName: options.title, description: story.summary, published: entryDates.datetime,
                    image: story.headImage.map { SiteImageLinks.absolute($0, base: options.baseURL) })
                context.jsonLD = "<script type=\"application/ld+json\">" + jsonLD(story, url: url, published: entryDates.datetime) + "</script>"
                reused.fill(context, template: "story", related: related) { entry($0, root: $1) }
                return try siteTheme.render(context, template: "story")
            })
        }

        // The archive, search and 404 pages.
        let months = lists.filter { $0.kind == .month }.sorted { $0.directory > $1.directory }
        let categories = lists.filter { $0.kind == .category }
        let topics = lists.filter { $0.kind == .topic }.sorted { $0.heading < $1.heading }
        let archiveInputs = [String(common.value)] + months.map { "\($0.directory)\($0.stories.count)" } + categories.map { "\($0.directory)\($0.heading)\($0.stories.count)" }
            + topics.map { "topic\u{1F}\($0.directory)\($0.heading)\($0.stories.count)" }
        try visit(SiteFile(path: "archive/index.html", fingerprint: StableHash.value(archiveInputs.joined(separator: "\u{1E}"))) {
            let context = base(path: "archive/index.html", documentTitle: labels["archive"]! + " - " + options.title, alternatesOf: "")
            context.heading = labels["months"]!
            context.months = months.map { SiteLinkContext(href: "../" + $0.directory + "index.html", name: $0.heading, count: $0.stories.count) }
            context.categories = categories.map { list in
                SiteLinkContext(
                    href: "../" + list.directory + "index.html", name: (list.breadcrumbs.map(\.name) + [list.heading]).joined(separator: " › "),
                    count: list.stories.count)
            }
            context.topics = topics.map { SiteLinkContext(href: "../" + $0.directory + "index.html", name: $0.heading, count: $0.stories.count) }
            context.hasTopics = !topics.isEmpty
            reused.fill(context, template: "archive") { entry($0, root: $1) }
            return try siteTheme.render(context, template: "archive")
        })
        try visit(SiteFile(path: "search.html", fingerprint: SiteFingerprint(startingFrom: common).adding("search")) {
            let context = base(path: "search.html", documentTitle: labels["search"]! + " - " + options.title, alternatesOf: "")
            context.heading = labels["search"]!
            context.stylesheets = [SiteLinkContext(href: SitePaths.root(of: "search.html") + "assets/search.css")]
            reused.fill(context, template: "search") { entry($0, root: $1) }
            return try siteTheme.render(context, template: "search")
        })
        try visit(SiteFile(path: "404.html", fingerprint: SiteFingerprint(startingFrom: common).adding("404")) {
            // Served for any missing path, so its links start at the site's own root, not a relative one.
            let context = base(path: "404.html", documentTitle: labels["notFound"]! + " - " + options.title, alternatesOf: "")
            context.root = URL(string: options.baseURL)?.path.nonEmptyPath ?? "/"
            context.heading = labels["notFound"]!
            reused.fill(context, template: "notFound") { entry($0, root: $1) }
            return try siteTheme.render(context, template: "notFound")
        })

        // Sitemap, robots.txt and the static assets.
        var urls: [(loc: String, lastmod: String?)] = [(options.baseURL, stories.first.map { dates.day($0.date) })]
        for list in lists where list.kind != .home {
            urls.append((SiteEscaping.url(base: options.baseURL, path: list.directory + "index.html"), list.stories.first.map { dates.day(stories[$0].date) }))
        }
        for (index, story) in stories.enumerated() {
            urls.append((SiteEscaping.url(base: options.baseURL, path: paths[index]), dates.day(story.date)))
        }
        for file in SiteSitemap.files(urls: urls, base: options.baseURL, limit: options.sitemapURLLimit) {
            try visit(SiteFile(path: file.path, fingerprint: StableHash.value(file.contents)) { file.contents })
        }
        let robots = SiteSitemap.robots(base: options.baseURL)
        try visit(SiteFile(path: "robots.txt", fingerprint: StableHash.value(robots)) { robots })
        let css = theme.stylesheet
        try visit(SiteFile(path: "assets/site.css", fingerprint: StableHash.value(css)) { css })
        for asset in SearchIndexWriter.assets {
            try visit(SiteFile(path: asset.path, fingerprint: StableHash.value(asset.contents)) { asset.contents })
        }
    }

    /// The story's JSON-LD `NewsArticle`, safe inside a `<script>` element (keys in sorted order).
    func jsonLD(_ story: SiteStory, url: String, published: String) -> String {
        var members: [(key: String, value: SiteScriptJSON.Value)] = [
            ("@context", .string("https://schema.org")), ("@type", .string("NewsArticle")), ("articleSection", .string(story.channel)),
            ("author", .object([("@type", .string(story.author == nil ? "Organization" : "Person")), ("name", .string(story.author ?? story.site))])),
            ("dateModified", .string(published)), ("datePublished", .string(published)), ("description", .string(story.summary)),
            ("headline", .string(String(story.title.prefix(110)))),
        ]
        if let image = story.headImage { members.append(("image", .array([.string(SiteImageLinks.absolute(image, base: options.baseURL))]))) }
        members.append(("inLanguage", .string(options.language)))
        if let link = story.link { members.append(("isBasedOn", .string(link))) }
        members += [
            ("mainEntityOfPage", .string(url)), ("publisher", .object([("@type", .string("Organization")), ("name", .string(options.title))])),
            ("url", .string(url)),
        ]
        return SiteScriptJSON.text(.object(members))
    }

    /// What the search index gets, each document's text left for the index to read from the state's
    /// pack (``SiteStoryPack``, by the story's stem, which is the page's name); its fingerprint is its path and
    /// the story's revision (which covers the title, date, source and text).
    func searchDocuments() -> [SearchDocument] {
        stories.map { story in
            let path = SitePaths.story(story, dates: dates)
            return SearchDocument(path: path, title: story.title, date: story.date, source: story.site, text: "", fingerprint: path + " " + story.revision)
        }
    }
}

extension String {
    /// A URL path as a root for links: ending with `/`.
    fileprivate var nonEmptyPath: String? { isEmpty ? nil : (hasSuffix("/") ? self : self + "/") }
}
