import Testing

@testable import HTML5Parser

/// CR and CRLF become LF and invalid UTF-8 becomes U+FFFD, exactly as decoding then normalising would
/// do, however the CRs, the multi-byte text and the invalid bytes fall against the 8-byte scan.
struct LineBreakNormalizationTests {
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        var lines: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D {
                lines.append(0x0A)
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            } else {
                lines.append(bytes[index])
            }
            index += 1
        }
        return Array(String(decoding: lines, as: UTF8.self).utf8)
    }

    @Test func matchesDecodingThenNormalising() {
        let pieces: [[UInt8]] = [[0x0D], [0x0A], [0x0D, 0x0A], Array("abcdefgh".utf8), Array("中文".utf8), [0xFF], [0xE4, 0xB8],
                                 [0xC0, 0x80], Array("x".utf8), Array("😀".utf8), [0x80], Array("<p>".utf8)]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...24, using: &generator) { bytes += pieces.randomElement(using: &generator)! }
            #expect(InputPreprocessor.normalize(bytes) == Self.reference(bytes), "\(bytes)")
        }
    }

    /// Only the line breaks: CR and CRLF become LF, every other byte (invalid UTF-8 too) stays.
    static func lineBreaksOnly(_ bytes: [UInt8]) -> [UInt8] {
        var lines: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D {
                lines.append(0x0A)
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            } else {
                lines.append(bytes[index])
            }
            index += 1
        }
        return lines
    }

    @Test func tokenizerLineBreakRewriteMatchesCharacterByCharacter() {
        let pieces: [[UInt8]] = [[0x0D], [0x0A], [0x0D, 0x0A], [0x0D, 0x0D], Array("abcdefgh".utf8), Array("中文".utf8), [0xFF],
                                 [0xE4, 0xB8], Array("<p>".utf8)]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...24, using: &generator) { bytes += pieces.randomElement(using: &generator)! }
            var rewritten = bytes
            InputPreprocessor.normalizeLineBreaks(&rewritten)
            #expect(rewritten == Self.lineBreaksOnly(bytes), "\(bytes)")
        }
    }

    /// A megabyte document with CRLF line ends is rewritten in its own storage when the tokenizer
    /// holds the only reference, not copied into a second array.
    @Test func tokenizerLineBreakRewriteWorksInPlace() {
        var bytes = Array(String(repeating: "<p>line\r\n", count: 100_000).utf8)
        let before = bytes.withUnsafeBufferPointer { $0.baseAddress }
        InputPreprocessor.normalizeLineBreaks(&bytes)
        #expect(bytes.withUnsafeBufferPointer { $0.baseAddress } == before)
        #expect(bytes == Array(String(repeating: "<p>line\n", count: 100_000).utf8))
    }
}
