import Foundation
import NewsCore

/// Character work on UTF-8 bytes: the extractor looks at every character of a page, and going
/// through `Character` or Unicode property lookups for each one dominated its profile.
enum FastText {
    /// The byte length of the whitespace character starting at `i`, or 0 when it is not whitespace
    /// (ASCII spaces and controls, NEL, no-break space, ogham space, the U+2000 spaces, line and
    /// paragraph separators, narrow and medium spaces, ideographic space).
    @inline(__always)
    static func whitespaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let byte = bytes[i]
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B: return 1
        case 0xC2:
            guard i + 1 < bytes.count else { return 0 }
            return bytes[i + 1] == 0xA0 || bytes[i + 1] == 0x85 ? 2 : 0
        case 0xE1:
            guard i + 2 < bytes.count else { return 0 }
            return bytes[i + 1] == 0x9A && bytes[i + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard i + 2 < bytes.count else { return 0 }
            let second = bytes[i + 1], third = bytes[i + 2]
            if second == 0x80 { return (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0 }
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3:
            guard i + 2 < bytes.count else { return 0 }
            return bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80 ? 3 : 0
        default: return 0
        }
    }

    /// The byte length of the UTF-8 sequence a lead byte starts (1 for stray continuation bytes).
    @inline(__always)
    static func sequenceWidth(_ lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// Sentence punctuation: ，。！？；、 and the Latin , . ! ? ;
    @inline(__always)
    static func isPunctuation(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, width: Int) -> Bool {
        switch width {
        case 1:
            let byte = bytes[i]
            return byte == 0x2C || byte == 0x2E || byte == 0x21 || byte == 0x3F || byte == 0x3B
        case 3:
            let first = bytes[i], second = bytes[i + 1], third = bytes[i + 2]
            if first == 0xE3 && second == 0x80 { return third == 0x82 || third == 0x81 }  // 。、
            // ！ U+FF01, ， U+FF0C, ； U+FF1B, ？ U+FF1F
            return first == 0xEF && second == 0xBC && (third == 0x81 || third == 0x8C || third == 0x9B || third == 0x9F)
        default:
            return false
        }
    }

    /// Non-whitespace characters and sentence punctuation marks in `text`.
    static func measure(_ text: String) -> (length: Int, punctuation: Int) {
        var text = text
        return text.withUTF8 { bytes in
            var length = 0
            var punctuation = 0
            var i = 0
            while i < bytes.count {
                let space = whitespaceWidth(bytes, i)
                if space > 0 {
                    i += space
                    continue
                }
                let width = min(sequenceWidth(bytes[i]), bytes.count - i)
                length += 1
                if isPunctuation(bytes, i, width: width) { punctuation += 1 }
                i += width
            }
            return (length, punctuation)
        }
    }

    static func isBlank(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let space = whitespaceWidth(bytes, i)
                if space == 0 { return false }
                i += space
            }
            return true
        }
    }

    /// Appends `text` to `output` with whitespace runs collapsed: a run becomes one pending space,
    /// written only before the next visible character and only when `output` already has one.
    static func appendCollapsed(_ text: String, to output: inout [UInt8], pendingSpace: inout Bool) {
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let space = whitespaceWidth(bytes, i)
                if space > 0 {
                    pendingSpace = true
                    i += space
                    continue
                }
                if pendingSpace && !output.isEmpty { output.append(0x20) }
                pendingSpace = false
                // Copy the whole run up to the next whitespace at once.
                var end = i + 1
                while end < bytes.count && whitespaceWidth(bytes, end) == 0 { end += 1 }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                i = end
            }
        }
    }

    /// `text` with whitespace runs collapsed to single spaces and the ends trimmed.
    static func collapsed(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        appendCollapsed(text, to: &output, pendingSpace: &pendingSpace)
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `text` contains `needle` (exact bytes): a byte search, much cheaper than Foundation's
    /// `contains` (which converts both to UTF-16) for the texts it is used on.
    static func contains(_ text: String, _ needle: StaticString) -> Bool {
        var text = text
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        return pattern.isEmpty || text.withUTF8 { ByteSearch.offset(of: pattern, in: $0) != nil }
    }

    /// Whether `needle` occurs in `text`, by a byte search.
    static func contains(_ text: String, _ needle: String) -> Bool {
        needle.isEmpty || firstIndex(of: needle, in: text) != nil
    }

    /// `text` without leading and trailing whitespace.
    static func trimmed(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            var start = 0
            var end = bytes.count
            while start < end {
                let width = whitespaceWidth(bytes, start)
                if width == 0 { break }
                start += width
            }
            while end > start {
                var back = end - 1
                while back > start && bytes[back] & 0xC0 == 0x80 { back -= 1 }
                if whitespaceWidth(bytes, back) == 0 { break }
                end = back
            }
            if start == 0 && end == bytes.count { return text }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }

    /// Where `needle` first occurs in `text`, by a byte search.
    static func firstIndex(of needle: String, in text: String) -> String.Index? {
        ByteSearch.offset(of: needle, in: text).map { text.utf8.index(text.utf8.startIndex, offsetBy: $0) }
    }

    /// The paragraphs (separated by blank lines) at the start of an article text, from at most
    /// `byteLimit` bytes of it: a text's paragraphs hold no line breaks of their own.
    static func openingParagraphs(of text: String, byteLimit: Int = 2400, count: Int = 6) -> [Substring] {
        let opening = String(decoding: text.utf8.prefix(byteLimit), as: UTF8.self)
        return Array(Substring(opening).split(separator: "\n", maxSplits: count).prefix(count))
    }
}
