import HTML5Parser
public import NewsCore

/// An item's body as every output publishes it: the cleaned fragment and the head image chosen
/// from it. Every format gets its body here, so that how the body is cleaned (and whether it is
/// cleaned at publish time or read from what the import kept) is decided in one place.
public struct CleanStory {
    /// The cleaned body; formats serialise it as they need (Hexo keeps it one Markdown HTML block).
    public let fragment: HTMLNode
    /// The first real article image, else the item's og:image; nil when there is neither.
    public let headImage: String?

    public init(_ item: Item) {
        fragment = ArticleBodyCleaner(title: item.title, baseURL: item.link).cleanedFragment(item.html)
        headImage = HeadImagePicker.pick(in: fragment, ogImage: item.ogImage)
    }

    /// The cleaned body as HTML.
    public var html: String { fragment.innerHTML }
}
