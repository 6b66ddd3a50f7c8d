/// The reused partials' text during one build (``SiteTheme``): each story's card and related-story
/// line by story, let go once the build's pages are past the story; the header and footer by root;
/// the breadcrumb links by their links. Each is rendered through swift-mustache the first time a
/// page needs it.
///
/// A card or related line reads only its story's entry, in which the page's root starts each link
/// (`href`, `sourceHref`, a local `image`) and nothing else depends on it; so it is rendered once
/// with a marker for the root and split there, and a page with root `../../` joins the pieces with
/// `../../`. That gives the text Mustache would give for that root: a root (`../` repeated) is the
/// same escaped, a byte-level escaper escapes the marker and the rest of a link apart, and a story
/// whose own text (title, summary, …) holds the marker is rendered for each page as before.
final class SiteReusedFragments {
    let theme: SiteTheme
    private var cards = SiteStoryFragments()
    private var related = SiteStoryFragments()
    private var headers: [String: String] = [:]
    private var footers: [String: String] = [:]
    private var breadcrumbs: [String: String] = [:]

    init(theme: SiteTheme) {
        self.theme = theme
    }

    /// Fills in what the page `template` reads of the reused partials: the header and footer for the
    /// page's root, its breadcrumb links, the cards of its `stories` (list pages) and the lines of its
    /// `related` stories (story pages), indexes of the stories whose entries `context` holds, in the
    /// same order; `entry` makes a story's entry for a root.
    func fill(
        _ context: SitePageContext, template: String, stories: [Int] = [], related relatedStories: [Int] = [],
        entry: (Int, String) -> SiteEntryContext
    ) {
        guard theme.reusingPages.contains(template) else { return }
        let root = context.root
        if theme.reused.contains(.header) {
            context.reusedHeader = Self.cached(&headers, root) { theme.render(.header, for: context) }
        }
        if theme.reused.contains(.footer) {
            context.reusedFooter = Self.cached(&footers, root) { theme.render(.footer, for: context) }
        }
        if theme.reused.contains(.breadcrumbs), let links = context.breadcrumbs {
            let key = links.map { $0.href + "\u{1F}" + ($0.name ?? "\u{0}") }.joined(separator: "\u{1E}")
            context.reusedBreadcrumbs = Self.cached(&breadcrumbs, key) { theme.render(.breadcrumbs, for: context) }
        }
        if theme.reused.contains(.storyCard), let entries = context.stories {
            context.reusedStoryCards = cards.text(of: stories, entries: entries, root: root, entry: entry) { theme.render(.storyCard, for: $0) }
        }
        if theme.reused.contains(.relatedStory), let entries = context.related {
            context.reusedRelatedStories = related.text(of: relatedStories, entries: entries, root: root, entry: entry) {
                theme.render(.relatedStory, for: $0)
            }
        }
    }

    /// The text `cache` holds for `key`, rendered and kept the first time it is asked for.
    private static func cached(_ cache: inout [String: String], _ key: String, render: () -> String) -> String {
        if let text = cache[key] { return text }
        let text = render()
        cache[key] = text
        return text
    }

    /// No page visited from now on shows a card of a story before `index`.
    func cardsNeeded(from index: Int) { cards.forget(below: index) }

    /// No page visited from now on shows a related line of a story before `index`.
    func relatedNeeded(from index: Int) { related.forget(below: index) }
}

/// Rendered fragments by story index, as the pieces between the root's places; forgotten below a
/// rising index.
struct SiteStoryFragments {
    /// Stands for the root while a fragment is rendered: never part of a page otherwise.
    static let marker = "\u{0}root\u{0}"

    private var byStory: [Int: [String]] = [:]
    private var floor = 0

    mutating func text(
        of stories: [Int], entries: [SiteEntryContext], root: String, entry: (Int, String) -> SiteEntryContext,
        render: (SiteEntryContext) -> String
    ) -> String {
        // A root the escaper would change (only a 404 page's, from the base URL) is rendered as it is.
        let plainRoot = SiteEscaping.html(root) == root && !root.utf8.contains(0)
        var joined = ""
        for (story, shown) in zip(stories, entries) {
            if plainRoot, let pieces = byStory[story] ?? make(story, entry: entry, render: render) {
                joined += pieces.joined(separator: root)
            } else {
                joined += render(shown)
            }
        }
        return joined
    }

    /// The story's fragment rendered with the marker for its root, in pieces; nil when the story's
    /// own text holds a zero byte (it could hold the marker).
    private mutating func make(_ story: Int, entry: (Int, String) -> SiteEntryContext, render: (SiteEntryContext) -> String) -> [String]? {
        let marked = entry(story, Self.marker)
        let marker = Self.marker
        let own = [marked.title, marked.datetime, marked.displayDate, marked.site, marked.summary]
            + [marked.href, marked.sourceHref, marked.image ?? ""].map { $0.hasPrefix(marker) ? String($0.dropFirst(marker.count)) : $0 }
        guard !own.contains(where: { $0.utf8.contains(0) }) else { return nil }
        guard let pieces = Self.pieces(of: render(marked)) else { return nil }
        if story >= floor { byStory[story] = pieces }
        return pieces
    }

    /// `text` cut at each marker; nil when a zero byte in it does not start one.
    static func pieces(of text: String) -> [String]? {
        let marker = Array(Self.marker.utf8)
        var pieces: [String] = []
        var bytes = text.utf8[...]
        while let zero = bytes.firstIndex(of: 0) {
            pieces.append(String(Substring(bytes[..<zero])))
            let rest = bytes[zero...]
            guard rest.starts(with: marker) else { return nil }
            bytes = rest.dropFirst(marker.count)
        }
        pieces.append(String(Substring(bytes)))
        return pieces
    }

    mutating func forget(below index: Int) {
        guard index > floor else { return }
        if index - floor > byStory.count {
            byStory = byStory.filter { $0.key >= index }
        } else {
            for story in floor..<index { byStory[story] = nil }
        }
        floor = index
    }
}
