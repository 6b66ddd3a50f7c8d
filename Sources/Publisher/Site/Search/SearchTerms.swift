/// How the search index (and `search.js`, which mirrors it) turns text into terms.
///
/// Text is folded scalar by scalar: full-width ASCII forms (`ＡＩ`, `１２`) become ASCII, the ideographic
/// space a space, and everything but CJK is lower-cased. Then:
/// - a run of letters, marks and digits (`AI`, `5g`, `café`) is one word term (cut at 40 scalars);
/// - a run of CJK characters (Han, kana, Hangul) gives each of its characters and each adjacent pair
///   (`银行业` → 银, 行, 业, 银行, 行业), so any one- or two-character query finds exactly the stories
///   that contain it; a longer run is found through its pairs and then confirmed on the text.
public enum SearchTerms {
    /// The longest word term, in scalars; longer words are cut.
    public static let maximumWordLength = 40

    /// One piece of text between separators.
    public enum Run: Sendable, Hashable {
        case word(String)
        case cjk([Unicode.Scalar])
    }

    /// The folded runs of `text`.
    /// - Complexity: O(n) in the scalars of `text`.
    public static func runs(of text: String) -> [Run] {
        var runs: [Run] = []
        forEachRun(in: text) { run in runs.append(run) }
        return runs
    }

    /// Calls `body` with each folded run of `text`, in order.
    static func forEachRun(in text: String, _ body: (Run) -> Void) {
        var word = String.UnicodeScalarView()
        var wordLength = 0
        var cjk: [Unicode.Scalar] = []
        func endWord() {
            if wordLength > 0 { body(.word(String(word))) }
            word = String.UnicodeScalarView()
            wordLength = 0
        }
        func endCJK() {
            if !cjk.isEmpty { body(.cjk(cjk)) }
            cjk.removeAll(keepingCapacity: true)
        }
        for original in text.unicodeScalars {
            fold(original) { scalar in
                if isCJK(scalar) {
                    endWord()
                    cjk.append(scalar)
                } else if isWordScalar(scalar) {
                    endCJK()
                    if wordLength < maximumWordLength {
                        word.append(scalar)
                        wordLength += 1
                    }
                } else {
                    endWord()
                    endCJK()
                }
            }
        }
        endWord()
        endCJK()
    }

    /// Calls `body` with the folded form of `scalar` (one scalar, or a few where lower-casing expands).
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar, _ body: (Unicode.Scalar) -> Void) {
        var value = scalar.value
        if value >= 0xFF01 && value <= 0xFF5E { value -= 0xFEE0 } else if value == 0x3000 { value = 0x20 }
        if value < 0x80 {
            if value >= 0x41 && value <= 0x5A { value += 0x20 }
            body(Unicode.Scalar(UInt8(value)))
            return
        }
        let folded = Unicode.Scalar(value)!
        if isCJK(folded) || !folded.properties.changesWhenLowercased {
            body(folded)
            return
        }
        for lower in folded.properties.lowercaseMapping.unicodeScalars { body(lower) }
    }

    /// Han (with extensions and compatibility forms), kana and Hangul syllables.
    @inline(__always)
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value >= 0x4E00 && value <= 0x9FFF) || (value >= 0x3400 && value <= 0x4DBF)
            || (value >= 0x3040 && value <= 0x30FF) || (value >= 0xAC00 && value <= 0xD7AF)
            || (value >= 0xF900 && value <= 0xFAFF) || (value >= 0x20000 && value <= 0x2FFFF)
    }

    /// Letters, marks and digits (general categories L, M and N), as `search.js`'s `/[\p{L}\p{M}\p{N}]/u`.
    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
