import Foundation
import HTML5Parser
import NewsCore

/// The publication time, from the best source the page has, in this order: what the page declares
/// (`article:published_time` and kin, JSON-LD `datePublished`, the site rule's selectors, `<time>`);
/// the date printed just above the article; an element whose class or id speaks of time or date.
/// A declared date without a time of day takes its time from a visible one of the same day.
extension MetadataReader {
    func declaredPublished(rule: SiteRule?) -> Date? {
        var candidates: [String] = []
        if let value = meta("article:published_time", "datePublished", "pubdate", "publishdate", "publish_date", "PubDate",
                            "og:release_date", "sailthru.date", "dc.date") { candidates.append(value) }
        for object in jsonLD { if let value = object["datePublished"] as? String { candidates.append(value) } }
        for selector in rule?.date ?? [] {
            if let node = (try? document.root.select(selector))?.first { candidates.append(node.textContent) }
        }
        for time in timeElements {
            candidates.append(time.attribute("datetime") ?? time.textContent)
        }
        for candidate in candidates {
            let trimmed = FastText.collapsed(candidate)
            if let date = dates.parse(trimmed) ?? dates.firstDate(inText: trimmed) { return date }
        }
        return nil
    }

    /// The first date in the short elements whose class or id speaks of time or date. A wrapper whose
    /// class merely contains "pub" or "date" and that holds much of the page is not read: its dates
    /// are the article's and the sidebar's, in no useful order.
    func datedElementPublished() -> Date? {
        let scope = document.root.index
        var index = document.firstChildIndex(of: scope)
        while index >= 0 {
            defer { index = document.followingIndex(after: index, within: scope) }
            guard document.kind(at: index) == .element else { continue }
            let className = document.attribute("class", at: index) ?? ""
            let id = document.attribute("id", at: index) ?? ""
            guard FastText.contains(className, "time") || FastText.contains(className, "date") || FastText.contains(className, "pub")
                || FastText.contains(id, "time") || FastText.contains(id, "date") else { continue }
            if let text = boundedText(of: index, limit: 300), let date = dates.firstDate(inText: text) { return date }
        }
        return nil
    }

    /// A time printed just above the article, as Chinese pages often do: the date nearest the
    /// article's opening words in the page text before them (the first one there is often the
    /// site's "today" banner).
    func publishedAbove(articleText: String, pageText: String) -> Date? {
        let opening = String(articleText.prefix(24))
        guard !opening.isEmpty, let start = FastText.firstIndex(of: opening, in: pageText) else { return nil }
        let before = pageText[..<start].suffix(400).split(separator: "\n").reversed()
        return before.lazy.compactMap { line in
            let line = FastText.collapsed(String(line))
            return dates.parse(line) ?? dates.firstDate(inText: line)
        }.first
    }

    /// The article text's first paragraph when it is a short line holding a date (a dateline, with
    /// its source or an "updated" note), with the date and the text after it.
    func dateline(openingParagraphOf text: String) -> (date: Date, rest: String)? {
        guard let end = FastText.firstIndex(of: "\n\n", in: text) else { return nil }
        let first = String(text[..<end])
        guard first.count <= 80, let date = dates.parse(first) ?? dates.firstDate(inText: first) else { return nil }
        return (date, String(text[text.utf8.index(end, offsetBy: 2)...]))
    }

    /// `date` with the time of day of `visible` when `date` is a bare day (local midnight) and
    /// `visible` falls on that day.
    func refining(_ date: Date, with visible: Date?) -> Date {
        guard let visible else { return date }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = dates.timeZone
        let midnight = calendar.startOfDay(for: date)
        guard date == midnight, calendar.isDate(visible, inSameDayAs: date), visible != date else { return date }
        return visible
    }

    /// The text under an element, or nil when it runs past `limit` bytes.
    func boundedText(of scope: Int, limit: Int) -> String? {
        var text = ""
        var index = document.firstChildIndex(of: scope)
        while index >= 0 {
            if document.kind(at: index) == .text {
                text += document.data(at: index)
                if text.utf8.count > limit { return nil }
            }
            index = document.followingIndex(after: index, within: scope)
        }
        return text
    }
}
