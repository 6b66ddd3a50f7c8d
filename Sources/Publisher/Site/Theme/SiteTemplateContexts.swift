import Mustache

/// What a page's templates read, as small value types that swift-mustache asks for a name with
/// `child(named:)` (a switch over stored values) instead of `[String: Any]` dictionaries: the values
/// were hashed into a dictionary for every page and hashed again for every tag looked up. Each type
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
struct SitePageContext: SiteTemplateContext {
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
        default: nil
        }
    }
}

/// A story in a list or among a page's related stories.
struct SiteEntryContext: SiteTemplateContext {
    var title: String
    var href: String
    var datetime: String
    var displayDate: String
    var site: String
    var summary: String
    var sourceHref: String
    var image: String?

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
struct SiteLinkContext: SiteTemplateContext {
    var href: String
    var name: String?
    var type: String?
    var title: String?
    var count: Int?

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
struct SiteCopyContext: SiteTemplateContext {
    var title: String
    var site: String
    var link: String?

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
struct SitePagerContext: SiteTemplateContext {
    var position: String
    var newer: String?
    var older: String?

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
struct SiteOpenGraphContext: SiteTemplateContext {
    var title: String
    var url: String
    var siteName: String
    var description: String
    var published: String
    var image: String?

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
