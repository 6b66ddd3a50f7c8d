/// A page's fingerprint, hashed from its inputs as they come (64-bit FNV-1a, as ``StableHash``), so
/// that no joined string of them is ever made. Each input ends with a separator byte, so that
/// `["ab", "c"]` and `["a", "bc"]` differ; a whole story goes in as the hash of its own inputs,
/// computed once per build however many pages show it.
struct SiteFingerprint {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    /// A fingerprint that starts from another (the inputs every page shares).
    init(startingFrom other: SiteFingerprint) {
        value = other.value
    }

    mutating func add(_ text: String) {
        var hash = value
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        value = hash
        addSeparator()
    }

    /// Mixes in a number (another fingerprint's value, a count) byte by byte.
    mutating func add(_ number: UInt64) {
        var hash = value
        var rest = number
        for _ in 0..<8 {
            hash ^= rest & 0xFF
            hash = hash &* 0x0000_0100_0000_01B3
            rest >>= 8
        }
        value = hash
        addSeparator()
    }

    private mutating func addSeparator() {
        value ^= 0x1E
        value = value &* 0x0000_0100_0000_01B3
    }

    /// The fingerprint of `inputs` in order.
    static func of(_ inputs: String...) -> SiteFingerprint {
        var fingerprint = SiteFingerprint()
        for input in inputs { fingerprint.add(input) }
        return fingerprint
    }
}

extension SiteFingerprint {
    /// The value with `text` added last.
    func adding(_ text: String) -> UInt64 {
        var fingerprint = self
        fingerprint.add(text)
        return fingerprint.value
    }
}
