import Foundation
import HTML5Parser
import NewsCore

/// Finds where an article split over several pages goes on: a link whose text says next page
/// (下一页, 下页, Next), or a link to this page's next number (`a.shtml` → `a_2.shtml`, `a_2.shtml` →
/// `a_3.shtml`, `?page=2` → `?page=3`). Only links on the page's own host count, and never the page itself.
enum NextPageLink {
    static let nextWords: Set<String> = ["下一页", "下页", "下一页>", "下一页>>", "下一页»", "下一页›", "next", "next page", "next »",
                                         "next ›", "next >", "next>>"]

    static func find(in document: HTMLDocument, pageURL: String) -> String? {
        guard let page = URL(string: pageURL), let host = page.host?.lowercased() else { return nil }
        let numbered = Set(followingNumbers(of: pageURL))
        var byNumber: String?
        for anchor in document.root.select(try! CSSSelector("a[href]")) {
            guard let href = anchor.attribute("href")?.trimmingCharacters(in: .whitespacesAndNewlines), !href.isEmpty,
                  !href.hasPrefix("#"), !href.lowercased().hasPrefix("javascript:") else { continue }
            let target = URLResolver.resolve(href, against: pageURL)
            guard let url = URL(string: target), url.host?.lowercased() == host, withoutFragment(target) != withoutFragment(pageURL)
            else { continue }
            let text = anchor.textContent.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
            if nextWords.contains(text) || anchor.attribute("rel")?.lowercased() == "next" { return target }
            if byNumber == nil, numbered.contains(withoutFragment(target)) { byNumber = target }
        }
        return byNumber
    }

    private static func withoutFragment(_ url: String) -> String {
        url.split(separator: "#", maxSplits: 1).first.map(String.init) ?? url
    }

    nonisolated(unsafe) static let numberedPath = /^(.*?)(?:_(\d{1,3}))?\.(s?html?)$/
    nonisolated(unsafe) static let pageQuery = /([?&](?:page|p|pn)=)(\d{1,3})/

    /// The URLs this page's next page would have.
    static func followingNumbers(of url: String) -> [String] {
        var candidates: [String] = []
        let base = withoutFragment(url)
        let (path, query) = base.firstIndex(of: "?").map { (String(base[..<$0]), String(base[$0...])) } ?? (base, "")
        if let match = path.wholeMatch(of: numberedPath) {
            let number = match.output.2.flatMap { Int($0) } ?? 1
            candidates.append("\(match.output.1)_\(number + 1).\(match.output.3)" + query)
        }
        if let match = base.firstMatch(of: pageQuery), let number = Int(match.output.2) {
            candidates.append(base.replacingCharacters(in: match.range, with: "\(match.output.1)\(number + 1)"))
        } else if !query.isEmpty {
            candidates.append(base + "&page=2")
        } else {
            candidates.append(base + "?page=2")
        }
        return candidates
    }
}
