import ArgumentParser
import Extraction
import Fetching
import Foundation
import NewsConfig
import NewsCore
import Publisher

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the article from a news page: its text, sanitized HTML, or everything as JSON.",
        discussion: """
            The page is a file, an http(s) URL (fetched with the default fetch settings) or - for standard input. \
            Give --url with a file so that site rules and relative links know the page's address.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, html, json }

    @Argument(help: "A file, an http(s) URL, or - for standard input.")
    var page: String

    @Option(help: "The page's URL (for site rules and relative links) when reading a file.")
    var url: String?

    @Option(help: "text (paragraphs, no title), html (the sanitized body) or json.")
    var format: Format = .text

    @Option(help: "A newsmill.yaml whose site rules (rules:) apply before the built-in ones.")
    var config: String?

    @OptionGroup var zone: TimeZoneOption

    func run() async throws {
        var bytes: [UInt8]
        var charset: String?
        var address = url
        if page.hasPrefix("http://") || page.hasPrefix("https://") {
            let outcome = try await HTTPFetcher.with(policy: FetchPolicy()) { fetcher in
                try await fetcher.load(LoadRequest(url: page, kind: .page))
            }
            guard case .loaded(let document) = outcome else { throw ValidationError("the server sent no page") }
            bytes = document.bytes
            charset = document.charset
            address = address ?? document.finalURL
        } else {
            bytes = try HTMLCommand.readInput(page)
        }
        let rules = try config.map { try ConfigLoader.load($0).siteRules } ?? SiteRule.builtIn
        let article = ArticleExtractor(rules: rules, timeZone: try zone.resolved())
            .extract(bytes, url: address, charset: charset)
        let html = ArticleBodyCleaner(title: article.title ?? "", baseURL: article.url).clean(article.html)
        switch format {
        case .text: print(article.text)
        case .html: print(html)
        case .json: print(Self.json(article, html: html))
        }
        if article.staleRule != nil {
            printError("newsmill: warning: \(article.method)")
        } else if ProcessInfo.processInfo.environment["NEWSMILL_LOG_LEVEL"] == "debug" {
            printError("newsmill: extracted with \(article.method)")
        }
    }

    static func json(_ article: Article, html: String) -> String {
        let fields: [(String, String)] = [
            ("title", JSONText.quote(article.title)),
            ("authors", JSONText.array(article.authors)),
            ("editor", JSONText.quote(article.editor)),
            ("published", JSONText.quote(article.published.map(JSONText.iso8601))),
            ("lead_image", JSONText.quote(article.leadImage)),
            ("description", JSONText.quote(article.description)),
            ("site_name", JSONText.quote(article.siteName)),
            ("language", JSONText.quote(article.language)),
            ("url", JSONText.quote(article.url)),
            ("text", JSONText.quote(article.text)),
            ("html", JSONText.quote(html)),
        ]
        return "{" + fields.map { "\(JSONText.quote($0.0)): \($0.1)" }.joined(separator: ",\n ") + "}"
    }
}
