@testable import NewsCore
import Testing
import TestSupport

/// The per-item fast paths of a cold import (issue 11) against the plain code they stand for, on
/// varied text: ASCII, CJK, full-width forms, emoji and their joiner sequences, flags, combining
/// marks, Hangul jamo, Indic conjuncts, CR LF. Every value the archive keeps (hashes, sketches,
/// link keys) must come out the same.
struct FastPathEquivalenceTests {
    /// Pieces the texts are drawn from: each a character, part of one, or a run of several.
    static let pieces = [
        "a", "Z", "q7", " ", "  ", "\t", "\n", "\r", "\r\n", "中", "文", "第0条", "。", "，", "：", "“", "”", "…", "—",
        "é", "e\u{301}", "\u{301}", "\u{0300}", "ß", "İ", "Σ", "ǅ", "ø", "\u{00AD}", "©", "々", "〇", "〰", "\u{302A}",
        "Ａ", "ｂ", "１", "ｶ\u{FF9E}", "\u{FF9E}", "👍", "👍🏽", "👨\u{200D}👩\u{200D}👧", "\u{200D}", "\u{200C}", "🇨🇳",
        "🇺", "한", "\u{1100}\u{1161}\u{11A8}", "\u{1161}", "क्ष", "\u{094D}", "\u{0E01}\u{0E33}", "\u{0600}1", "𠀀", "\u{2028}",
        "\u{FEFF}", "\u{0007}", "<p>", "&amp;", "龥", "\u{9FFF}", "䷀", "㐀", "\u{A000}",
    ]

    static func texts(count: Int, seed: UInt64, pieces: [String] = pieces, maxPieces: Int = 60) -> [String] {
        var generator = SeededGenerator(state: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...maxPieces, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
    }

    // MARK: StableHash

    /// FNV-1a, one byte at a time over the joined text, hex by `String(_:radix:)`: the code before.
    static func plainHex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    @Test func stableHashOfTwoPartsIsTheHashOfTheirJoin() {
        let texts = Self.texts(count: 400, seed: 1)
        for (first, second) in zip(texts, texts.reversed()) {
            #expect(StableHash.hex(unitSeparated: [first, second]) == Self.plainHex(first + "\u{1F}" + second))
            #expect(StableHash.value(unitSeparated: [first, second]) == StableHash.value(first + "\u{1F}" + second))
            #expect(StableHash.hex(unitSeparated: [first, "", second, "1"]) == Self.plainHex("\(first)\u{1F}\u{1F}\(second)\u{1F}1"))
            #expect(StableHash.hex(first) == Self.plainHex(first))
        }
        #expect(StableHash.hex("") == "cbf29ce484222325")
        #expect(StableHash.hex(unitSeparated: []) == "cbf29ce484222325")
        #expect(StableHash.hex(unitSeparated: ["solo"]) == Self.plainHex("solo"))
        #expect(StableHash.hexDigits(0x0F) == "000000000000000f")
        #expect(StableHash.hexDigits(.max) == "ffffffffffffffff")
        // An item's content hash as archives hold it.
        #expect(Item.contentHash(title: "标题 Title", html: "<p>正文</p>") == Self.plainHex("标题 Title\u{1F}<p>正文</p>"))
    }

    // MARK: Counting characters

    @Test func characterCountUpToALimitIsTheCountAsFarAsTheLimit() {
        for (position, text) in Self.texts(count: 3000, seed: 2).enumerated() {
            for limit in [0, 1, 2, 7, 60, 61, 100, 200, 10_000] {
                #expect(text.characterCount(upTo: limit) == min(text.count, limit), "text \(position): \(text.debugDescription), limit \(limit)")
            }
        }
        #expect("\r\n\r\n".characterCount(upTo: 10) == 2)
        #expect("中文👨\u{200D}👩\u{200D}👧".characterCount(upTo: 10) == 3)
        #expect("ab\u{301}".characterCount(upTo: 2) == 2)
        // Runs of eight ASCII bytes and of ideographs read without decoding, up to what ends them.
        #expect("abcdefgh\u{301}ijklmnopq".characterCount(upTo: 100) == 17)
        #expect("abcdefg\r\nhijklmnop".characterCount(upTo: 100) == 17)
        #expect("abcdefghijklmnop".characterCount(upTo: 12) == 12)
        #expect("国家统计局今天发布数据\u{4DC0}䷀".characterCount(upTo: 100) == 13)
        #expect("国家统计局今天发布数据".characterCount(upTo: 4) == 4)
    }

    // MARK: Fingerprints

    /// The fingerprint's shingles (sorted, unique) and sketch as the code before computed them: one text, every
    /// shingle a FNV-1a hash of four folded characters, mixed; each slot the minimum over the
    /// shingles of the mix of shingle and seed, in an array indexed per slot.
    static func plainFingerprint(_ text: String) -> (shingles: [UInt64], sketch: [UInt64]) {
        var characters: [UInt32] = []
        for scalar in text.unicodeScalars {
            if let folded = TextFingerprint.contentCharacter(scalar) { characters.append(folded) }
        }
        var shingles: [UInt64] = []
        if characters.count >= TextFingerprint.shingleSize {
            for start in 0...(characters.count - TextFingerprint.shingleSize) {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for offset in 0..<TextFingerprint.shingleSize {
                    hash ^= UInt64(characters[start + offset])
                    hash = hash &* 0x0000_0100_0000_01B3
                }
                shingles.append(TextFingerprint.mix(hash))
            }
        }
        guard !shingles.isEmpty else { return ([], []) }
        var minimums = [UInt64](repeating: .max, count: TextFingerprint.sketchSize)
        for shingle in shingles {
            for slot in 0..<TextFingerprint.sketchSize {
                minimums[slot] = min(minimums[slot], TextFingerprint.mix(shingle ^ TextFingerprint.seeds[slot]))
            }
        }
        return (Array(Set(shingles)).sorted(), minimums)
    }

    @Test func fingerprintsOfBlocksAreThoseOfTheirJoinedText() {
        let texts = Self.texts(count: 900, seed: 3, maxPieces: 120)
        for start in stride(from: 0, to: texts.count, by: 3) {
            let blocks = Array(texts[start..<min(start + 3, texts.count)])
            let joined = blocks.joined(separator: "\n")
            let fingerprint = TextFingerprint(blocks: blocks)
            #expect(fingerprint == TextFingerprint(text: joined))
            let plain = Self.plainFingerprint(joined)
            #expect(fingerprint.sketch == plain.sketch, "blocks \(blocks.debugDescription)")
            #expect(fingerprint.shingles == plain.shingles, "blocks \(blocks.debugDescription)")
            #expect(fingerprint.shingles.count == Set(fingerprint.shingles).count)
        }
        #expect(TextFingerprint(blocks: []).sketch.isEmpty)
        #expect(TextFingerprint(blocks: ["", "abc"]).sketch.isEmpty)
    }

    // MARK: Links

    static let linkPieces = [
        "http://", "https://", "HTTP://", "HtTpS://", "ftp://", "://", "example.com", "EXAMPLE.com", "Sub.Example.COM", ":80", ":443",
        ":8080", ":", "/", "/a/B/c.html", "?", "&", "&&", "=", "utm_source=x", "UTM_Medium=y", "utm_", "utm", "id=1", "q=A",
        "#", "#frag", " ", "\t", "\n", "\r\n", "%E4%B8%AD", "@", "user:pw@", "[::1]", "中文", "é", "e\u{301}", "/\u{301}", "👍",
    ]

    @Test func asciiLinksNormaliseAsCharacterByCharacter() {
        var checked = 0
        for link in Self.texts(count: 6000, seed: 4, pieces: Self.linkPieces, maxPieces: 10) {
            let characters = LinkNormalizer.normalizedCharacters(link)
            if let fast = LinkNormalizer.normalizedASCII(link) {
                #expect(fast == characters, "link \(link.debugDescription)")
                checked += 1
            } else {
                #expect(link.utf8.contains { $0 >= 0x80 })
            }
            #expect(LinkNormalizer.normalize(link) == characters)
        }
        #expect(checked > 2000)
        #expect(LinkNormalizer.normalize(" HTTP://Example.COM:80?utm_a=1&b=2#x ") == "http://example.com?b=2")
        #expect(LinkNormalizer.normalize("https://example.com:443?utm_a=1") == "https://example.com/")
        #expect(LinkNormalizer.normalize("  ") == nil)
    }
}
