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
}
