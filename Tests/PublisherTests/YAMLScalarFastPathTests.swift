@testable import Publisher
import Testing
import TestSupport

/// Whether a name is written as a plain YAML scalar is decided without forming its first and last
/// characters when its first and last scalars cannot make one of the characters asked about: the
/// answer must be the one asking the characters gives, for any text.
struct YAMLScalarFastPathTests {
    static let pieces = [
        "a", "Z", "k", "\u{212A}", "true", "No", "~", ".", "+", "-", "1", "42", " ", ":", ": ", " #", "#", "\\", "'", "\"", "[", "{",
        "&", "*", "!", "|", ">", "%", "@", "`", "?", "<", "=", ",", "中", "新浪财经", "e\u{301}", "\u{301}", "\u{0600}", "\u{200D}",
        "👍", "🇨🇳", "\r\n", "\t", "ｶ\u{FF9E}", "\u{00A0}", "İ",
    ]

    @Test func plainScalarDecisionIsTheCharacterByCharacterOne() {
        var generator = SeededGenerator(state: 11)
        var plain = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            let expected = YAMLScalar.isSafePlainCharacters(text)
            #expect(YAMLScalar.isSafePlain(text) == expected, "text \(text.debugDescription)")
            if expected { plain += 1 }
        }
        #expect(plain > 2000)
    }
}
