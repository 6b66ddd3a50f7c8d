/// The dates a list entry or story page shows of each story, made only for the stories whose pages
/// are rendered (a build that renders a few pages formats a few dates, not the whole site's).
struct SiteEntryDates {
    var stories: [SiteStory]
    var dates: SiteDates

    subscript(index: Int) -> (datetime: String, display: String) {
        let date = stories[index].date
        return (dates.iso8601(date), dates.display(date))
    }
}
