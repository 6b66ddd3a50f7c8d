import Testing

@testable import HTML5Parser

struct DOMTests {
    @Test func mutationsAreReflectedInSerialization() throws {
        let root = HTMLParser.parseFragment("<div><p>a<b>b</b></p><span>x</span><i>y</i></div>", context: "body")
        let div = try #require(root.firstChild)
        let paragraph = try #require(div.firstChild)
        try #require(try root.select("b").first).unwrap()
        try #require(try root.select("span").first).remove()
        let italic = try #require(try root.select("i").first)
        italic.replace(with: root.document.createText("z"))
        paragraph.setAttribute("class", "lead")
        paragraph.append(root.document.createElement("br"))
        #expect(root.innerHTML == "<div><p class=\"lead\">ab<br></p>z</div>")
        paragraph.removeAttribute("class")
        #expect(!paragraph.hasAttribute("class"))
        #expect(div.textContent == "abz")
    }

    @Test func serializationEscapesPerTheSpec() {
        let root = HTMLParser.parseFragment("<p title='a\"&<>\u{A0}'>x &amp; &lt;y&gt;\u{A0}</p><script>a<b&c</script><!--c--><br>",
                                            context: "body")
        #expect(root.innerHTML
            == "<p title=\"a&quot;&amp;&lt;&gt;&nbsp;\">x &amp; &lt;y&gt;&nbsp;</p><script>a<b&c</script><!--c--><br>")
    }

    @Test func templateContentsAndForeignAttributesSerialize() {
        let root = HTMLParser.parseFragment("<template><b>t</b></template><svg viewbox='0 0 1 1'><a xlink:href=#x></a></svg>", context: "body")
        #expect(root.innerHTML == "<template><b>t</b></template><svg viewBox=\"0 0 1 1\"><a xlink:href=\"#x\"></a></svg>")
    }

    @Test func parseErrorsAreValuesWithPositions() {
        let document = HTMLParser.parse("<p>a</b>&notarealentity;<div class=\"x", collectErrors: true)
        #expect(!document.errors.isEmpty)
        #expect(document.errors.contains { $0.code == "eof-in-tag" })
        #expect(document.errors.map(\.offset) == document.errors.map(\.offset).sorted())
    }

    @Test func documentsRoundTripThroughTheSerializer() {
        let html = "<!DOCTYPE html><html lang=\"zh\"><head><title>T</title></head><body><p>一<br>二</p></body></html>"
        let document = HTMLParser.parse(html)
        #expect(document.root.innerHTML == html)
        #expect(HTMLParser.parse(document.root.innerHTML).root.testFormatTree() == document.root.testFormatTree())
    }
}
