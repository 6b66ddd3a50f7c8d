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
        guard pattern.count > 0, bytes.count >= pattern.count else { return nil }
        let first = pattern[0]
        for start in 0...(bytes.count - pattern.count) where bytes[start] == first {
            if memcmp(bytes.baseAddress! + start, pattern.baseAddress!, pattern.count) == 0 { return start }
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

    /// `text.utf8.contains(where: predicate)`, over the string's own storage when it is contiguous.
    public static func containsByte(in text: String, where predicate: (UInt8) -> Bool) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.contains(where: predicate) } ?? text.utf8.contains(where: predicate)
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
