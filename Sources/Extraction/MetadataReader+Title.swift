import Foundation
import HTML5Parser

/// The headline, from the best source the page has: the declared one (og:title, twitter:title,
/// JSON-LD `headline`); the page's `<h1>` when the `<title>` holds it; the line printed just above
/// the article that the `<title>` holds; else the `<title>` without its site part.
extension MetadataReader {
    /// The title the page declares, or its `<h1>` when the `<title>` holds it: known before the
    /// article is found.
    func declaredTitle() -> String? {
        if let h1 = firstH1.map({ FastText.collapsed($0.textContent) }), !h1.isEmpty, let pageTitle = pageTitle(),
           pageTitle.contains(h1), Self.weightedLength(h1) * 5 >= Self.weightedLength(pageTitle) * 2 {
            return h1
        }
        if let og = meta("og:title", "twitter:title") { return FastText.collapsed(og) }
        for object in jsonLD {
            if let headline = object["headline"] as? String, !FastText.trimmed(headline).isEmpty { return FastText.collapsed(headline) }
        }
        return nil
    }

    /// The headline when the page declares none: the longest of the lines just above the article
    /// that the `<title>` holds (a headline printed with its subtitle, or a title whose site part
    /// the page does not print), else the `<title>`'s headline part.
    func title(linesAbove: [Substring]) -> String? {
        guard let pageTitle = pageTitle(), !pageTitle.isEmpty else {
            return firstH1.map { FastText.collapsed($0.textContent) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let printed = linesAbove.prefix(8).map { FastText.collapsed(String($0)) }
            .filter { $0.count >= 4 && $0 != pageTitle && pageTitle.contains($0) }
        if let line = printed.max(by: { $0.count < $1.count }) { return line }
        return headlinePart(of: pageTitle)
    }

    func pageTitle() -> String? {
        firstTitle.map { FastText.collapsed($0.textContent) }
    }

    /// "标题_新浪财经_新浪网", "标题--大河网", "Headline | Site", "Headline - Site", "站名 » 标题",
    /// "标题-搜狐财经": the first part unless another is more than twice as long (CJK counting double).
    /// A short `<h1>` the title ends with is the site's name and goes.
    func headlinePart(of pageTitle: String) -> String {
        var title = pageTitle
        if let h1 = firstH1.map({ FastText.collapsed($0.textContent) }), !h1.isEmpty, h1 != title, title.hasSuffix(h1) {
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
        guard title.unicodeScalars.contains(where: { (0xE000...0xF8FF).contains($0.value) }) else { return title }
        return FastText.trimmed(String(String.UnicodeScalarView(title.unicodeScalars.filter { !(0xE000...0xF8FF).contains($0.value) })))
    }

    /// Length with CJK characters counted twice (a Chinese character carries about a word).
    static func weightedLength(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
    }

    /// The page text's lines just above the article's opening words, nearest first.
    static func linesAbove(articleText: String, pageText: String) -> [Substring] {
        let opening = String(articleText.prefix(24))
        guard !opening.isEmpty, let start = FastText.firstIndex(of: opening, in: pageText) else { return [] }
        return Array(pageText[..<start].suffix(800).split(separator: "\n").reversed().prefix(8))
    }
}
