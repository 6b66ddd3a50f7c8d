@testable import Aggregator
import FeedParsing
import NewsCore
import Testing

/// The shortcuts a re-run takes through every entry of a feed give what the long ways gave.
struct FeedReadingFastPathTests {
    /// A title on one line is trimmed as it is; any line break Swift's `Character.isNewline` knows
    /// still joins the lines.
    @Test(arguments: [
        ("  第1条新闻  ", "第1条新闻"),
        ("\u{3000}央行今日开展逆回购\u{3000}", "央行今日开展逆回购"),
        ("A\u{2028}B", "A B"), ("A\u{2029}B", "A B"), ("A\u{85}B", "A B"), ("A\r\nB", "A B"), ("A\u{0B}B", "A B"),
        ("A\u{0C}B", "A B"), ("“引号”…", "“引号”…"), ("\u{E2}", "\u{E2}"), ("   ", ""),
    ])
    func titlesOnOneLine(raw: String, expected: String) {
        #expect(ItemNormalizer.plainTitle(raw) == (expected.isEmpty ? nil : expected))
    }

    @Test func trimmingKeepsWhatHasNothingToTrim() {
        #expect("第1条新闻".trimmingWhitespace() == "第1条新闻")
        #expect(" \t\nabc\u{3000}".trimmingWhitespace() == "abc")
        #expect("\u{A0}x\u{A0}".trimmingWhitespace() == "x")
        #expect(" \u{2003} ".trimmingWhitespace() == "")
    }

    /// The archive keeps these values: they must not change.
    @Test func stableHashesAreFNV1a() {
        #expect(StableHash.value("") == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.value("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(StableHash.hex("foobar") == "85944171f73967e8")
        // A bridged or sliced string hashes as its bytes.
        #expect(StableHash.value(String("xfoobar".dropFirst())) == StableHash.value("foobar"))
    }

    @Test func controlCharactersAreFoundInAnyString() {
        #expect(ControlCharacters.occur(in: "a\u{0}b"))
        #expect(ControlCharacters.occur(in: String("xx\u{7F}".dropFirst())))
        #expect(!ControlCharacters.occur(in: "tab\tand\nlines\r"))
    }

    /// An entry is cleaned whichever of its fields holds the character; one with none comes back as it was.
    @Test func entriesAreSanitizedWhereverTheControlCharacterIs() {
        var plain = FeedEntry()
        plain.id = "a-1"
        plain.title = "第1条"
        plain.link = "https://s.example/a/1"
        plain.categories = ["财经"]
        #expect(ItemNormalizer.sanitized(plain) == plain)
        var link = plain
        link.link = "https://s.example/a/\t1"
        #expect(ItemNormalizer.sanitized(link).link == "https://s.example/a/1")
        var image = plain
        image.images = ["https://s.example/\u{1}.png"]
        #expect(ItemNormalizer.sanitized(image).images == ["https://s.example/%01.png"])
        var category = plain
        category.categories = ["财\u{0}经"]
        #expect(ItemNormalizer.sanitized(category).categories == ["财经"])
        var updated = plain
        updated.rawUpdated = "2024-05-01\u{7F}"
        #expect(ItemNormalizer.sanitized(updated).rawUpdated == "2024-05-01")
        var id = plain
        id.id = "a\u{0}1"
        #expect(ItemNormalizer.sanitized(id).id == "a\u{2400}1")
    }

    @Test(arguments: ["", "无标题", " (untitled) ", "…", "【无题】", "\u{3000}标题\u{3000}"])
    func placeholdersAreNoTitles(title: String) {
        #expect(ItemTitle.isPlaceholder(title))
    }

    @Test func realTitlesAreNoPlaceholders() {
        #expect(!ItemTitle.isPlaceholder("第1条新闻"))
        #expect(!ItemTitle.isPlaceholder("标题党"))
    }

    @Test func elementTextAndHTML() {
        let root = TolerantXMLReader.parse("<r><one>only &amp; text</one><two>a<b>bold</b>c</two><three/></r>").roots[0]
        #expect(root.first("one")?.text == "only & text")
        #expect(root.first("one")?.htmlContent == "only & text")
        #expect(root.first("two")?.text == "aboldc")
        #expect(root.first("two")?.htmlContent == "a<b>bold</b>c")
        #expect(root.first("three")?.text == "")
        #expect(root.first("two")?.hasChildElements == true && root.first("one")?.hasChildElements == false)
    }
}
