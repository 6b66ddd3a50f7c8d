import Extraction
import Foundation
import NewsCore

extension Aggregator {
    /// At most this many pages make one article (the first included).
    public static let maximumArticlePages = 10

    /// `article` with the pages it goes on over (下一页, `_2.shtml`, `?page=2`) joined in order: each
    /// page once, on the first page's host, at most ``maximumArticlePages``; a loop of next links
    /// ends where it comes back. A further page that cannot be fetched ends the article there, with
    /// a warning.
    func joiningFurtherPages(of article: Article, firstURL: String, source: Source, result: inout RunReport.SourceResult) async -> Article {
        guard var next = article.nextPage, let host = URL(string: firstURL)?.host?.lowercased() else { return article }
        var joined = article
        var visited: Set<String> = [firstURL]
        var pages = 1
        while pages < Self.maximumArticlePages, URL(string: next)?.host?.lowercased() == host, visited.insert(next).inserted {
            let request = LoadRequest(url: next, kind: .page, headers: source.headers, trust: .untrusted(privateHostsAllowed: [host]))
            let document: LoadedDocument
            do {
                guard case .loaded(let loaded) = try await loader.load(request) else { break }
                document = loaded
            } catch {
                result.warnings.append("page \(pages + 1) of \(firstURL) <\(next)>: \(error)")
                break
            }
            visited.insert(document.finalURL)
            let page = ArticleExtractor(rules: siteRules, timeZone: source.timeZone, now: clock())
                .extract(document.bytes, url: document.finalURL, charset: document.charset)
            let text = page.text.trimmingWhitespace()
            // A page that repeats what came before (a pagination that wraps round) adds nothing.
            guard !text.isEmpty, !joined.text.contains(text) else { break }
            joined.html += "\n" + page.html
            joined.text += "\n\n" + text
            pages += 1
            guard let following = page.nextPage else { break }
            next = following
        }
        joined.nextPage = nil
        return joined
    }
}
