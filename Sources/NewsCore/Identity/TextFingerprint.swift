/// Near-duplicate detection for news text in any script: character shingles (which work for
/// Chinese, where there are no spaces between words), a 64-bit SimHash to find candidates quickly,
/// and shingle containment to confirm them.
///
/// The same story reposted with another site's header and footer keeps almost all of its shingles
/// (high containment); two different stories that share a quoted paragraph share only that part.
public struct TextFingerprint: Sendable, Hashable {
    /// Hashes of every `shingleSize`-character run of the text's letters and digits.
    public let shingles: Set<UInt64>
    public let simhash: UInt64

    public static let shingleSize = 4

    public init(text: String) {
        var characters: [UInt32] = []
        characters.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            characters.append(scalar.properties.lowercaseMapping.unicodeScalars.first?.value ?? scalar.value)
        }
        var shingles = Set<UInt64>()
        if characters.count >= Self.shingleSize {
            for start in 0...(characters.count - Self.shingleSize) {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for value in characters[start..<(start + Self.shingleSize)] {
                    hash ^= UInt64(value)
                    hash = hash &* 0x0000_0100_0000_01B3
                }
                shingles.insert(Self.mix(hash))
            }
        }
        self.shingles = shingles
        simhash = Self.simhash(of: shingles)
    }

    /// Too little text to call two items the same story by their text alone.
    public var isTooShort: Bool { shingles.count < 40 }

    /// Shared shingles over the smaller set's size: 1 when one text contains the other.
    public func containment(with other: TextFingerprint) -> Double {
        let (small, large) = shingles.count <= other.shingles.count ? (shingles, other.shingles) : (other.shingles, shingles)
        guard !small.isEmpty else { return 0 }
        return Double(small.lazy.filter(large.contains).count) / Double(small.count)
    }

    /// The same story: enough text on both sides, and nearly all of the shorter one in the longer.
    public func isNearDuplicate(of other: TextFingerprint) -> Bool {
        !isTooShort && !other.isTooShort && containment(with: other) >= 0.8
    }

    /// SimHash distances at or below this make a pair worth confirming with ``containment(with:)``
    /// (two unrelated texts differ in about 32 of the 64 bits).
    public static let candidateDistance = 20

    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    static func simhash(of shingles: Set<UInt64>) -> UInt64 {
        guard !shingles.isEmpty else { return 0 }
        var weights = [Int](repeating: 0, count: 64)
        for shingle in shingles {
            for bit in 0..<64 { weights[bit] += (shingle >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where weights[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    /// splitmix64's finaliser: spreads FNV's output over all 64 bits.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
