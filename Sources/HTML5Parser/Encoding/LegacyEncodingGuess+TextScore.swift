extension LegacyEncodingGuess {
    /// How much a decoded text looks like running text of one language.
    enum TextScore {
        enum CharacterClass: Equatable { case kana, hangul, ideograph, punctuation, halfWidthKana, unlikely, other }

        static func characterClass(_ value: UInt32) -> CharacterClass {
            switch value {
            case 0x3041...0x30FF: .kana
            case 0xAC00...0xD7A3: .hangul
            case 0x4E00...0x9FFF: .ideograph
            case 0x3000...0x303F, 0xFF01...0xFF60, 0x2000...0x206F, 0x00B7: .punctuation
            case 0xFF61...0xFF9F: .halfWidthKana
            case 0xE000...0xF8FF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x3130...0x318F, 0x20000...: .unlikely
            default: .other
            }
        }

        /// Syllables that make up much of any Korean text (particles, endings, common words). A wrong
        /// decoding gives Hangul from all 2,350 KS X 1001 syllables, rarely these.
        static let commonHangul: Set<Unicode.Scalar> = Set(
            """
            이다는의에을를가고하서한지기로리사자어스시일있도인대들나정수전해국아으게적부주없만했니제상것중요보우라되마과\
            원세경동장성오여생구소방면신조습와내그년문회업공관발개실학거연비행화통분위할외및더때까결현치유무당후진
            """.unicodeScalars.filter { $0 != "\n" })

        static func score(_ utf8: [UInt8], as language: Language) -> Double {
            var total = 0.0
            var previous = CharacterClass.other
            var spaceBefore = false
            for scalar in String(decoding: utf8, as: UTF8.self).unicodeScalars {
                if scalar.value < 0x80 {
                    if scalar == " " { spaceBefore = true } else { previous = .other; spaceBefore = false }
                    continue
                }
                let kind = characterClass(scalar.value)
                total += weight(kind, scalar, language)
                if spaceBefore && kind == previous {
                    // Neither Chinese nor Japanese puts spaces between ideographs.
                    if language != .korean && kind == .ideograph { total -= 1.5 * weight(kind, scalar, language) }
                    if language == .korean && kind == .hangul { total += 0.5 }
                }
                previous = kind
                spaceBefore = false
            }
            return total
        }

        private static func weight(_ kind: CharacterClass, _ scalar: Unicode.Scalar, _ language: Language) -> Double {
            switch kind {
            case .kana: language == .japanese ? 2 : -2
            case .hangul: language == .korean ? (commonHangul.contains(scalar) ? 2 : 0.3) : -2
            case .ideograph:
                switch language {
                case .chinese: 1
                case .japanese: 0.5
                case .korean: -0.5
                }
            case .punctuation: 0.2
            case .halfWidthKana: -1
            case .unlikely: language == .korean && (0x3130...0x318F).contains(scalar.value) ? 0 : -2
            case .other: -0.5
            }
        }
    }
}
