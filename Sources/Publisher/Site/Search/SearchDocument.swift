public import Foundation

/// One story as the site's search index knows it.
public struct SearchDocument: Sendable, Hashable {
    /// The story page's site-relative URL, e.g. `2022/07/abc123.html`.
    public var path: String
    public var title: String
    public var date: Date
    /// The source's display name.
    public var source: String
    /// The story's plain text (tags stripped).
    public var text: String

    public init(path: String, title: String, date: Date, source: String, text: String) {
        self.path = path
        self.title = title
        self.date = date
        self.source = source
        self.text = text
    }
}
