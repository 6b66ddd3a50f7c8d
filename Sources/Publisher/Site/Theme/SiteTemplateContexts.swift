import Mustache

/// What a page's templates read, as small final classes that swift-mustache asks for a name with
/// `child(named:)` (a switch over stored values) instead of `[String: Any]` dictionaries: the values
/// were hashed into a dictionary for every page and hashed again for every tag looked up. Classes, not
/// structs: Mustache holds each context as `Any` and casts it again for every tag it looks up, which
/// copies a struct wider than three words (and retains each of its strings); a class is one reference. Each type
/// gives a template exactly the names and values its dictionary gave (an absent optional is an absent
/// key, so the lookup climbs the context stack as before), and a transform (`{{count(og)}}`) is run
/// on that same dictionary.
protocol SiteTemplateContext: MustacheParent, MustacheTransformable {
    /// Every name the context can have a value for.
    static var names: [String] { get }
}

extension SiteTemplateContext {
    /// The dictionary the context stands for.
    var dictionary: [String: Any] {
        var values: [String: Any] = [:]
        for name in Self.names {
            if let value = child(named: name) { values[name] = value }
        }
        return values
    }

    func transform(_ name: String) -> Any? { dictionary.transform(name) }
}

/// A page: the names every page has (`lang`, `root`, `labels`, …) and those of its kind of page.
final class SitePageContext: SiteTemplateContext {
    var lang: String
    var root: String
    var siteTitle: String
    var documentTitle: String
    var labels: [String: String]
    var alternates: [SiteLinkContext]
    var canonical: String
    // Lists.
    var heading: String?
    var breadcrumbs: [SiteLinkContext]?
    var hasBreadcrumbs: Bool?
    var stories: [SiteEntryContext]?
    var pager: SitePagerContext?
    // Story pages.
    var title: String?
    var datetime: String?
    var displayDate: String?
    var site: String?
    var sourceHref: String?
    var author: String?
    var link: String?
    var description: String?
    var body: String?
    var copies: [SiteCopyContext]?
    var related: [SiteEntryContext]?
    var hasCopies: Bool?
    var hasSameCategory: Bool?
    var hasRelated: Bool?
    var og: SiteOpenGraphContext?
    var jsonLD: String?
    // The archive and search pages.
    var months: [SiteLinkContext]?
    var categories: [SiteLinkContext]?
    var topics: [SiteLinkContext]?
    var hasTopics: Bool?
    var stylesheets: [SiteLinkContext]?
    // What the built-in templates show of the partials a build reuses (``SiteTheme``), as rendered;
    // not among ``names``: a theme folder's templates read what they read before.
    var reusedStoryCards: String?
    var reusedRelatedStories: String?
    var reusedHeader: String?
    var reusedFooter: String?
    var reusedBreadcrumbs: String?

    init(lang: String, root: String, siteTitle: String, documentTitle: String, labels: [String: String], alternates: [SiteLinkContext], canonical: String) {
        self.lang = lang
        self.root = root
        self.siteTitle = siteTitle
        self.documentTitle = documentTitle
        self.labels = labels
        self.alternates = alternates
        self.canonical = canonical
    }

    static let names = [
        "lang", "root", "siteTitle", "documentTitle", "labels", "alternates", "canonical", "heading", "breadcrumbs",
        "hasBreadcrumbs", "stories", "pager", "title", "datetime", "displayDate", "site", "sourceHref", "author", "link",
        "description", "body", "copies", "related", "hasCopies", "hasSameCategory", "hasRelated", "og", "jsonLD", "months",
        "categories", "topics", "hasTopics", "stylesheets",
    ]

    func child(named name: String) -> Any? {
        switch name {
        case "lang": lang
        case "root": root
        case "siteTitle": siteTitle
        case "documentTitle": documentTitle
        case "labels": labels
        case "alternates": alternates
        case "canonical": canonical
        case "heading": heading
        case "breadcrumbs": breadcrumbs
        case "hasBreadcrumbs": hasBreadcrumbs
        case "stories": stories
        case "pager": pager
        case "title": title
        case "datetime": datetime
        case "displayDate": displayDate
        case "site": site
        case "sourceHref": sourceHref
        case "author": author
        case "link": link
        case "description": description
        case "body": body
        case "copies": copies
        case "related": related
        case "hasCopies": hasCopies
        case "hasSameCategory": hasSameCategory
        case "hasRelated": hasRelated
        case "og": og
        case "jsonLD": jsonLD
        case "months": months
        case "categories": categories
        case "topics": topics
        case "hasTopics": hasTopics
        case "stylesheets": stylesheets
        case "_reused_storyCard": reusedStoryCards
        case "_reused_relatedStory": reusedRelatedStories
        case "_reused_header": reusedHeader
        case "_reused_footer": reusedFooter
        case "_reused_breadcrumbs": reusedBreadcrumbs
        default: nil
        }
    }
}

/// A story in a list or among a page's related stories.
final class SiteEntryContext: SiteTemplateContext {
    let title: String
    let href: String
    let datetime: String
    let displayDate: String
    let site: String
    let summary: String
    let sourceHref: String
    let image: String?

    init(title: String, href: String, datetime: String, displayDate: String, site: String, summary: String, sourceHref: String, image: String? = nil) {
        self.title = title
        self.href = href
        self.datetime = datetime
        self.displayDate = displayDate
        self.site = site
        self.summary = summary
        self.sourceHref = sourceHref
        self.image = image
    }

    static let names = ["title", "href", "datetime", "displayDate", "site", "summary", "sourceHref", "image"]

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "href": href
        case "datetime": datetime
        case "displayDate": displayDate
        case "site": site
        case "summary": summary
        case "sourceHref": sourceHref
        case "image": image
        default: nil
        }
    }
}

/// A link: a breadcrumb (`name`, `href`), a feed alternate (`type`, `title`, `href`), a stylesheet
/// (`href`), an archive line (`name`, `href`, `count`).
final class SiteLinkContext: SiteTemplateContext {
    let href: String
    let name: String?
    let type: String?
    let title: String?
    let count: Int?

    init(href: String, name: String? = nil, type: String? = nil, title: String? = nil, count: Int? = nil) {
        self.href = href
        self.name = name
        self.type = type
        self.title = title
        self.count = count
    }

    static let names = ["href", "name", "type", "title", "count"]

    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "name": self.name
        case "type": type
        case "title": title
        case "count": count
        default: nil
        }
    }
}

/// The same story at another outlet.
final class SiteCopyContext: SiteTemplateContext {
    let title: String
    let site: String
    let link: String?

    init(title: String, site: String, link: String? = nil) {
        self.title = title
        self.site = site
        self.link = link
    }

    static let names = ["title", "site", "link"]

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "site": site
        case "link": link
        default: nil
        }
    }
}

/// A list page's links to its neighbours.
final class SitePagerContext: SiteTemplateContext {
    let position: String
    let newer: String?
    let older: String?

    init(position: String, newer: String? = nil, older: String? = nil) {
        self.position = position
        self.newer = newer
        self.older = older
    }

    static let names = ["position", "newer", "older"]

    func child(named name: String) -> Any? {
        switch name {
        case "position": position
        case "newer": newer
        case "older": older
        default: nil
        }
    }
}

/// A story page's Open Graph values.
final class SiteOpenGraphContext: SiteTemplateContext {
    let title: String
    let url: String
    let siteName: String
    let description: String
    let published: String
    let image: String?

    init(title: String, url: String, siteName: String, description: String, published: String, image: String? = nil) {
        self.title = title
        self.url = url
        self.siteName = siteName
        self.description = description
        self.published = published
        self.image = image
    }

    static let names = ["title", "url", "siteName", "description", "published", "image"]

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "siteName": siteName
        case "description": description
        case "published": published
        case "image": image
        default: nil
        }
    }
}
