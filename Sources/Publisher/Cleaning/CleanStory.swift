public import HTML5Parser
public import NewsCore

/// An item's body as every output publishes it: the cleaned body and the head image chosen from it.
/// Every format gets its body here, so that how the body is cleaned (and whether it is cleaned at
/// publish time or read from what the import kept) is decided in one place.
///
/// The import cleans each new or changed item once, from the same tree that gave its text and
/// fingerprint (``cleanBody(of:cleaning:)``), and the archive keeps the result as the item's
/// ``Item/cleanBody``; publishing then only reads it. An item without one (archived before bodies
/// were kept, or stored by a run without outputs), or whose body was made from another title, link,
/// HTML, og:image or cleaner version, is cleaned here. Either way the bytes are the same.
public struct CleanStory {
    /// The cleaned body as HTML: outside preformatted text a whitespace run that spans lines is one
    /// line feed, and the line breaks that matter (in `<pre>` text and attribute values) are written
    /// as `&#10;`, so the body holds no blank line (Markdown-based formats keep it one HTML block).
    public let html: String
    /// The first real article image, else the item's og:image; nil when there is neither.
    public let headImage: String?

    /// Bumped whenever a change to the cleaner changes the bodies it makes: bodies kept by an older
    /// cleaner are then cleaned again when published.
    public static let cleanerVersion = 1

    public init(_ item: Item) {
        let body = item.cleanBody.flatMap { $0.key == Self.key(for: item) ? $0 : nil }
            ?? Self.cleanBody(of: item, cleaning: HTMLParser.parseFragment(item.html, context: "div"))
        html = body.html
        headImage = body.headImage
    }

    /// The cleaned body as a tree (parsed from ``html`` on every call).
    public var fragment: HTMLNode { HTMLParser.parseFragment(html, context: "div") }

    /// Cleans `fragment`, the parse of `item.html` (`HTMLParser.parseFragment(item.html, context: "div")`),
    /// in place, and returns the body to keep as the item's ``Item/cleanBody``.
    public static func cleanBody(of item: Item, cleaning fragment: HTMLNode) -> CleanBody {
        ArticleBodyCleaner(title: item.title, baseURL: item.link).clean(fragment: fragment)
        let headImage = HeadImagePicker.pick(in: fragment, ogImage: item.ogImage)
        return CleanBody(html: HexoBody.html(of: fragment), headImage: headImage, key: key(for: item))
    }

    /// What a body cleaned from `item` depends on: the cleaner's version and the item's title, link,
    /// HTML (through its content hash) and og:image.
    public static func key(for item: Item) -> String {
        StableHash.hex(unitSeparated: [String(cleanerVersion), item.contentHash, item.link ?? "", item.ogImage ?? ""])
    }
}
