/// A 64-bit FNV-1a hash: stable across runs, machines and Swift versions (unlike `Hasher`),
/// used for file names, placeholder seeds and change detection.
public enum StableHash {
    public static func value(_ text: String) -> UInt64 {
        continued(offsetBasis, over: text)
    }

    /// ``value(_:)`` of `parts.joined(separator: "\u{1F}")`, without joining them (an item's content
    /// hash covers its title and its whole HTML: joining copied every item's HTML once more).
    public static func value(unitSeparated parts: [String]) -> UInt64 {
        var hash = offsetBasis
        for (position, part) in parts.enumerated() {
            if position > 0 { hash = step(hash, 0x1F) }
            hash = continued(hash, over: part)
        }
        return hash
    }

    /// The hash as 16 lowercase hex digits.
    public static func hex(_ text: String) -> String {
        hexDigits(value(text))
    }

    /// ``hex(_:)`` of `parts.joined(separator: "\u{1F}")` (see ``value(unitSeparated:)``).
    public static func hex(unitSeparated parts: [String]) -> String {
        hexDigits(value(unitSeparated: parts))
    }

    /// `value` as 16 lowercase hex digits, leading zeros included, written straight into the string.
    public static func hexDigits(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            for position in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * UInt64(position))) & 0x0F
                buffer[position] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            }
            return 16
        }
    }

    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    private static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// FNV-1a over the string's bytes from `hash` on (the values the archive keeps: never change them).
    /// Over the string's own storage when contiguous (native strings): feed snapshots hash every entry's HTML.
    private static func continued(_ hash: UInt64, over text: String) -> UInt64 {
        text.utf8.withContiguousStorageIfAvailable { continued(hash, bytes: $0) } ?? continued(hash, bytes: text.utf8)
    }

    private static func continued(_ start: UInt64, bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = start
        for byte in bytes { hash = step(hash, byte) }
        return hash
    }
}
