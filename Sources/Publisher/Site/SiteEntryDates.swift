/// The dates a list entry or story page shows of each story, made only for the stories whose pages
/// are rendered (a build that renders a few pages formats a few dates, not the whole site's), and
/// each made once: a story shows on its own page and in half a dozen lists.
final class SiteEntryDates {
    let stories: [SiteStory]
    let dates: SiteDates
    private var made: [(datetime: String, display: String)?]

    init(stories: [SiteStory], dates: SiteDates) {
        self.stories = stories
        self.dates = dates
        made = Array(repeating: nil, count: stories.count)
    }

    subscript(index: Int) -> (datetime: String, display: String) {
        if let known = made[index] { return known }
        let date = stories[index].date
        let formatted = (datetime: dates.iso8601(date), display: dates.display(date))
        made[index] = formatted
        return formatted
    }
}
