/// One term of the index: a word, a CJK character or a CJK character pair.
struct SearchTerm: Hashable, Comparable, Sendable {
    /// The term as it is written in a shard (and as `search.js` looks it up).
    let text: String

    init(_ text: String) { self.text = text }

    /// A CJK character (`second` nil) or pair, as a compact key for building the index.
    static func cjkKey(_ first: Unicode.Scalar, _ second: Unicode.Scalar?) -> UInt64 {
        guard let second else { return UInt64(first.value) }
        return 1 << 42 | UInt64(first.value) << 21 | UInt64(second.value)
    }

    /// The term a ``cjkKey(_:_:)`` stands for.
    init(cjkKey key: UInt64) {
        var scalars = String.UnicodeScalarView()
        if key >> 42 == 1 {
            scalars.append(Unicode.Scalar(UInt32((key >> 21) & 0x1F_FFFF))!)
        }
        scalars.append(Unicode.Scalar(UInt32(key & 0x1F_FFFF))!)
        text = String(scalars)
    }

    /// Appends the UTF-8 bytes of the term a ``cjkKey(_:_:)`` stands for (the same as its text's).
    static func appendUTF8(ofCJKKey key: UInt64, to bytes: inout [UInt8]) {
        if key >> 42 == 1 {
            UTF8.encode(Unicode.Scalar(UInt32((key >> 21) & 0x1F_FFFF))!) { bytes.append($0) }
        }
        UTF8.encode(Unicode.Scalar(UInt32(key & 0x1F_FFFF))!) { bytes.append($0) }
    }

    /// Terms order by their UTF-8 bytes, the same on every platform.
    static func < (left: SearchTerm, right: SearchTerm) -> Bool {
        left.text.utf8.lexicographicallyPrecedes(right.text.utf8)
    }

    /// The shard that holds the term: FNV-1a (32 bits) of its UTF-8 bytes, modulo the shard count.
    var shard: Int {
        var hash = Self.fnvBasis
        for byte in text.utf8 { Self.mix(byte, into: &hash) }
        return Int(hash % UInt32(SearchIndexLayout.shardCount))
    }

    /// The shard of the term a ``cjkKey(_:_:)`` stands for, without making its text.
    static func shard(ofCJKKey key: UInt64) -> Int {
        var hash = fnvBasis
        if key >> 42 == 1 { mixUTF8(UInt32((key >> 21) & 0x1F_FFFF), into: &hash) }
        mixUTF8(UInt32(key & 0x1F_FFFF), into: &hash)
        return Int(hash % UInt32(SearchIndexLayout.shardCount))
    }

    private static let fnvBasis: UInt32 = 0x811C_9DC5

    @inline(__always)
    private static func mix(_ byte: UInt8, into hash: inout UInt32) {
        hash ^= UInt32(byte)
        hash = hash &* 0x0100_0193
    }

    /// Mixes the UTF-8 bytes of one scalar value.
    @inline(__always)
    private static func mixUTF8(_ value: UInt32, into hash: inout UInt32) {
        switch value {
        case 0..<0x80:
            mix(UInt8(value), into: &hash)
        case 0x80..<0x800:
            mix(UInt8(0xC0 | value >> 6), into: &hash)
            mix(UInt8(0x80 | value & 0x3F), into: &hash)
        case 0x800..<0x10000:
            mix(UInt8(0xE0 | value >> 12), into: &hash)
            mix(UInt8(0x80 | (value >> 6) & 0x3F), into: &hash)
            mix(UInt8(0x80 | value & 0x3F), into: &hash)
        default:
            mix(UInt8(0xF0 | value >> 18), into: &hash)
            mix(UInt8(0x80 | (value >> 12) & 0x3F), into: &hash)
            mix(UInt8(0x80 | (value >> 6) & 0x3F), into: &hash)
            mix(UInt8(0x80 | value & 0x3F), into: &hash)
        }
    }
}
