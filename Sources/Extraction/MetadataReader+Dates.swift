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
        // A value that names its zone beats one read in the source's zone ("2019-11-20T01:50:59.403"
        // in a meta tag next to "…59.403Z" in JSON-LD).
        let ordered = candidates.map(FastText.collapsed).enumerated()
            .sorted { (Self.namesItsZone($0.element) ? 0 : 1, $0.offset) < (Self.namesItsZone($1.element) ? 0 : 1, $1.offset) }
        for (_, candidate) in ordered {
            if let date = dates.parse(candidate) ?? dates.firstDate(inText: candidate) { return date }
        }
        return nil
    }

    /// An ISO-style timestamp ending in `Z` or a `±hh:mm` offset, or a text naming GMT or UTC.
    static func namesItsZone(_ value: String) -> Bool {
        if value.contains("GMT") || value.contains("UTC") { return true }
        guard let time = value.firstIndex(of: "T") ?? value.firstIndex(of: " ") else { return false }
        let rest = value[time...]
        return rest.hasSuffix("Z") || rest.dropFirst().contains(where: { $0 == "+" }) || rest.split(separator: ":").count > 1 && rest.dropFirst().contains("-")
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

    /// A dateline at the top of the article text: a short paragraph holding a date ("2005-04-05
    /// 06:40更新 来源：转载文章"), alone or after a few other short header lines (a repeated headline,
    /// bylines). Returns the date and the text after it: the header is metadata, not article text.
    func dateline(openingParagraphOf text: String) -> (date: Date, rest: String)? {
        let paragraphs = text.split(separator: "\n\n", maxSplits: 6, omittingEmptySubsequences: false)
        for (position, paragraph) in paragraphs.dropLast().enumerated() {
            guard paragraph.count <= 80, !paragraph.contains("。") else { return nil }
            let line = String(paragraph)
            if let date = dates.parse(line) ?? dates.firstDate(inText: line) {
                return (date, paragraphs[(position + 1)...].joined(separator: "\n\n"))
            }
            // Only short header lines (a headline, a byline) may come before the dateline.
            guard paragraph.count <= 40 else { return nil }
        }
        return nil
    }

    /// A "posted" line just below the article, as blogs print it ("发表于2004年12月27日12:40").
    func publishedBelow(articleText: String, pageText: String) -> Date? {
        let closing = String(articleText.suffix(24))
        guard !closing.isEmpty, let start = FastText.firstIndex(of: closing, in: pageText) else { return nil }
        let after = pageText[start...].dropFirst(closing.count).prefix(300).split(separator: "\n").prefix(3)
        for line in after where ["发表", "发布", "posted", "Posted", "published", "Published"].contains(where: line.contains) {
            let line = FastText.collapsed(String(line))
            if let date = dates.firstDate(inText: line) ?? dates.parse(line) { return date }
        }
        return nil
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
