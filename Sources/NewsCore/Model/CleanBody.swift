/// An item's body as the outputs publish it, cleaned once at import and kept in the archive, so that
/// publishing fills a template instead of parsing and cleaning the item's HTML again.
///
/// Publisher's `CleanStory` makes it and is the only reader: it uses it while ``key`` still matches
/// the item and the cleaner (else it cleans the item's HTML again, as for items archived before
/// bodies were kept).
public struct CleanBody: Sendable, Hashable {
    /// The cleaned body as HTML, one line per block (no blank line; see `CleanStory.html`).
    public var html: String
    /// The body's head image, else the item's og:image; nil when there is neither.
    public var headImage: String?
    /// What the body was made from: a hash of the cleaner's version and the item's title, link,
    /// HTML and og:image (see `CleanStory.key(for:)`).
    public var key: String

    public init(html: String, headImage: String?, key: String) {
        self.html = html
        self.headImage = headImage
        self.key = key
    }
}
