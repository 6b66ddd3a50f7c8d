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
    /// What the document is made from, when the caller knows it (a revision of the story): a writer with a
    /// state folder takes a document whose fingerprint is the one it recorded last time as unchanged,
    /// without reading its text or its file.
    public var fingerprint: String?

    public init(path: String, title: String, date: Date, source: String, text: String, fingerprint: String? = nil) {
        self.path = path
        self.title = title
        self.date = date
        self.source = source
        self.text = text
        self.fingerprint = fingerprint
    }
}
