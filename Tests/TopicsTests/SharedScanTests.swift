import Foundation
import NewsCore
import Testing
import Topics

/// Title and text are scanned once for the rules' keywords and the company names together, and
/// folded straight from UTF-8 bytes: what the rules decide and which companies they tag must be what
/// separate scans of separately folded fields give.
struct SharedScanTests {
    static let stocks = StockRecognizer.bundled

    @Test(arguments: [false, true])
    func aKeywordNeverSpansTheTitleAndTheText(withStocks: Bool) throws {
        let stocks = withStocks ? Self.stocks : nil
        let spanning = try RuleSet(rules: [keep(["数字化转型"])], stocks: stocks)
        #expect(!spanning.decide(makeItem(title: "推进数字", html: "<p>化转型</p>"), source: nil).isKept)
        let inText = try RuleSet(rules: [keep(["数字化"], in: [.text])], stocks: stocks)
        #expect(!inText.decide(makeItem(title: "数字化", html: "<p>无关</p>"), source: nil).isKept)
        #expect(inText.decide(makeItem(title: "无关", html: "<p>数字化</p>"), source: nil).isKept)
        let inTitle = try RuleSet(rules: [keep(["数字化"], in: [.title])], stocks: stocks)
        #expect(!inTitle.decide(makeItem(title: "无关", html: "<p>数字化</p>"), source: nil).isKept)
        #expect(inTitle.decide(makeItem(title: "数字化", html: "<p>无关</p>"), source: nil).isKept)
        // The last characters of the title and the first of the text are still read.
        let edges = try RuleSet(rules: [keep(["转型"], all: ["开头"])], stocks: stocks)
        #expect(edges.decide(makeItem(title: "转型", html: "开头"), source: nil).isKept)
    }

    @Test func companiesTaggedWithRulesAreThoseTheListFindsAlone() throws {
        let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/companies/texts")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files.count >= 60)
        // A rule keyword that is also a company name, rules on every field, a keyword tag list.
        let rules = try RuleSet(rules: [keep(["上海银行", "数字化", "/数字(经济|政府)/"], name: "数字"),
                                        block(["广告"], in: [.title, .author, .link, .category])],
                                tags: [TagRule(tag: "银行", condition: RuleCondition(any: [.keyword("银行")]))], stocks: Self.stocks)
        let stocksOnly = try RuleSet(stocks: Self.stocks)
        var tagged = 0
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let lines = text.split(separator: "\n", maxSplits: 1).map(String.init)
            let title = lines.first ?? ""
            let body = (lines.count > 1 ? lines[1] : "").split(separator: "\n").map { "<p>\($0)</p>" }.joined()
            let expected = Self.stocks.tags(in: title + "\n" + PlainText.of(html: body))
            tagged += expected.isEmpty ? 0 : 1
            let item = makeItem(title: title, html: body)
            #expect(stocksOnly.decide(item, source: nil).tags == expected, "\(file)")
            #expect(rules.decide(item, source: nil).tags.filter { $0 != "银行" } == expected.filter { $0 != "银行" }, "\(file)")
        }
        #expect(tagged >= 5)
    }

    @Test func theAutomatonFindsWhatASubstringSearchFinds() {
        var random = SeededRandom(seed: 14)
        // Characters close together share their UTF-8 lead and second bytes: nodes with many edges.
        func word(_ length: Int) -> String {
            String((0..<length).map { _ in
                random.next(10) == 0 ? Character(Unicode.Scalar(UInt8(0x61 + random.next(3)))) : Character(Unicode.Scalar(0x4E00 + random.next(300))!)
            })
        }
        let keywords = (0..<400).map { _ in Array(word(1 + random.next(4)).utf8) }
        let automaton = KeywordAutomaton(keywords: keywords)
        for _ in 0..<30 {
            let text = Array(word(400).utf8)
            var found: [String] = []
            automaton.scan(text) { found.append("\($0.keyword) \($0.start)-\($0.end)") }
            var expected: [String] = []
            for end in 1...text.count {
                for (id, keyword) in keywords.enumerated() where keyword.count <= end
                    && text[(end - keyword.count)..<end].elementsEqual(keyword)
                {
                    expected.append("\(id) \(end - keyword.count)-\(end)")
                }
            }
            #expect(Set(found) == Set(expected))
            #expect(found.count == expected.count)
        }
    }

    @Test(arguments: [false, true])
    func foldingUTF8BytesIsFoldingTheString(traditional: Bool) {
        let variants = traditional ? CharacterVariants.traditionalToSimplified : nil
        let scalars = (0..<0x11000).compactMap { Unicode.Scalar(UInt32($0)) } + [Unicode.Scalar(0x1F600)!, Unicode.Scalar(0x20000)!]
        for start in stride(from: 0, to: scalars.count, by: 512) {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[start..<min(scalars.count, start + 512)])
            let string = String(text)
            #expect(FoldedText(utf8: Array(string.utf8), variants: variants) == FoldedText(string, variants: variants),
                    "from U+\(String(scalars[start].value, radix: 16))")
        }
        // Bytes no String holds are folded as a String reads them.
        let broken: [UInt8] = [0x41, 0xE4, 0xB8, 0x42, 0xFF, 0xE4, 0xB8, 0xAD]
        #expect(FoldedText(utf8: broken) == FoldedText(String(decoding: broken, as: UTF8.self)))
    }
}

/// The body's text folded in the same pass that reads it out of the HTML: the same bytes as folding
/// ``PlainText/of(html:)``.
struct FoldedPlainTextTests {
    @Test(arguments: [
        "<p>Ａｂｃ&amp;ＤＥＦ</p>", "&#10;<br>text&#10;", "x &nosuch; y & z &", "<!-- c -->&lt;p&gt;<!-- d", "<script>a</script>中文<style>b",
        "text&#x4E2D;&#20013;&#0;&#xD800;", "&#12288;全角　空格", "Ünïcödé İstanbul ΑΒΓ Ⅻ", "<", "a<b", "", "<p>", "&#", "臺灣銀行數位轉型",
        "<div><p>上海银行（601229.SH）</p>\n<p>FINTECH</p></div>", "&nbsp;&ldquo;引号&rdquo;&hellip;",
    ])
    func foldingThePlainTextInOnePassGivesTheSameBytes(html: String) {
        for variants in [nil, CharacterVariants.traditionalToSimplified] {
            #expect(FoldedText(html: html, variants: variants) == FoldedText(PlainText.of(html: html), variants: variants), "\(html)")
        }
    }

    /// The text itself, byte for byte as PlainText gave it before it was read in pieces.
    @Test(arguments: [
        ("<p>正文</p>", "\n正文\n"), ("a<b>c</b>d", "a\nc\nd"), ("<p>x</p><p>y</p>", "\nx\ny\n"),
        ("x &amp; y &nosuch; &#10;<br>z", "x & y &nosuch; \nz"), ("<!-- c -->t<script>s</script>u", "\nt\nu"), ("&", "&"),
    ])
    func thePlainTextIsAsBefore(html: String, text: String) {
        #expect(PlainText.of(html: html) == text)
        #expect(FoldedText(html: html) == FoldedText(text))
    }

    @Test func theLabelledTextsFoldTheSameInOnePass() throws {
        let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/companies/texts")
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let html = text.split(separator: "\n").map { "<p>\($0)</p>" }.joined(separator: "\n")
            #expect(FoldedText(html: html) == FoldedText(PlainText.of(html: html)), "\(file)")
        }
    }
}

/// A small deterministic generator (the test's texts are the same on every run).
struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}
