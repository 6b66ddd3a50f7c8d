import HTML5Parser
import Testing
import TestSupport

/// Text and attribute values are escaped as the fragment serialization algorithm says (`&`, `<`,
/// `>` and no-break spaces; `"` in attributes; line breaks when asked), whether the text holds
/// something to escape or not: text with nothing to escape is appended whole after one scan.
struct SerializerEscapingTests {
    static let pieces = ["a", "中文", "é", "\u{0080}", "\u{00A0}", "&", "<", ">", "\"", "'", "\n", "\r", " ", "👍", "e\u{301}", "&amp;"]

    static func escaped(_ text: String, quotes: Bool, lineBreaks: Bool) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\u{00A0}": output += "&nbsp;"
            case "\"" where quotes: output += "&quot;"
            case "\n" where lineBreaks: output += "&#10;"
            case "\r" where lineBreaks: output += "&#13;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    @Test func textAndAttributesAreEscapedLikeScalarByScalar() {
        var generator = SeededGenerator(state: 5)
        var texts = Self.pieces + Self.pieces.map { "plain " + $0 + " text" }
        for _ in 0..<400 {
            texts.append((0..<Int.random(in: 0...8, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            let fragment = HTMLParser.parseFragment("<p title=\"x\">x</p><pre>x</pre>", context: "div")
            let paragraph = fragment.children[0], preformatted = fragment.children[1]
            paragraph.setAttribute("title", text)
            paragraph.children[0].setData(text)
            preformatted.children[0].setData(text)
            let attribute = Self.escaped(text, quotes: true, lineBreaks: false)
            let body = Self.escaped(text, quotes: false, lineBreaks: false)
            // A <pre> whose text starts with a line feed is written with one more (it is dropped when read).
            let leading = text.utf8.first == 0x0A ? "\n" : ""
            #expect(fragment.innerHTML == "<p title=\"\(attribute)\">\(body)</p><pre>\(leading)\(body)</pre>", "text \(text.debugDescription)")
            let preserved = "<p title=\"\(Self.escaped(text, quotes: true, lineBreaks: true))\">\(body)</p>"
                + "<pre>\(leading)\(Self.escaped(text, quotes: false, lineBreaks: true))</pre>"
            #expect(fragment.innerHTMLWithPreservedLineBreaksAsReferences == preserved, "text \(text.debugDescription)")
        }
    }
}
