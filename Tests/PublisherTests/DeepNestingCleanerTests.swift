import Foundation
import Publisher
import Testing

/// Issue 12, item 6: cleaning is linear in the markup, and right, however deep it nests (the timing
/// lives in scripts/bench-nesting.py; here, what comes out of 10,000 levels).
struct DeepNestingCleanerTests {
    static let depth = 10_000

    static func nested(_ inner: String, in tags: [String] = ["div"]) -> String {
        String(repeating: tags.map { "<\($0)>" }.joined(), count: depth) + inner
            + String(repeating: tags.reversed().map { "</\($0)>" }.joined(), count: depth)
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    static let story = "<p>" + String(repeating: "A sentence of the story, long enough to be the story. ", count: 3) + "</p>"

    let cleaner = ArticleBodyCleaner(title: "The headline", baseURL: "https://example.com/a")

    @Test(arguments: [["div"], ["div", "span"]])
    func wrappersAroundNothingGoWhole(tags: [String]) {
        #expect(cleaner.clean(Self.nested("<span> \n </span><b></b>", in: tags)) == "")
    }

    @Test(arguments: [["div"], ["div", "span"]])
    func wrappersAroundAnImageOrTextStay(tags: [String]) {
        for inner in ["<img src=\"https://example.com/photo.jpg\">", Self.story] {
            let html = cleaner.clean(Self.nested(inner, in: tags))
            for tag in tags {
                #expect(Self.count("<\(tag)>", in: html) == Self.depth)
                #expect(Self.count("</\(tag)>", in: html) == Self.depth)
            }
        }
    }

    @Test func aDeepAppPitchGoesAndTheStoryBesideItStays() {
        let html = cleaner.clean(Self.nested("<div><p>扫码下载新浪财经APP</p></div>") + Self.story)
        #expect(!html.contains("扫码"))
        #expect(html.hasSuffix(Self.story))
        #expect(!html.contains("<div>"), "the pitch's wrappers are left empty and go too")
    }

    @Test func theRepeatedTitleIsFoundAtTheBottomOfTheNest() {
        let html = cleaner.clean(Self.nested("<h1>The headline</h1>" + Self.story))
        #expect(!html.contains("The headline"))
        #expect(html.contains(Self.story))
    }

    @Test func nestedHeadingsLoseTheOutermostThatReadsAsTheTitle() {
        // The outer <h1> reads "The headline" as a whole (its inner <h1> says "headline" only).
        let html = cleaner.clean("<h1>The <div><h1>headline</h1></div></h1>" + Self.story)
        #expect(!html.contains("<h1>"))
        #expect(html.contains(Self.story))
    }

    @Test func whitespaceLinesCollapseOutsidePreAndStayInside() {
        let html = cleaner.clean(Self.nested("<p>a</p>\n \n<pre>x\n\n  \ny</pre>\n\n<p>b</p>"))
        #expect(html.contains("<p>a</p>\n<pre>x\n\n  \ny</pre>\n<p>b</p>"))
    }

    @Test func textLeftInPiecesByRemovalsIsOneNodeAgain() {
        let pieces = (0..<2_000).map { "w\($0)<script>x</script>" }.joined()
        let html = cleaner.clean("<p>" + pieces + "</p>")
        #expect(html == "<p>" + (0..<2_000).map { "w\($0)" }.joined() + "</p>")
    }
}
