#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns raw bytes into the tokenizer's input stream: valid UTF-8 with every CR and CRLF
/// replaced by LF (WHATWG "preprocessing the input stream").
///
/// Invalid UTF-8 becomes U+FFFD, one per maximal invalid subpart, as the Encoding Standard's
/// UTF-8 decoder does.
/// - Complexity: O(n), one pass; returns the input's own storage when it needs no change.
enum InputPreprocessor {
    static func normalize(_ bytes: [UInt8]) -> [UInt8] {
        if isCleanUTF8(bytes) { return bytes }
        return bytes.withUnsafeBufferPointer { rewrite($0) }
    }

    /// The tokenizer's cheaper variant, in place: only CRs change (CR and CRLF become LF), so the
    /// bytes never grow and an array the caller hands over is compacted in its own storage, with no
    /// second copy of a document that may be megabytes. Invalid UTF-8 may stay, because every token
    /// boundary is an ASCII byte (never inside a valid sequence) and every token's text becomes a
    /// `String` through `String(decoding:as:)`, which replaces each maximal invalid subpart with
    /// U+FFFD exactly as the full rewrite would.
    static func normalizeLineBreaks(_ bytes: inout [UInt8]) {
        let firstCR = bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base, 0x0D, buffer.count) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        guard let firstCR else { return }
        let kept = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
            let base = buffer.baseAddress!
            let count = buffer.count
            var read = firstCR
            var write = firstCR
            while read < count {
                // buffer[read] is a CR: it becomes an LF, and an LF right after it is dropped.
                base[write] = 0x0A
                write += 1
                read += read + 1 < count && base[read + 1] == 0x0A ? 2 : 1
                let runEnd = memchr(base + read, 0x0D, count - read).map { UnsafeMutableRawPointer($0) - UnsafeMutableRawPointer(base) } ?? count
                if runEnd > read {
                    if write != read { memmove(base + write, base + read, runEnd - read) }
                    write += runEnd - read
                }
                read = runEnd
            }
            return write
        }
        bytes.removeSubrange(kept...)
    }

    /// True when the bytes are valid UTF-8 without any CR.
    static func isCleanUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            guard let base = buffer.baseAddress else { return true }
            let raw = UnsafeRawPointer(base)
            while index < count {
                // Eight ASCII bytes at a time, none of them CR.
                while index + 8 <= count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    let crMask = word ^ 0x0D0D_0D0D_0D0D_0D0D
                    if (crMask &- 0x0101_0101_0101_0101) & ~crMask & 0x8080_8080_8080_8080 != 0 { break }
                    index += 8
                }
                guard index < count else { break }
                let byte = buffer[index]
                if byte < 0x80 {
                    if byte == 0x0D { return false }
                    index += 1
                    continue
                }
                let length = validSequenceLength(buffer, at: index)
                if length == 0 { return false }
                index += length
            }
            return true
        }
    }

    /// CR and CRLF become LF and invalid sequences U+FFFD; everything else is copied in runs (one
    /// copy per stretch between two changes, ASCII scanned eight bytes at a time), not byte by byte:
    /// a large page with CRLF line ends costs little more than one without.
    private static func rewrite(_ buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(buffer.count + 16)
        let count = buffer.count
        guard let base = buffer.baseAddress else { return output }
        let raw = UnsafeRawPointer(base)
        var index = 0
        var runStart = 0
        func flush(upTo end: Int) {
            if end > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<end])) }
        }
        while index < count {
            while index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                let crMask = word ^ 0x0D0D_0D0D_0D0D_0D0D
                if (crMask &- 0x0101_0101_0101_0101) & ~crMask & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
            guard index < count else { break }
            let byte = buffer[index]
            if byte < 0x80 {
                if byte == 0x0D {
                    flush(upTo: index)
                    output.append(0x0A)
                    index += index + 1 < count && buffer[index + 1] == 0x0A ? 2 : 1
                    runStart = index
                } else {
                    index += 1
                }
                continue
            }
            let length = validSequenceLength(buffer, at: index)
            if length > 0 {
                index += length
            } else {
                flush(upTo: index)
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                index += invalidSubpartLength(buffer, at: index)
                runStart = index
            }
        }
        flush(upTo: min(index, count))
        return output
    }

    /// The length of the valid multi-byte sequence starting at `index`, or 0.
    @inline(__always)
    static func validSequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let count = buffer.count
        let lead = buffer[index]
        func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            index + offset < count && buffer[index + offset] >= low && buffer[index + offset] <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }

    /// How many bytes one U+FFFD replaces: the lead byte plus the valid continuation
    /// bytes of a truncated sequence (the "maximal subpart").
    private static func invalidSubpartLength(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = buffer[index]
        let needed: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: needed = 1
        case 0xE0: needed = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: needed = 2
        case 0xED: needed = 2; high = 0x9F
        case 0xF0: needed = 3; low = 0x90
        case 0xF1...0xF3: needed = 3
        case 0xF4: needed = 3; high = 0x8F
        default: return 1
        }
        var length = 1
        while length <= needed, index + length < buffer.count {
            let byte = buffer[index + length]
            if byte < low || byte > high { break }
            low = 0x80
            high = 0xBF
            length += 1
        }
        return length
    }
}
