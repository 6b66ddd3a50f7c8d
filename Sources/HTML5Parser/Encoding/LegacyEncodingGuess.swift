/// Chooses among the East Asian legacy encodings when a document that is not UTF-8 names none.
///
/// GB18030 accepts almost any byte pair, so Japanese and Korean pages used to be read as (wrong)
/// Chinese. Each candidate the bytes are valid in is decoded, and the text scored by what that
/// language's text is made of: Japanese has kana, Korean has common Hangul syllables and spaces
/// between words, Chinese has ideographs from the GB2312 region and no spaces between them.
/// Characters a wrong decoding produces (private use, rare extensions, half-width kana) cost points.
/// GB18030 wins ties, so Chinese pages read as before.
///
/// - Complexity: O(n) per candidate; the other candidates are only tried when the bytes hint at them.
enum LegacyEncodingGuess {
    enum Language { case chinese, japanese, korean }

    struct Candidate {
        var encoding: String
        var iconvName: String
        var language: Language
    }

    static let chinese = Candidate(encoding: "gb18030", iconvName: "GB18030", language: .chinese)
    static let others = [
        Candidate(encoding: "shift_jis", iconvName: "CP932", language: .japanese),
        Candidate(encoding: "euc-jp", iconvName: "EUC-JP", language: .japanese),
        Candidate(encoding: "euc-kr", iconvName: "CP949", language: .korean),
    ]

    /// The best decoding of `bytes` among GB18030, Shift_JIS, EUC-JP and EUC-KR (strict: a candidate
    /// with an invalid sequence is out), or nil when none is valid.
    static func decode(_ bytes: [UInt8]) -> (utf8: [UInt8], encoding: String)? {
        let hints = ByteHints(bytes)
        var best: (utf8: [UInt8], encoding: String, score: Double)?
        if let utf8 = IconvDecoder.decode(bytes, from: chinese.iconvName, strict: true) {
            let score = TextScore.score(utf8, as: .chinese) - 2 * Double(hints.pairsOutsideGB2312)
            best = (utf8, chinese.encoding, score)
            if !hints.mayBeJapaneseOrKorean { return (utf8, chinese.encoding) }
        }
        for candidate in others {
            guard let utf8 = IconvDecoder.decode(bytes, from: candidate.iconvName, strict: true) else { continue }
            let score = TextScore.score(utf8, as: candidate.language)
            if best == nil || score > best!.score { best = (utf8, candidate.encoding, score) }
        }
        return best.map { ($0.utf8, $0.encoding) }
    }

    /// What the raw bytes say before any decoding, read as GB18030's structure.
    struct ByteHints {
        /// Double-byte pairs outside GB2312 (lead A1–F7, trail A1–FE), where Chinese text rarely goes,
        /// plus four-byte sequences.
        var pairsOutsideGB2312 = 0
        /// EUC kana rows (A4, A5), Shift_JIS lead bytes (81–9F), or a space between two pairs.
        var mayBeJapaneseOrKorean = false

        init(_ bytes: [UInt8]) {
            var index = 0
            var lastPairEnd = -2
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    if lead == 0x20, index == lastPairEnd, index + 1 < bytes.count, bytes[index + 1] >= 0x81 {
                        mayBeJapaneseOrKorean = true
                    }
                    index += 1
                    continue
                }
                guard index + 1 < bytes.count else { break }
                let trail = bytes[index + 1]
                if (0x30...0x39).contains(trail) {
                    pairsOutsideGB2312 += 1
                    index += 4
                    continue
                }
                if !((0xA1...0xF7).contains(lead) && trail >= 0xA1) { pairsOutsideGB2312 += 1 }
                if lead == 0xA4 || lead == 0xA5 || (0x81...0x9F).contains(lead) { mayBeJapaneseOrKorean = true }
                index += 2
                lastPairEnd = index
            }
        }
    }
}
