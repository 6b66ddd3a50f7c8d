/// How to read items from a source that is not a feed: an HTML list page (`type: html`) read with
/// CSS selectors, or a JSON (or JSONP) roll list (`type: json`) read with field paths such as
/// `result.data[].title`.
///
/// ```swift
/// let listing = SourceListing(kind: .html, items: "ul.news > li", title: "a", link: "a", date: ".time")
/// ```
public struct SourceListing: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case html, json
    }

    public var kind: Kind
    /// HTML: the selector of each item. JSON: the path of the item array (`result.data[]`); derived
    /// from the field paths when not given.
    public var items: String?
    /// HTML: selectors inside an item (`a.title`, or `a.title@href` for an attribute). JSON: field paths.
    public var title: String?
    public var link: String?
    public var date: String?
    public var summary: String?
    public var image: String?
    /// HTML: the selector of the link to the next list page.
    public var next: String?
    /// How many list pages to read at most (the first included).
    public var pages: Int

    public init(kind: Kind, items: String? = nil, title: String? = nil, link: String? = nil, date: String? = nil,
                summary: String? = nil, image: String? = nil, next: String? = nil, pages: Int = 1) {
        self.kind = kind
        self.items = items
        self.title = title
        self.link = link
        self.date = date
        self.summary = summary
        self.image = image
        self.next = next
        self.pages = pages
    }

    /// The fields that are set, by name, in a fixed order (for messages).
    public var fields: [(name: String, value: String)] {
        [("title", title), ("link", link), ("date", date), ("summary", summary), ("image", image)]
            .compactMap { name, value in value.map { (name, $0) } }
    }
}
