import Extraction
import Foundation
import Testing

/// Issue 12, item 6: scoring, pruning and reading metadata stay linear and right on pages nested
/// 10,000 deep (timings: scripts/bench-nesting.py).
struct DeepNestingExtractionTests {
    static let depth = 10_000
    static let story = (1...3).map { "<p>Paragraph \($0) of the story, long enough to count as article text, with commas, and a full stop.</p>" }
        .joined()
    static let storyText = (1...3).map { "Paragraph \($0) of the story, long enough to count as article text, with commas, and a full stop." }
        .joined(separator: "\n\n")

    static func nested(_ inner: String, in tags: [String]) -> String {
        String(repeating: tags.map { "<\($0)>" }.joined(), count: depth) + inner
            + String(repeating: tags.reversed().map { "</\($0)>" }.joined(), count: depth)
    }

    static let extractor = ArticleExtractor(now: ISO8601DateFormatter().date(from: "2024-05-02T04:00:00Z")!)

    @Test(arguments: [["div"], ["div", "span"], ["section"]])
    func aStoryAtTheBottomOfTheNestIsExtractedWhole(tags: [String]) {
        let article = Self.extractor.extract(html: "<html><body>" + Self.nested(Self.story, in: tags) + "</body></html>")
        #expect(article.text == Self.storyText)
    }

    @Test func thousandsOfScriptsAtTheBottomOfTheNestArePruned() {
        let scripts = String(repeating: "<script>var x = 1;</script><style>p{}</style>", count: Self.depth)
        let article = Self.extractor.extract(html: "<html><body>" + Self.nested(Self.story + scripts, in: ["div"]) + "</body></html>")
        #expect(article.text == Self.storyText)
        #expect(!article.html.contains("<script"))
    }

    @Test func boilerplateInsideADeepArticleIsCleanedAndTheFiguresStayTrue() {
        let links = "<div class=\"related\"><a href=\"/1\">Another story</a> <a href=\"/2\">And another one</a></div>"
        let article = Self.extractor.extract(
            html: "<html><body>" + Self.nested(Self.story + String(repeating: links, count: 200), in: ["div"]) + "</body></html>")
        #expect(article.text == Self.storyText)
    }

    @Test func nestedTimeAndDateElementsGiveTheirDate() {
        let times = Self.nested("2024-04-30 09:15", in: ["time"])
        let article = Self.extractor.extract(html: "<html><body>" + times + "<article>" + Self.story + "</article></body></html>")
        #expect(article.published == ISO8601DateFormatter().date(from: "2024-04-30T01:15:00Z"))
        let dated = String(repeating: "<div class=\"pub-date\">", count: Self.depth) + "发布时间：2024-04-29 08:00"
            + String(repeating: "</div>", count: Self.depth)
        let other = Self.extractor.extract(html: "<html><body>" + dated + "<article>" + Self.story + "</article></body></html>")
        #expect(other.published == ISO8601DateFormatter().date(from: "2024-04-29T00:00:00Z"))
    }

    @Test func aSiteRuleDropsItsCreditLinesAtAnyDepth() {
        let rule = SiteRule(host: "deep.example", body: ["#body"], removeParagraphsStarting: ["责任编辑"])
        let page = "<html><body><div id=\"body\">" + Self.nested("<p>责任编辑：张三</p>", in: ["div"]) + Self.story + "</div></body></html>"
        let article = ArticleExtractor(rules: [rule], now: Self.extractor.now).extract(html: page, url: "https://deep.example/a")
        #expect(article.method == .siteRule(host: "deep.example"))
        #expect(!article.text.contains("责任编辑"))
        #expect(article.text.hasSuffix(Self.storyText))
    }
}
