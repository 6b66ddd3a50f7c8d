#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search on UTF-8 bytes: the extractor and the image checks run it on every page, where
/// Foundation's `contains` (which converts to UTF-16) and generic string search showed in profiles.
public enum ByteSearch {
    /// The byte offset where `pattern` first occurs in `bytes` (nil for an empty pattern).
    public static func offset(of pattern: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard pattern.count > 0, bytes.count >= pattern.count, let base = bytes.baseAddress else { return nil }
        // Each candidate start found with memchr (a comparison per byte was a feed reader's largest loop).
        let first = Int32(pattern[0])
        let lastStart = bytes.count - pattern.count
        var start = 0
        while start <= lastStart {
            guard let hit = memchr(base + start, first, lastStart - start + 1) else { return nil }
            start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + start, pattern.baseAddress!, pattern.count) == 0 { return start }
            start += 1
        }
        return nil
    }

    /// Where `needle` first occurs in `text`, as a byte offset.
    public static func offset(of needle: String, in text: String) -> Int? {
        var needle = needle
        var text = text
        return needle.withUTF8 { pattern in text.withUTF8 { offset(of: pattern, in: $0) } }
    }

    /// Whether `text`'s UTF-8 holds `byte` (`text.utf8.contains(byte)`, searched with `memchr` in the
    /// string's own storage: walking the UTF-8 view byte by byte showed in profiles of large imports).
    public static func contains(_ byte: UInt8, in text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        } ?? text.utf8.contains(byte)
    }

    /// Whether `text`'s UTF-8 holds `first` or `second`, each searched with `memchr` (a predicate called
    /// for every byte of every post body cost a few instructions a byte: 2.6 % of a cold import's).
    public static func contains(_ first: UInt8, or second: UInt8, in text: String) -> Bool {
        contains(first, in: text) || contains(second, in: text)
    }

    /// Whether `text`'s UTF-8 holds a byte below 0x20 or 0x7F (DEL), other than those `allowed`
    /// (a bit per byte below 0x20): a test of eight bytes at a time, most of which hold none.
    public static func containsControl(in text: String, allowing allowed: UInt32) -> Bool {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var offset = 0
            let raw = UnsafeRawBufferPointer(bytes)
            while offset + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                // A lane below 0x20, or 0x7F: (lane - 0x20) or (lane + 1, for 0x7F → 0x80) borrows into its top bit.
                let low = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                let del = ((word ^ 0x7F7F_7F7F_7F7F_7F7F) &- 0x0101_0101_0101_0101) & ~(word ^ 0x7F7F_7F7F_7F7F_7F7F) & 0x8080_8080_8080_8080
                if low | del != 0, bytes[offset..<(offset + 8)].contains(where: { ControlCharacters.isControl($0, allowing: allowed) }) { return true }
                offset += 8
            }
            return bytes[offset...].contains { ControlCharacters.isControl($0, allowing: allowed) }
        }
        return text.utf8.withContiguousStorageIfAvailable(scan) ?? text.utf8.contains { ControlCharacters.isControl($0, allowing: allowed) }
    }

    /// Whether `text` contains any of `needles`.
    public static func containsAny(_ text: String, _ needles: [String]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            needles.contains { needle in
                var needle = needle
                return needle.withUTF8 { offset(of: $0, in: bytes) != nil }
            }
        }
    }
}
