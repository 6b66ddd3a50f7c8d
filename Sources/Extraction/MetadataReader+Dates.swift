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
            if let node = (try? document.root.select(selector))?.first { candidates += Self.dateTexts(of: node) }
        }
        candidates += scriptDates(rule: rule)
        // <time> without a datetime: its text, when short (texts from one walk: <time>s may nest).
        var timeTexts: [Int: String] = [:]
        if timeElements.contains(where: { $0.attribute("datetime") == nil }) {
            document.forEachElementText(under: document.root.index, upTo: 1024) { index, text in
                if let text, document.name(at: index) == "time" { timeTexts[index] = text }
            }
        }
        for time in timeElements {
            if let value = time.attribute("datetime") ?? timeTexts[time.index] { candidates.append(value) }
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

    /// What an element a rule's date selector chose says of the time: the values of its time-named
    /// attributes, then its text (163.com's `data-ptime="2019-05-17 20:02:46"` is on the container of
    /// the whole article, whose text prints the day only).
    static func dateTexts(of node: HTMLNode) -> [String] {
        var texts: [String] = []
        for attribute in node.attributes {
            let name = attribute.name.lowercased()
            if name.contains("time") || name.contains("date") { texts.append(attribute.value) }
        }
        return texts + [node.textContent]
    }

    /// The times the rule's script patterns find in the page's scripts.
    func scriptDates(rule: SiteRule?) -> [String] {
        guard let patterns = rule?.scriptDatePatterns, !patterns.isEmpty else { return [] }
        let regexes = patterns.compactMap { try? NSRegularExpression(pattern: $0) }
        var found: [String] = []
        for script in (try? document.root.select("script")) ?? [] {
            let text = script.textContent
            let range = NSRange(text.startIndex..., in: text)
            for regex in regexes {
                guard let match = regex.firstMatch(in: text, range: range), match.numberOfRanges > 1,
                    let capture = Range(match.range(at: 1), in: text)
                else { continue }
                found.append(String(text[capture]))
            }
        }
        return found
    }

    /// An ISO-style timestamp ending in `Z` or a `±hh:mm` offset, or a text naming GMT or UTC.
    static func namesItsZone(_ value: String) -> Bool {
        if value.contains("GMT") || value.contains("UTC") { return true }
        guard let time = value.firstIndex(of: "T") ?? value.firstIndex(of: " ") else { return false }
        let rest = value[time...]
        return rest.hasSuffix("Z") || rest.dropFirst().contains(where: { $0 == "+" }) || rest.split(separator: ":").count > 1 && rest.dropFirst().contains("-")
    }

    /// The texts of the short elements whose class or id speaks of time or date, in document order
    /// (read before pruning may take them away; parsed only when no better source gives the date).
    /// A wrapper whose class merely contains "pub" or "date" and that holds much of the page is
    /// passed over: its dates are the article's and the sidebar's, in no useful order.
    func datedElementTexts() -> [String] {
        // The texts come from one walk, children first; they are listed in document order.
        var texts: [Int: String] = [:]
        document.forEachElementText(under: document.root.index, upTo: 300) { index, text in
            guard let text, Self.speaksOfTime(index, in: document), NewsDateParser.mayHoldDate(text) else { return }
            texts[index] = text
        }
        guard !texts.isEmpty else { return [] }
        var ordered: [String] = []
        document.forEachElementIndex(under: document.root.index) { index in
            if let text = texts[index] { ordered.append(text) }
        }
        return ordered
    }

    private static func speaksOfTime(_ index: Int, in document: HTMLDocument) -> Bool {
        let className = document.attribute("class", at: index) ?? ""
        let id = document.attribute("id", at: index) ?? ""
        return FastText.contains(className, "time") || FastText.contains(className, "date") || FastText.contains(className, "pub")
            || FastText.contains(id, "time") || FastText.contains(id, "date")
    }

    func datedElementPublished(_ texts: [String]) -> Date? {
        texts.lazy.compactMap { dates.firstDate(inText: $0) }.first
    }

    /// A time printed just above the article, as Chinese pages often do: the date nearest the
    /// article's opening words in the page text before them (the first one there is often the
    /// site's "today" banner).
    func publishedAbove(linesAbove: [Substring]) -> Date? {
        var budget = 400
        for line in linesAbove {
            budget -= line.utf8.count / 3 + 1
            if budget < 0 { break }
            if let date = date(in: FastText.collapsed(String(line))) { return date }
        }
        return nil
    }

    /// A dateline at the top of the article text: a short paragraph holding a date ("2005-04-05
    /// 06:40更新 来源：转载文章"), alone or after a few other short header lines (a repeated headline,
    /// bylines). Returns the date and the text after it: the header is metadata, not article text.
    func dateline(openingParagraphOf text: String) -> (date: Date, rest: String)? {
        // The header is short: looking at the opening few hundred characters is enough.
        let paragraphs = FastText.openingParagraphs(of: text)
        var consumed = 0
        for paragraph in paragraphs {
            guard paragraph.count <= 80, !paragraph.contains("。" as Character) else { return nil }
            consumed += paragraph.utf8.count + 2
            if let date = date(in: String(paragraph)) {
                return (date, String(text[text.utf8.index(text.startIndex, offsetBy: min(consumed, text.utf8.count))...]))
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
        for line in after.map(String.init) where FastText.contains(line, "发表") || FastText.contains(line, "发布")
            || FastText.contains(line, "osted") || FastText.contains(line, "ublished") {
            if let date = date(in: FastText.collapsed(line)) { return date }
        }
        return nil
    }

    /// The date in a short line: a numeric date anywhere in it, else the whole line in any form the
    /// date parser knows, tried only when the line names a month (the full parser is the costly part).
    func date(in line: String) -> Date? {
        if let date = dates.firstDate(inText: line) { return date }
        guard line.count <= 80, Self.mayNameAMonth(line) else { return nil }
        return dates.parse(line)
    }

    static func mayNameAMonth(_ line: String) -> Bool {
        let lowered = line.lowercased()
        let months: [StaticString] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        return months.contains { FastText.contains(lowered, $0) }
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
}
