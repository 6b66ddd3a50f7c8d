import Foundation
import HTML5Parser
import NewsCore

/// The headline, from the best source the page has: the declared one (og:title, twitter:title,
/// JSON-LD `headline`); the page's `<h1>` when the `<title>` holds it; the line printed just above
/// the article that the `<title>` holds; else the `<title>` without its site part.
extension MetadataReader {
    /// The title the page declares, or its `<h1>` when the `<title>` holds it: known before the
    /// article is found. The site rule's title selectors come first (WeChat pages of 2018 declare
    /// none, and print the account's name in bold above the article).
    func declaredTitle(rule: SiteRule?) -> (title: String, isPageHeading: Bool)? {
        for selector in rule?.title ?? [] {
            guard let node = (try? document.root.select(selector))?.first else { continue }
            let text = FastText.collapsed(node.textContent)
            if !text.isEmpty { return (text, false) }
        }
        if let h1 = h1Text, let pageTitle,
           FastText.contains(pageTitle, h1), Self.weightedLength(h1) * 5 >= Self.weightedLength(pageTitle) * 2 {
            return (h1, true)
        }
        if let og = meta("og:title", "twitter:title") { return (FastText.collapsed(og), false) }
        for object in jsonLD {
            if let headline = object["headline"] as? String, !FastText.trimmed(headline).isEmpty { return (FastText.collapsed(headline), false) }
        }
        return nil
    }

    /// The article's headline, clean of icon-font characters and page markers: the declared one,
    /// unless it is an `<h1>` that only names the site ("显示" on a forum archive) while the article
    /// opens with its own headline line; else the one ``title(linesAbove:headingAbove:openingLine:articleOpening:)``
    /// finds on the page.
    func headline(declared: (title: String, isPageHeading: Bool)?, linesAbove: [Substring], headingAbove: () -> String?,
                  openingLine: String?, articleOpening: String) -> String? {
        let found: String?
        if let declared {
            if declared.isPageHeading, let openingLine, Self.looksLikeASiteName(declared.title, articleOpening: articleOpening) {
                found = openingLine
            } else {
                found = declared.title
            }
        } else {
            found = title(linesAbove: linesAbove, headingAbove: headingAbove, openingLine: openingLine, articleOpening: articleOpening)
        }
        return found.map(Self.withoutIconCharacters)
    }

    /// The headline when the page declares none: the longest of the lines just above the article
    /// that the `<title>` holds (a headline printed with its subtitle, or a title whose site part
    /// the page does not print); else the `<title>`'s headline part when the page prints it above
    /// the article; else the nearest heading above the article when it is printed just there; else that headline part.
    func title(linesAbove: [Substring], headingAbove findHeadingAbove: () -> String?, openingLine: String?,
               articleOpening: String) -> String? {
        let nearby = linesAbove.prefix(12).map { FastText.collapsed(String($0)) }
        guard let pageTitle, !pageTitle.isEmpty else {
            // No <title>: the <h1>, the article's own short opening line (a headline inside the
            // article's container), a heading printed just above the article, or the <h1> after all.
            // A blog's name in its <h1> gives way to the post's own headline when one is found.
            if let h1Text, !Self.looksLikeASiteName(h1Text, articleOpening: articleOpening) { return h1Text }
            if let openingLine { return openingLine }
            if let headingAbove = findHeadingAbove(), nearby.prefix(3).contains(where: { FastText.contains($0, headingAbove) }) { return headingAbove }
            return h1Text
        }
        let printed = nearby.filter { $0.count >= 4 && $0 != pageTitle && FastText.contains(pageTitle, $0) }
        if let line = printed.max(by: { $0.count < $1.count }) { return line }
        let part = headlinePart(of: pageTitle)
        // A <title> that names only the site ("显示", "北医新闻网", a blog's name): the article's own short
        // opening line is its headline when it has one.
        if let openingLine, Self.looksLikeASiteName(part, articleOpening: articleOpening) { return openingLine }
        // The <title>'s headline is not printed above the article: it names the site or a section,
        // and the page's own heading is the better guess.
        // (The <title> itself, rendered where a page misplaces it, does not count as printed.)
        if !nearby.contains(where: { $0 != pageTitle && FastText.contains($0, part) }), let headingAbove = findHeadingAbove(),
           nearby.contains(where: { FastText.contains($0, headingAbove) }) {
            return headingAbove
        }
        return part
    }

    /// The nearest heading before the article: an `<h1>`–`<h4>`, an element whose class or id says
    /// title or heading, or bold or large text, 4 to 80 characters long, not a date or a breadcrumb.
    /// Old pages print their headline so while their `<title>` names only the site.
    func headingAbove(_ body: HTMLNode) -> String? {
        var index = body.index
        for _ in 0..<400 {
            index = previousInTreeOrder(index)
            guard index > 0 else { return nil }
            guard document.kind(at: index) == .element, isHeadingLike(index) else { continue }
            let text = FastText.collapsed(document.node(at: index).textContent)
            guard (4...80).contains(text.count), Self.isHeadlineShaped(text) else { continue }
            return text
        }
        return nil
    }

    /// A title part too short to be a headline (five Chinese characters or ten letters at most), or one
    /// that shares under half its characters with the article's opening.
    static func looksLikeASiteName(_ part: String, articleOpening: String) -> Bool {
        if weightedLength(part) <= 10 { return true }
        let characters = Set(part.unicodeScalars.filter { !$0.properties.isWhitespace && !CharacterSet.punctuationCharacters.contains($0) })
        guard !characters.isEmpty else { return true }
        let opening = Set(articleOpening.unicodeScalars)
        return characters.filter(opening.contains).count * 2 < characters.count
    }

    /// The article text's first line when it is shaped like a headline (after a copy of the
    /// `<title>` that some pages print as their first line).
    func openingHeadline(of text: String) -> String? {
        FastText.openingParagraphs(of: text, byteLimit: 1200, count: 3).lazy.map(String.init)
            .first { $0 != pageTitle }
            .flatMap { Self.isOpeningHeadline($0) ? $0 : nil }
    }

    /// Labels that open an article's first section, not its headline.
    static let sectionLabels: Set<String> = ["编者按", "编者的话", "导读", "摘要", "核心提示", "内容提要", "前言", "引言"]

    /// A line that can be a headline: short, no full stop, not a label ending in a colon, not a date
    /// line or a breadcrumb.
    static func isOpeningHeadline(_ line: String) -> Bool {
        !sectionLabels.contains(line) && (2...40).contains(line.count) && !line.contains(where: { "。！？!?．".contains($0) }) && !line.hasSuffix("：")
            && !line.hasSuffix(":") && isHeadlineShaped(line)
    }

    /// Not a date line, a breadcrumb or a "you are here" line.
    static func isHeadlineShaped(_ text: String) -> Bool {
        !NewsDateParser.mayHoldDate(text) && !["|", "»", ">", "›", "首页", "当前位置", "您的位置"].contains(where: text.contains)
    }

    private func isHeadingLike(_ index: Int) -> Bool {
        switch document.tag(at: index) {
        case .h1, .h2, .h3, .h4, .b, .strong, .big: return true
        case .font: return (document.attribute("size", at: index).flatMap { Int($0.filter(\.isNumber)) } ?? 0) >= 4
        default:
            let hints = ((document.attribute("class", at: index) ?? "") + " " + (document.attribute("id", at: index) ?? "")).lowercased()
            return hints.contains("title") || hints.contains("heading")
        }
    }

    /// The node before `index` in tree order: the previous sibling's last descendant, else the parent.
    private func previousInTreeOrder(_ index: Int) -> Int {
        var previous = document.previousSiblingIndex(of: index)
        guard previous >= 0 else { return document.parentIndex(of: index) }
        while document.lastChildIndex(of: previous) >= 0 { previous = document.lastChildIndex(of: previous) }
        return previous
    }

    /// "标题_新浪财经_新浪网", "标题--大河网", "Headline | Site", "Headline - Site", "站名 » 标题",
    /// "标题-搜狐财经": the first part unless another is more than twice as long (CJK counting double).
    /// A short `<h1>` the title ends with is the site's name and goes.
    func headlinePart(of pageTitle: String) -> String {
        var title = pageTitle
        if let h1 = h1Text, h1 != title, title.hasSuffix(h1) {
            title = FastText.trimmed(String(title.dropLast(h1.count)))
        }
        var parts = [title]
        for separator in ["_", "|", " – ", " — ", " - ", "--", " :: ", " » ", "<", ">"] {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        // "标题-搜狐财经": a hyphen splits only where a short Chinese site name follows it.
        parts = parts.flatMap { part -> [String] in
            guard let hyphen = part.lastIndex(of: "-") else { return [part] }
            let suffix = part[part.index(after: hyphen)...]
            guard !suffix.isEmpty, suffix.count <= 8, suffix.unicodeScalars.contains(where: { $0.value >= 0x4E00 && $0.value <= 0x9FFF })
            else { return [part] }
            return [String(part[..<hyphen]), String(suffix)]
        }
        parts = parts.map(FastText.trimmed).filter { !$0.isEmpty }
        guard let first = parts.first, let longest = parts.max(by: { Self.weightedLength($0) < Self.weightedLength($1) }) else {
            return title
        }
        return Self.weightedLength(first) * 2 >= Self.weightedLength(longest) ? first : longest
    }

    /// `title` without private-use characters (icon fonts put their glyphs there).
    static func withoutIconCharacters(_ title: String) -> String {
        guard title.unicodeScalars.contains(where: { (0xE000...0xF8FF).contains($0.value) }) else { return withoutPageMarker(title) }
        return withoutPageMarker(FastText.trimmed(String(String.UnicodeScalarView(title.unicodeScalars.filter { !(0xE000...0xF8FF).contains($0.value) }))))
    }

    /// A multi-page article's page marker at the end of its title ("(页 1)", "（第2页）", "(Page 3)") goes.
    static func withoutPageMarker(_ title: String) -> String {
        guard title.hasSuffix(")") || title.hasSuffix("）"), let match = title.firstMatch(of: pageMarker) else { return title }
        return FastText.trimmed(String(title[..<match.range.lowerBound]))
    }

    nonisolated(unsafe) static let pageMarker = /\s*[(（]\s*(?:页|第|[Pp]age)\s*\d+\s*页?\s*[)）]$/

    /// Length with CJK characters counted twice (a Chinese character carries about a word).
    static func weightedLength(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
    }

    /// The page text's lines just above the article's opening words, nearest first.
    static func linesAbove(articleText: String, pageText: String) -> [Substring] {
        let opening = String(articleText.prefix(24))
        guard !opening.isEmpty, let start = FastText.firstIndex(of: opening, in: pageText) else { return [] }
        let before = String(decoding: pageText.utf8[..<start].suffix(3000), as: UTF8.self)
        return Array(Substring(before).split(separator: "\n").reversed().prefix(12))
    }
}
