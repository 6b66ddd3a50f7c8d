import HTML5Parser
import NewsCore
import Publisher

/// An item's HTML on its way through the import, parsed the first time something asks and then
/// read from the same tree: its text (the full-text decision, a date in the text), its block text
/// (a title from the text), its story blocks (the fingerprint) and last its clean body (the cleaner
/// works on the tree in place, so it comes after the others; anything asked afterwards parses again).
/// A new item's HTML is so parsed once.
final class HTMLText {
    let html: String
    private var tree: HTMLNode?

    init(_ html: String) {
        self.html = html
    }

    /// The parsed fragment (`HTMLParser.parseFragment(html, context: "div")`), read only.
    private var fragment: HTMLNode {
        if let tree { return tree }
        let parsed = HTMLParser.parseFragment(html, context: "div")
        tree = parsed
        return parsed
    }

    private(set) lazy var text = fragment.textContent
    private(set) lazy var blockText = ItemTitle.blockText(of: fragment)
    private(set) lazy var storyBlocks = ItemNormalizer.storyBlocks(of: fragment)

    /// The body the outputs will publish for `item`, whose HTML this is (see `CleanStory`; an item
    /// with other HTML gets its own parse).
    func cleanBody(for item: Item) -> CleanBody {
        guard item.html == html else { return HTMLText(item.html).cleanBody(for: item) }
        let consumed = fragment
        tree = nil
        return CleanStory.cleanBody(of: item, cleaning: consumed)
    }
}
