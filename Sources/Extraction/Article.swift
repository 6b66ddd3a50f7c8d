public import Foundation

/// What the extractor recovers from a news page.
public struct Article: Sendable, Hashable {
    public var title: String?
    public var authors: [String] = []
    public var editor: String?
    public var published: Date?
    public var leadImage: String?
    public var description: String?
    public var siteName: String?
    public var language: String?
    /// The canonical URL, else the page's own URL.
    public var url: String?
    /// The article body as HTML (not yet sanitized: publishers pass it through their cleaner).
    public var html: String
    /// The article text: paragraphs separated by blank lines, no title line.
    public var text: String
    /// How the body was found: by a site rule, or by the generic scorer (and why a rule was not used).
    public var method: ExtractionMethod
    /// The article's next page (下一页, `…_2.shtml`, `?page=2`) on the same host, when it goes on.
    public var nextPage: String?

    /// The host of the site rule that applied to the page but whose body selectors matched nothing
    /// (the site's layout changed): worth a warning.
    public var staleRule: String? {
        if case .staleRule(let host) = method { return host }
        return nil
    }

    public init(html: String, text: String, method: ExtractionMethod) {
        self.html = html
        self.text = text
        self.method = method
    }
}
