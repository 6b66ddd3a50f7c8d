import Foundation
@testable import Publisher
import Testing

/// The hand-written escapers the site's pages use instead of swift-mustache's escaping and
/// `JSONSerialization`: the same bytes for ordinary text, and text that reads back as it was.
struct SiteScriptJSONTests {
    static let texts: [String] = SiteHostileInputTests.titles + [
        "", "plain ascii", "数字化转型", "a/b\\c", "tab\there", "\u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f}", "emoji 👩‍💻 and é", "&amp; &#39; <!-- -->",
        "</script><script>alert(1)</script>", "\u{2028}\u{2029}\u{2027}\u{202a}", "\u{e2}",
    ]

    /// What the pages wrote before: `JSONSerialization` with sorted keys, then `<`, `>`, `&`, U+2028 and
    /// U+2029 replaced character by character.
    static func serialized(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
        var result = ""
        for character in String(decoding: data, as: UTF8.self) {
            switch character {
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default: result.append(character)
            }
        }
        return result
    }

    @Test func scriptJSONIsWhatJSONSerializationWroteAndReadsBack() throws {
        for text in Self.texts {
            let written = SiteScriptJSON.text(.object([("a", .string(text)), ("b", .array([.string(text), .object([("c", .string(text))])]))]))
            #expect(written == (try Self.serialized(["a": text, "b": [text, ["c": text]]])), "\(text.unicodeScalars.map(\.value))")
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
            #expect(parsed["a"] as? String == text)
            #expect(!written.utf8.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") })
        }
        // A `<` with a combining mark is one character, which the character-by-character pass left as it was.
        // (The literals stay out of #expect: its expansion cannot quote a combining mark after a quote.)
        let combining = SiteScriptJSON.text(.string("<\u{338}/script>"))
        let expected = "\"\\u003c\u{338}/script\\u003e\""
        #expect(combining == expected)
    }

    /// What swift-mustache's escaping gives: each character looked up, whole.
    static func escapedByCharacter(_ text: String) -> String {
        let references: [Character: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]
        var result = ""
        for character in text { result += references[character] ?? String(character) }
        return result
    }

    @Test func htmlEscapingIsMustachesForOrdinaryTextAndEscapesEveryQuote() {
        for text in Self.texts {
            #expect(SiteEscaping.html(text) == Self.escapedByCharacter(text), "\(text.unicodeScalars.map(\.value))")
        }
        // (The literals stay out of #expect: its expansion cannot quote a combining mark after a quote.)
        let marked = "\"\u{301}'\u{301}<\u{338}&\u{301}>\u{301}"
        let escaped = "&quot;\u{301}&#39;\u{301}&lt;\u{338}&amp;\u{301}&gt;\u{301}"
        #expect(SiteEscaping.html(marked) == escaped)
        let quote = "\"\u{301}"
        #expect(Self.escapedByCharacter(quote) == quote, "by character, a quote with a combining mark stays")
    }
}
