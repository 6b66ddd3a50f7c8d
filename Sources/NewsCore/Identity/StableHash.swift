/// A 64-bit FNV-1a hash: stable across runs, machines and Swift versions (unlike `Hasher`),
/// used for file names, placeholder seeds and change detection.
public enum StableHash {
    public static func value(_ text: String) -> UInt64 {
        // Over the string's own bytes when contiguous (native strings): feed snapshots hash every entry's HTML.
        text.utf8.withContiguousStorageIfAvailable { value(bytes: $0) } ?? value(bytes: text.utf8)
    }

    /// FNV-1a over bytes (the values the archive keeps: never change them).
    private static func value(bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The hash as 16 lowercase hex digits.
    public static func hex(_ text: String) -> String {
        let digits = String(value(text), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
