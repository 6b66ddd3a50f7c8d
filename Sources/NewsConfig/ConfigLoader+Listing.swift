import FeedParsing
import NewsCore
import Yams

/// A source's `type:` (`feed`, the default; `html`; `json`) and, for the other two, its `list:`
/// mapping: `items`, `title`, `link`, `date`, `summary`, `image`, and for html `next` and `pages`.
extension ConfigLoader {
    mutating func listing(_ entry: Node.Mapping, in context: String) -> SourceListing? {
        let type = string(entry, "type", in: context)?.lowercased() ?? "feed"
        if type == "feed" {
            if entry["list"] != nil { fail(entry["list"], Self.path(context, "list"), "list is for sources of type html or json") }
            return nil
        }
        guard let kind = SourceListing.Kind(rawValue: type) else {
            fail(entry["type"], Self.path(context, "type"), "expected feed, html or json")
            return nil
        }
        let listContext = Self.path(context, "list")
        guard let node = entry["list"], let mapping = node.mapping else {
            fail(entry["list"] ?? entry["type"], listContext, "a \(type) source needs a list mapping (items, title, link, date, …)")
            return nil
        }
        checkKeys(mapping, allowed: ["items", "title", "link", "date", "summary", "image", "next", "pages"], context: listContext)
        var listing = SourceListing(kind: kind)
        listing.items = string(mapping, "items", in: listContext)
        listing.title = string(mapping, "title", in: listContext)
        listing.link = string(mapping, "link", in: listContext)
        listing.date = string(mapping, "date", in: listContext)
        listing.summary = string(mapping, "summary", in: listContext)
        listing.image = string(mapping, "image", in: listContext)
        listing.next = string(mapping, "next", in: listContext)
        listing.pages = count(mapping, "pages", in: listContext, range: 1...100) ?? (listing.next == nil ? 1 : 5)
        for problem in listing.problems {
            fail(mapping[problem.field] ?? node, Self.path(listContext, problem.field), problem.message)
        }
        return listing
    }
}
