/// The reused partials' text during one build (``SiteTheme``): each story's card and related-story
/// line by story and link root, let go once the build's pages are past the story, and the header and
/// footer by root. Each is rendered through swift-mustache the first time a page needs it.
final class SiteReusedFragments {
    let theme: SiteTheme
    private var cards = SiteStoryFragments()
    private var related = SiteStoryFragments()
    private var headers: [String: String] = [:]
    private var footers: [String: String] = [:]

    init(theme: SiteTheme) {
        self.theme = theme
    }

    /// Fills in what the page `template` reads of the reused partials: the header and footer for the
    /// page's root, the cards of its `stories` (list pages) and the lines of its `related` stories
    /// (story pages), indexes of the stories whose entries `context` holds, in the same order.
    func fill(_ context: SitePageContext, template: String, stories: [Int] = [], related relatedStories: [Int] = []) {
        guard theme.reusingPages.contains(template) else { return }
        let root = context.root
        if theme.reused.contains(.header) {
            context.reusedHeader = headers[root] ?? {
                let text = theme.render(.header, for: context)
                headers[root] = text
                return text
            }()
        }
        if theme.reused.contains(.footer) {
            context.reusedFooter = footers[root] ?? {
                let text = theme.render(.footer, for: context)
                footers[root] = text
                return text
            }()
        }
        if theme.reused.contains(.storyCard), let entries = context.stories {
            context.reusedStoryCards = cards.text(of: stories, entries: entries, root: root) { theme.render(.storyCard, for: $0) }
        }
        if theme.reused.contains(.relatedStory), let entries = context.related {
            context.reusedRelatedStories = related.text(of: relatedStories, entries: entries, root: root) { theme.render(.relatedStory, for: $0) }
        }
    }

    /// No page visited from now on shows a card of a story before `index`.
    func cardsNeeded(from index: Int) { cards.forget(below: index) }

    /// No page visited from now on shows a related line of a story before `index`.
    func relatedNeeded(from index: Int) { related.forget(below: index) }
}

/// Rendered fragments by story index and link root, forgotten below a rising index.
struct SiteStoryFragments {
    private var byStory: [Int: [(root: String, text: String)]] = [:]
    private var floor = 0

    mutating func text(of stories: [Int], entries: [SiteEntryContext], root: String, render: (SiteEntryContext) -> String) -> String {
        var joined = ""
        for (story, entry) in zip(stories, entries) {
            if let known = byStory[story]?.first(where: { $0.root == root }) {
                joined += known.text
                continue
            }
            let text = render(entry)
            if story >= floor { byStory[story, default: []].append((root, text)) }
            joined += text
        }
        return joined
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
