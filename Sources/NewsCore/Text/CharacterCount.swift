extension String {
    /// `min(count, limit)`, the string's characters counted only as far as `limit`, and read from its
    /// UTF-8 bytes while every scalar is one that always stands as a character of its own.
    ///
    /// Between two such scalars (ASCII but CR, Latin-1 and Latin Extended, general punctuation, CJK
    /// symbols and punctuation without the combining tone marks, CJK ideographs, full-width forms)
    /// Unicode's grapheme rules always break: none is a CR, an extending or spacing mark, a joiner, a
    /// prepended mark, a Hangul jamo or a regional indicator. So `n` of them in a row are `n`
    /// characters, and counting them needs no grapheme breaking (which showed in profiles of large
    /// imports, counting Chinese paragraphs). Any other scalar counts the string as `count` does.
    public func characterCount(upTo limit: Int) -> Int {
        guard limit > 0 else { return 0 }
        let fast = utf8.withContiguousStorageIfAvailable { Self.standaloneScalarCount($0, upTo: limit) } ?? nil
        if let fast { return fast }
        var counted = 0
        var index = startIndex
        while counted < limit, index < endIndex {
            formIndex(after: &index)
            counted += 1
        }
        return counted
    }

    /// The number of scalars in `bytes` (valid UTF-8), as far as `limit`; nil when one before that is
    /// not a scalar that always stands alone (see ``characterCount(upTo:)``).
    private static func standaloneScalarCount(_ bytes: UnsafeBufferPointer<UInt8>, upTo limit: Int) -> Int? {
        var counted = 0
        var offset = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while offset < bytes.count {
            if counted == limit { return limit }
            // Eight ASCII bytes without a CR at once, when all eight still count.
            if offset + 8 <= bytes.count && counted + 8 <= limit {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                let carriageReturns = word ^ 0x0D0D_0D0D_0D0D_0D0D
                if word & 0x8080_8080_8080_8080 == 0
                    && (carriageReturns &- 0x0101_0101_0101_0101) & ~carriageReturns & 0x8080_8080_8080_8080 == 0 {
                    counted += 8
                    offset += 8
                    continue
                }
            }
            let lead = bytes[offset]
            // U+5000–U+9FFF: CJK unified ideographs, which always stand alone (no need to decode them).
            if lead >= 0xE5 && lead <= 0xE9 && offset + 2 < bytes.count {
                counted += 1
                offset += 3
                continue
            }
            let scalar: UInt32
            let length: Int
            switch lead {
            case 0x00..<0x80:
                if lead == 0x0D { return nil }
                counted += 1
                offset += 1
                continue
            case 0xC0..<0xE0:
                guard offset + 1 < bytes.count else { return nil }
                scalar = UInt32(lead & 0x1F) << 6 | UInt32(bytes[offset + 1] & 0x3F)
                length = 2
            case 0xE0..<0xF0:
                guard offset + 2 < bytes.count else { return nil }
                scalar = UInt32(lead & 0x0F) << 12 | UInt32(bytes[offset + 1] & 0x3F) << 6 | UInt32(bytes[offset + 2] & 0x3F)
                length = 3
            default:
                return nil
            }
            guard standsAlone(scalar) else { return nil }
            counted += 1
            offset += length
        }
        return counted
    }

    /// Scalars whose grapheme break property is Other or Control (never CR), with no rule that joins them to a neighbour.
    @inline(__always)
    private static func standsAlone(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x00A0...0x02FF: true  // Latin-1 Supplement, Latin Extended-A and -B, IPA, spacing modifiers
        case 0x2010...0x2027, 0x2030...0x205E: true  // general punctuation (no joiners, no line separators)
        case 0x3000...0x3029, 0x3030...0x303F: true  // CJK symbols and punctuation (not the tone marks U+302A–U+302F)
        case 0x3400...0x4DBF, 0x4E00...0x9FFF: true  // CJK unified ideographs
        case 0xFF01...0xFF5E: true  // full-width ASCII forms
        default: false
        }
    }
}
