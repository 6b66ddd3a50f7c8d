import NewsCore
import Testing
import TestSupport

/// The word-at-a-time and memchr searches answer what a byte-by-byte walk answers, for every control
/// byte at every position of texts of every length up to a few words, ASCII and Chinese around it.
struct ByteSearchTests {
    static func isControl(_ byte: UInt8, allowingWhitespace: Bool) -> Bool {
        byte == 0x7F || (byte < 0x20 && !(allowingWhitespace && (byte == 0x09 || byte == 0x0A || byte == 0x0D)))
    }

    @Test func controlBytesAreFoundWhereverTheyAre() {
        var random = SeededGenerator(state: 17)
        let fillers = ["a", "Z", "~", " ", "中", "。", "é", "\u{80}", "\u{7E}", "!", "\u{1F600}"]
        for length in 0..<40 {
            for _ in 0..<30 {
                var scalars = (0..<length).map { _ in fillers.randomElement(using: &random)! }
                if length > 0, Bool.random(using: &random) {
                    let byte = [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0x20].randomElement(using: &random)!
                    scalars[Int.random(in: 0..<length, using: &random)] = String(UnicodeScalar(UInt8(byte)))
                }
                let text = scalars.joined()
                #expect(ByteSearch.containsControl(in: text, allowing: 1 << 0x09 | 1 << 0x0A | 1 << 0x0D)
                            == text.utf8.contains { Self.isControl($0, allowingWhitespace: true) }, "\(text.debugDescription)")
                #expect(ByteSearch.containsControl(in: text, allowing: 0)
                            == text.utf8.contains { Self.isControl($0, allowingWhitespace: false) }, "\(text.debugDescription)")
                #expect(ControlCharacters.occur(in: text) == text.utf8.contains { Self.isControl($0, allowingWhitespace: true) })
                #expect(ByteSearch.contains(0x0A, or: 0x0D, in: text) == text.utf8.contains { $0 == 0x0A || $0 == 0x0D })
            }
        }
    }

    @Test func aPatternIsFoundWhereANaiveSearchFindsIt() {
        var random = SeededGenerator(state: 23)
        for _ in 0..<3000 {
            // A small alphabet, so that patterns start often and match rarely.
            let text = (0..<Int.random(in: 0..<60, using: &random)).map { _ in "ab]>-".randomElement(using: &random)! }
            let pattern = (0..<Int.random(in: 0..<4, using: &random)).map { _ in "ab]>-".randomElement(using: &random)! }
            let (haystack, needle) = (Array(String(text).utf8), Array(String(pattern).utf8))
            let naive = needle.isEmpty || needle.count > haystack.count ? nil
                : (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
            let found = haystack.withUnsafeBufferPointer { bytes in needle.withUnsafeBufferPointer { ByteSearch.offset(of: $0, in: bytes) } }
            #expect(found == naive, "\(String(text).debugDescription) in \(String(pattern).debugDescription)")
        }
    }
}
