import MinHashKernel

/// Near-duplicate detection for news text in any script: character shingles (which work for
/// Chinese, where there are no spaces between words), a MinHash sketch to find candidates quickly,
/// and shingle containment to confirm them.
///
/// SimHash was tried first: a 340-character story with a 50-character header and footer of
/// another site's boilerplate already lies 19 bits away from itself, as far as many unrelated
/// pairs, so it cannot select candidates. A MinHash slot matches with probability equal to the
/// Jaccard similarity of the shingle sets: the same story matches in most of the 8 slots,
/// unrelated stories in almost none.
///
/// The same story reposted with another site's header and footer keeps almost all of its shingles
/// (high containment); two different stories that share a quoted paragraph share only that part.
public struct TextFingerprint: Sendable, Hashable {
    /// Hashes of every `shingleSize`-character run of the text's letters and digits, in text order
    /// (repeats included): the sketch reads them as they are, and only a comparison sorts them
    /// (most fingerprints are never compared; sorting every one took a twentieth of a cold import).
    private let runs: [UInt64]

    /// The shingle hashes, sorted, unique.
    public var shingles: [UInt64] {
        var shingles = runs
        shingles.sort()
        var unique = 0
        for index in shingles.indices where index == 0 || shingles[index] != shingles[unique - 1] {
            shingles[unique] = shingles[index]
            unique += 1
        }
        shingles.removeLast(shingles.count - unique)
        return shingles
    }
    /// The minimum of each of ``sketchSize`` differently seeded hashes over the shingles (empty for no text).
    public let sketch: [UInt64]

    /// (MinHashKernel computes exactly eight slots.)
    public static let sketchSize = 8
    /// Matching sketch slots that make a pair worth confirming with ``containment(with:)``. Each slot
    /// matches with probability J (the Jaccard similarity), so two of eight find a pair with J = 0.5
    /// 96.5 % of the time and with J = 0.75 99.96 %, while unrelated texts (J ≈ 0.02) become
    /// candidates about 1 % of the time. Eight slots rather than sixteen halve the index writes.
    public static let candidateSlots = 2

    public static let shingleSize = 4

    public init(text: String) {
        self.init(blocks: [text])
    }

    /// The fingerprint of `blocks.joined(separator: "\n")`, without joining them: a line feed is no
    /// letter or digit, so it adds nothing to the characters the shingles are made of.
    public init(blocks: [String]) {
        // The folded characters written into a buffer as large as the bytes (no text has more scalars),
        // ASCII read byte by byte.
        let characters = [UInt32](unsafeUninitializedCapacity: blocks.reduce(0) { $0 + $1.utf8.count }) { buffer, initialized in
            var count = 0
            for var block in blocks {
                block.withUTF8 { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        let lead = bytes[offset]
                        if lead < 0x80 {
                            switch lead {
                            case 0x30...0x39, 0x61...0x7A:
                                buffer[count] = UInt32(lead)
                                count += 1
                            case 0x41...0x5A:
                                buffer[count] = UInt32(lead | 0x20)
                                count += 1
                            default:
                                break
                            }
                            offset += 1
                            continue
                        }
                        let (value, length) = Self.decodedScalar(bytes, at: offset)
                        // U+5000–U+9FFF, CJK ideographs (most of a Chinese text): content as they are.
                        if lead >= 0xE5 && lead <= 0xE9 {
                            buffer[count] = value
                            count += 1
                            offset += length
                            continue
                        }
                        if let folded = Self.contentCharacter(Unicode.Scalar(value).unsafelyUnwrapped) {
                            buffer[count] = folded
                            count += 1
                        }
                        offset += length
                    }
                }
            }
            initialized = count
        }
        let shingles = Self.shingleHashes(of: characters)
        runs = shingles
        sketch = Self.sketch(of: shingles)
    }

    /// The scalar whose UTF-8 (valid, as every String's) starts with the non-ASCII byte at `offset`, and its length.
    @inline(__always)
    private static func decodedScalar(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[offset])
        switch lead {
        case 0xC0..<0xE0:
            return ((lead & 0x1F) << 6 | UInt32(bytes[offset + 1] & 0x3F), 2)
        case 0xE0..<0xF0:
            return ((lead & 0x0F) << 12 | UInt32(bytes[offset + 1] & 0x3F) << 6 | UInt32(bytes[offset + 2] & 0x3F), 3)
        default:
            return ((lead & 0x07) << 18 | UInt32(bytes[offset + 1] & 0x3F) << 12 | UInt32(bytes[offset + 2] & 0x3F) << 6
                | UInt32(bytes[offset + 3] & 0x3F), 4)
        }
    }

    /// The mixed FNV-1a hash of every ``shingleSize``-character run of `characters`, in order.
    static func shingleHashes(of characters: [UInt32]) -> [UInt64] {
        guard characters.count >= shingleSize else { return [] }
        return characters.withUnsafeBufferPointer { characters in
            [UInt64](unsafeUninitializedCapacity: characters.count - shingleSize + 1) { shingles, initialized in
                for start in 0...(characters.count - shingleSize) {
                    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                    for offset in 0..<shingleSize {
                        hash ^= UInt64(characters[start + offset])
                        hash = hash &* 0x0000_0100_0000_01B3
                    }
                    shingles[start] = mix(hash)
                }
                initialized = characters.count - shingleSize + 1
            }
        }
    }

    /// Letters and digits, case-folded; nil for whitespace, punctuation and symbols. ASCII and the
    /// CJK ideographs (most of our text) take a fast path.
    @inline(__always)
    static func contentCharacter(_ scalar: Unicode.Scalar) -> UInt32? {
        let value = scalar.value
        switch value {
        case 0x30...0x39, 0x61...0x7A: return value
        case 0x41...0x5A: return value | 0x20
        case 0x00...0x7F: return nil
        case 0x4E00...0x9FFF, 0x3400...0x4DBF: return value
        case 0x3000...0x303F, 0xFF00...0xFF0F, 0xFF1A...0xFF20: return nil  // CJK and full-width punctuation
        default:
            let properties = scalar.properties
            guard properties.isAlphabetic || properties.numericType != nil else { return nil }
            return properties.changesWhenLowercased ? (properties.lowercaseMapping.unicodeScalars.first?.value ?? value) : value
        }
    }

    /// The distinct shingle hashes, as a set (no sort): what comparisons read.
    public var shingleSet: ShingleSet { ShingleSet(runs) }

    /// Too little text to call two items the same story by their text alone.
    public var isTooShort: Bool { shingleSet.count < 40 }

    /// Shared shingles over the smaller set's size: 1 when one text contains the other.
    public func containment(with other: TextFingerprint) -> Double {
        Self.containment(shingleSet, other.shingleSet)
    }

    /// ``containment(with:)`` of two shingle sets.
    static func containment(_ left: ShingleSet, _ right: ShingleSet) -> Double {
        let smaller = min(left.count, right.count)
        guard smaller > 0 else { return 0 }
        return Double(left.shared(with: right)) / Double(smaller)
    }

    /// The same story: enough text on both sides, and nearly all of the shorter one in the longer.
    public func isNearDuplicate(of other: TextFingerprint) -> Bool {
        Self.isNearDuplicate(shingleSet, other.shingleSet)
    }

    /// ``isNearDuplicate(of:)`` of two fingerprints given by their ``shingleSet``s.
    public static func isNearDuplicate(_ shingles: ShingleSet, _ otherShingles: ShingleSet) -> Bool {
        shingles.count >= 40 && otherShingles.count >= 40 && containment(shingles, otherShingles) >= 0.8
    }

    /// Shingles two texts must both hold for them to count as one story when their titles disagree:
    /// about 100 letters, more than a disclaimer or a template line that unrelated items share.
    public static let storyShingles = 100

    /// Whether two items tell the same story: nearly the same text, and either titles that agree, or
    /// enough text on both sides that it cannot be boilerplate they both carry. Outlets rewrite
    /// titles, so a long shared text still makes a copy.
    public func isSameStory(as other: TextFingerprint, title: String, otherTitle: String) -> Bool {
        Self.isSameStory(shingleSet, other.shingleSet, title: title, otherTitle: otherTitle)
    }

    /// ``isSameStory(as:title:otherTitle:)`` of two fingerprints given by their ``shingleSet``s: for a
    /// caller that compares one text with several, making its set once.
    public static func isSameStory(_ shingles: ShingleSet, _ otherShingles: ShingleSet, title: String, otherTitle: String) -> Bool {
        guard isNearDuplicate(shingles, otherShingles) else { return false }
        if TitleSimilarity.agree(title, otherTitle) { return true }
        return min(shingles.count, otherShingles.count) >= storyShingles
    }

    /// How many sketch slots two fingerprints share.
    public static func matchingSlots(_ a: [UInt64], _ b: [UInt64]) -> Int {
        zip(a, b).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
    }

    static func sketch(of shingles: [UInt64]) -> [UInt64] {
        guard !shingles.isEmpty else { return [] }
        // The inner loop is C's (MinHashKernel): with AVX-512 the eight slots are the lanes of one vector,
        // 14 times as fast as Swift's scalar loop, which held the eight minimums in registers and was
        // still a tenth of a cold import's instructions. ``referenceSketch(of:)`` says what it computes.
        return [UInt64](unsafeUninitializedCapacity: sketchSize) { minimums, initialized in
            shingles.withUnsafeBufferPointer { shingles in
                seeds.withUnsafeBufferPointer { seeds in
                    newsmill_minhash8(shingles.baseAddress, shingles.count, seeds.baseAddress, minimums.baseAddress)
                }
            }
            initialized = sketchSize
        }
    }

    /// What ``sketch(of:)`` computes, slot by slot in Swift: the tests hold the kernel to it.
    static func referenceSketch(of shingles: [UInt64]) -> [UInt64] {
        guard !shingles.isEmpty else { return [] }
        return seeds.map { seed in shingles.reduce(UInt64.max) { min($0, mix($1 ^ seed)) } }
    }

    static let seeds: [UInt64] = (0..<UInt64(sketchSize)).map { mix(0x5EED_0000 + $0) }

    /// splitmix64's finaliser: spreads FNV's output over all 64 bits.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A text's distinct shingle hashes in an open-addressed table: built in one pass over the hashes (they
/// are mixed already, so their top bits place them), and two sets share what the smaller one's probes
/// find in the larger. Sorting both lists to merge them was most of a comparison's cost.
public struct ShingleSet: Sendable {
    /// Power-of-two slots, at most half of them used; 0 marks an empty slot (a hash of 0 is `holdsZero`).
    private var slots: [UInt64]
    private var shift: UInt64
    private var holdsZero = false
    /// How many distinct hashes the set holds.
    public private(set) var count = 0

    public init(_ hashes: [UInt64]) {
        var capacity = 8
        while capacity < 2 * hashes.count { capacity *= 2 }
        slots = [UInt64](repeating: 0, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        let mask = capacity - 1
        slots.withUnsafeMutableBufferPointer { slots in
            for hash in hashes {
                guard hash != 0 else {
                    if !holdsZero { holdsZero = true; count += 1 }
                    continue
                }
                var index = Int(truncatingIfNeeded: hash >> shift)
                while true {
                    let held = slots[index]
                    if held == hash { break }
                    if held == 0 {
                        slots[index] = hash
                        count += 1
                        break
                    }
                    index = (index + 1) & mask
                }
            }
        }
    }

    public func contains(_ hash: UInt64) -> Bool {
        guard hash != 0 else { return holdsZero }
        let mask = slots.count - 1
        return slots.withUnsafeBufferPointer { slots in
            var index = Int(truncatingIfNeeded: hash >> shift)
            while true {
                let held = slots[index]
                if held == hash { return true }
                if held == 0 { return false }
                index = (index + 1) & mask
            }
        }
    }

    /// How many hashes both sets hold.
    public func shared(with other: ShingleSet) -> Int {
        guard other.count >= count else { return other.shared(with: self) }
        var shared = holdsZero && other.holdsZero ? 1 : 0
        for hash in slots where hash != 0 && other.contains(hash) { shared += 1 }
        return shared
    }
}

/// Whether two titles name the same story, on letters and digits alone (case and full-width forms
/// folded, spaces and punctuation dropped): equal, or most of their character pairs in common (which
/// works for Chinese titles, written without spaces). Near-duplicate detection and the check that a
/// fetched page is the item's own story both ask it.
public enum TitleSimilarity {
    /// Same story for de-duplication: equal once folded, or a pair overlap (Dice) of at least 0.5.
    public static func agree(_ a: String, _ b: String) -> Bool {
        let left = folded(a), right = folded(b)
        guard !left.isEmpty, !right.isEmpty else { return false }
        return left == right || bigramDice(left, right) >= 0.5
    }

    /// Letters and digits only, lowercased, full-width forms as their ASCII twins.
    public static func folded(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            var value = scalar
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) { value = ascii }
            guard value.properties.isAlphabetic || value.properties.numericType != nil else { continue }
            scalars.append(contentsOf: String(value).lowercased().unicodeScalars)
        }
        return String(scalars)
    }

    /// The Dice coefficient of two folded texts' character pairs, counted with repetition.
    public static func bigramDice(_ a: String, _ b: String) -> Double {
        func bigrams(_ text: String) -> [String: Int] {
            let characters = Array(text)
            guard characters.count >= 2 else { return [:] }
            var counts: [String: Int] = [:]
            for index in 0..<(characters.count - 1) { counts[String(characters[index...index + 1]), default: 0] += 1 }
            return counts
        }
        let left = bigrams(a), right = bigrams(b)
        let total = left.values.reduce(0, +) + right.values.reduce(0, +)
        guard total > 0 else { return 0 }
        let shared = left.reduce(0) { $0 + min($1.value, right[$1.key] ?? 0) }
        return 2 * Double(shared) / Double(total)
    }
}
