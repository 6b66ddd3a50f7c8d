import Foundation
import NewsCore

/// One list of stories: the home page, a category (group, site or channel), a source, a topic or a month.
struct SiteList: Sendable {
    enum Kind: Sendable { case home, category, source, topic, month }

    var kind: Kind
    /// Its folder inside the site, `""` for the home page, else ending with `/` (`c/1a2b3c4d5e/`).
    var directory: String
    var heading: String
    /// The lists above it (a channel's group and site), outermost first.
    var breadcrumbs: [(name: String, directory: String)]
    /// Indexes into the site's stories, newest first.
    var stories: [Int] = []

    var hasFeeds: Bool { kind != .month }
}

/// Where every page and list of a site lives. Paths are site-relative and never change for a story
/// or a list: a story's page is `YYYY/MM/<stem>.html` (the month of its date in the site's zone); a
/// list's pages are `index.html` (its newest stories) and `page/N.html`, numbered from the oldest
/// stories, so that a new story changes only the list's index page and its newest numbered page.
enum SitePaths {
    static func story(_ story: SiteStory, dates: SiteDates) -> String {
        let time = dates.civil(story.date)
        return "\(SiteDates.four(time.year))/\(SiteDates.two(time.month))/\(story.stem).html"
    }

    static func category(_ names: [String]) -> String {
        "c/" + StableHash.hex(names.joined(separator: "\u{1F}")).prefix(10) + "/"
    }

    /// A source's list, named by its group, site and channel (not by its URL, which for a local feed is
    /// a path that differs between machines), so its address is the same wherever the site is built.
    static func source(_ story: SiteStory) -> String {
        "s/" + StableHash.hex([story.group, story.site, story.channel].joined(separator: "\u{1F}")).prefix(10) + "/"
    }

    /// A topic's list, named by the topic (the name of the keep rule).
    static func topic(_ name: String) -> String {
        "t/" + StableHash.hex(name).prefix(10) + "/"
    }

    static func month(year: Int, month: Int) -> String { "archive/\(SiteDates.four(year))/\(SiteDates.two(month))/" }

    static func page(_ number: Int, in directory: String) -> String { directory + "page/\(number).html" }

    /// The relative way from the page at `path` back to the site's root (`""`, `../`, `../../`).
    static func root(of path: String) -> String {
        String(repeating: "../", count: path.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 })
    }
}

extension SiteList {
    /// Every list of the site, for stories sorted newest first.
    static func lists(of stories: [SiteStory], dates: SiteDates, homeHeading: String) -> [SiteList] {
        var home = SiteList(kind: .home, directory: "", heading: homeHeading, breadcrumbs: [])
        var byDirectory: [String: SiteList] = [:]
        var order: [String] = []
        func add(_ index: Int, to directory: String, make: () -> SiteList) {
            if byDirectory[directory] == nil {
                byDirectory[directory] = make()
                order.append(directory)
            }
            byDirectory[directory]!.stories.append(index)
        }
        // The folders of each source's category lists, hashed once per group, site and channel, not per story.
        var folders: [[String]: (group: String, site: String, channel: String, source: String)] = [:]
        for (index, story) in stories.enumerated() {
            home.stories.append(index)
            let names = [story.group, story.site, story.channel]
            let known = folders[names] ?? {
                let made = (
                    group: SitePaths.category([story.group]), site: SitePaths.category([story.group, story.site]),
                    channel: SitePaths.category(names), source: SitePaths.source(story))
                folders[names] = made
                return made
            }()
            let (group, site, channel) = (known.group, known.site, known.channel)
            add(index, to: group) { SiteList(kind: .category, directory: group, heading: story.group, breadcrumbs: []) }
            add(index, to: site) {
                SiteList(kind: .category, directory: site, heading: story.site, breadcrumbs: [(story.group, group)])
            }
            add(index, to: channel) {
                SiteList(kind: .category, directory: channel, heading: story.channel, breadcrumbs: [(story.group, group), (story.site, site)])
            }
            let source = known.source
            add(index, to: source) {
                SiteList(kind: .source, directory: source, heading: story.site + " · " + story.channel, breadcrumbs: [(story.group, group), (story.site, site)])
            }
            for topic in story.topics {
                let directory = SitePaths.topic(topic)
                add(index, to: directory) { SiteList(kind: .topic, directory: directory, heading: topic, breadcrumbs: []) }
            }
            let time = dates.civil(story.date)
            let month = SitePaths.month(year: time.year, month: time.month)
            add(index, to: month) {
                SiteList(kind: .month, directory: month, heading: dates.month(year: time.year, month: time.month), breadcrumbs: [])
            }
        }
        return [home] + order.map { byDirectory[$0]! }
    }

    /// The list's pages: `index.html` with the newest `size` stories, then `page/1.html` (the oldest)
    /// up to `page/K.html` when there are more than `size`.
    func pages(size: Int) -> [SiteListPage] {
        let count = stories.count
        let index = directory + "index.html"
        guard count > size else { return [SiteListPage(path: index, stories: stories, newer: nil, older: nil, number: nil)] }
        let last = (count + size - 1) / size
        let olderThanIndex = (count - 1 - size) / size + 1
        var pages = [SiteListPage(path: index, stories: Array(stories.prefix(size)), newer: nil, older: SitePaths.page(olderThanIndex, in: directory), number: nil)]
        for number in 1...last {
            // Page N holds the oldest-first stories (N-1)·size ..< N·size, shown newest first.
            let from = count - min(count, number * size)
            let to = count - (number - 1) * size
            pages.append(SiteListPage(
                path: SitePaths.page(number, in: directory), stories: Array(stories[from..<to]),
                newer: number == last ? index : SitePaths.page(number + 1, in: directory),
                older: number == 1 ? nil : SitePaths.page(number - 1, in: directory), number: number))
        }
        return pages
    }
}

/// One page of a list.
struct SiteListPage: Sendable {
    var path: String
    var stories: [Int]
    var newer: String?
    var older: String?
    /// nil for the list's index page.
    var number: Int?
}
