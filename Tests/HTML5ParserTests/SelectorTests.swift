import Testing

@testable import HTML5Parser

struct SelectorTests {
    static let html = """
        <html><body>
        <div id=main class="article body">
          <h1 lang=zh-CN>Title</h1>
          <p class=lead data-x="Hello World">one</p>
          <p>two <a href="https://a.example/x.jpg">a</a></p>
          <p class=ad>three</p>
          <ul><li>1</li><li>2</li><li class=x>3</li><li>4</li><li>5</li></ul>
          <section><span></span><em>e</em></section>
        </div>
        <div class=footer><p>foot</p></div>
        </body></html>
        """
    let page = HTMLParser.parse(SelectorTests.html)

    func texts(_ selector: String) throws -> [String] {
        try page.select(selector).map { $0.textContent }
    }

    @Test(arguments: [
        ("p", ["one", "two a", "three", "foot"]),
        ("*.lead", ["one"]),
        ("#main > p.ad", ["three"]),
        ("div p", ["one", "two a", "three", "foot"]),
        ("h1 + p", ["one"]),
        ("h1 ~ p", ["one", "two a", "three"]),
        ("[data-x]", ["one"]),
        ("[data-x='hello world' i]", ["one"]),
        ("[data-x='hello world']", []),
        ("[data-x^=Hello]", ["one"]),
        ("[data-x$=World]", ["one"]),
        ("[data-x*='o W']", ["one"]),
        ("[class~=body]", ["\n  Title\n  one\n  two a\n  three\n  12345\n  e\n"]),
        ("[lang|=zh]", ["Title"]),
        ("[href$='.JPG' i]", ["a"]),
        ("p:not(.ad):not(.lead)", ["two a", "foot"]),
        ("p:is(.ad, .lead)", ["one", "three"]),
        ("p:where(.ad)", ["three"]),
        ("div:has(> h1)", ["\n  Title\n  one\n  two a\n  three\n  12345\n  e\n"]),
        ("p:has(a)", ["two a"]),
        ("h1:has(+ p.lead)", ["Title"]),
        ("li:nth-child(2n+1)", ["1", "3", "5"]),
        ("li:nth-child(odd of .x)", ["3"]),
        ("li:nth-child(-n+2)", ["1", "2"]),
        ("li:nth-last-child(1)", ["5"]),
        ("li:first-child", ["1"]),
        ("li:last-child", ["5"]),
        ("p:nth-of-type(2)", ["two a"]),
        ("section :first-of-type", ["", "e"]),
        ("span:empty", [""]),
        ("em:only-of-type", ["e"]),
        ("a:only-child", ["a"]),
        ("h1, .footer p", ["Title", "foot"]),
        ("body > div > p.lead", ["one"]),
        ("html div#main p", ["one", "two a", "three"]),
        ("body > p", []),
        ("div > ul li.x", ["3"]),
        ("ul > div li", []),
        ("#main li:not(.x)", ["1", "2", "4", "5"]),
    ])
    func selectorsMatchTheRightElements(selector: String, expected: [String]) throws {
        #expect(try texts(selector) == expected, "\(selector)")
    }

    @Test func rootMatchesTheHTMLElement() throws {
        #expect(try page.select(":root").map(\.name) == ["html"])
    }

    @Test(arguments: [("p[", 2), ("p >", 3), ("p:unknown", 2), ("..a", 1), ("li:nth-child(x)", 14), ("p,", 2), ("[a=\"b]", 6)])
    func badSelectorsReportTheirPosition(selector: String, position: Int) {
        #expect(throws: CSSSelectorError.self) { try CSSSelector(selector) }
        do {
            _ = try CSSSelector(selector)
        } catch {
            #expect(error.position == position, "\(selector): \(error)")
        }
    }

    @Test func aScopedSelectLooksAtAncestorsOutsideTheScope() throws {
        let section = try #require(try page.select("section").first)
        #expect(try section.select("#main em").map(\.textContent) == ["e"])
        #expect(try section.select("body > div > section > em").map(\.textContent) == ["e"])
        #expect(try section.select(".footer em").isEmpty)
    }

    /// Descendant and child combinators on 10,000 nested elements (matched in one walk down; right
    /// to left that is 50 million ancestor steps).
    @Test func combinatorsMatchRightOnADeepNest() throws {
        let depth = 10_000
        let page = HTMLParser.parse("<body><div class=top>" + String(repeating: "<div class=date>", count: depth) + "x"
            + String(repeating: "</div>", count: depth) + "</div><p class=date>y</p></body>")
        #expect(try page.select(".date .date").count == depth - 1)
        #expect(try page.select(".top > .date").count == 1)
        #expect(try page.select(".top .date").count == depth)
        #expect(try page.select("body > .date").map(\.textContent) == ["y"])
        #expect(try page.select(".time-source .date").isEmpty)
        #expect(try page.select(".date > .date > .date:empty").isEmpty)
    }
}
