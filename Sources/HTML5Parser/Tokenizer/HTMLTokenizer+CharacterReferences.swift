// Character references (`&amp;`, `&#x41;`, `&notin;`), read with look-ahead over the whole input.

/// The named character reference table, keyed by name (with `;` where the table has it).
let namedCharacterReferences: [String: String] = {
    var table: [String: String] = [:]
    table.reserveCapacity(namedCharacterReferenceList.count)
    for (name, value) in namedCharacterReferenceList { table[name] = value }
    return table
}()

/// The longest name in the table (`CounterClockwiseContourIntegral;`).
let longestCharacterReferenceName = 32

/// Replacements for numeric references to C1 controls (windows-1252 heritage).
private func c1Replacement(_ value: UInt32) -> UInt32? {
    switch value {
    case 0x80: 0x20AC
    case 0x82: 0x201A
    case 0x83: 0x0192
    case 0x84: 0x201E
    case 0x85: 0x2026
    case 0x86: 0x2020
    case 0x87: 0x2021
    case 0x88: 0x02C6
    case 0x89: 0x2030
    case 0x8A: 0x0160
    case 0x8B: 0x2039
    case 0x8C: 0x0152
    case 0x8E: 0x017D
    case 0x91: 0x2018
    case 0x92: 0x2019
    case 0x93: 0x201C
    case 0x94: 0x201D
    case 0x95: 0x2022
    case 0x96: 0x2013
    case 0x97: 0x2014
    case 0x98: 0x02DC
    case 0x99: 0x2122
    case 0x9A: 0x0161
    case 0x9B: 0x203A
    case 0x9C: 0x0153
    case 0x9E: 0x017E
    case 0x9F: 0x0178
    default: nil
    }
}

@inline(__always) func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
        buffer.append(UInt8(scalar))
    case 0x80..<0x800:
        buffer.append(UInt8(0xC0 | (scalar >> 6)))
        buffer.append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
        buffer.append(UInt8(0xE0 | (scalar >> 12)))
        buffer.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        buffer.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
        buffer.append(UInt8(0xF0 | (scalar >> 18)))
        buffer.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
        buffer.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        buffer.append(UInt8(0x80 | (scalar & 0x3F)))
    }
}

extension HTMLTokenizer {
    /// Called just after a `&`; appends what the reference stands for (or the raw text) to `buffer`.
    func consumeCharacterReference(into buffer: inout [UInt8], inAttribute: Bool) {
        let c = peek()
        if isASCIIAlphanumeric(c) {
            consumeNamedCharacterReference(into: &buffer, inAttribute: inAttribute)
        } else if c == 0x23 {
            consumeNumericCharacterReference(into: &buffer)
        } else {
            buffer.append(0x26)
        }
    }

    private func consumeNamedCharacterReference(into buffer: inout [UInt8], inAttribute: Bool) {
        let start = pos
        var end = pos
        while end < count, end - start < longestCharacterReferenceName, isASCIIAlphanumeric(Int(input[end])) {
            end += 1
        }
        if end < count, input[end] == 0x3B, end - start < longestCharacterReferenceName { end += 1 }
        var length = end - start
        while length > 0 {
            let name = String(decoding: input[start..<(start + length)], as: UTF8.self)
            if let value = namedCharacterReferences[name] {
                let last = input[start + length - 1]
                let next = start + length < count ? Int(input[start + length]) : -1
                pos = start + length
                if last != 0x3B {
                    if inAttribute && (next == 0x3D || isASCIIAlphanumeric(next)) {
                        buffer.append(0x26)
                        copyInput(start..<pos, into: &buffer)
                        return
                    }
                    error("missing-semicolon-after-character-reference")
                }
                buffer.append(contentsOf: value.utf8)
                return
            }
            length -= 1
        }
        // No match: the ampersand is literal; the alphanumerics are ordinary text.
        var scan = start
        while scan < count, isASCIIAlphanumeric(Int(input[scan])) { scan += 1 }
        if scan < count, input[scan] == 0x3B { error("unknown-named-character-reference") }
        buffer.append(0x26)
    }

    private func consumeNumericCharacterReference(into buffer: inout [UInt8]) {
        let start = pos  // at '#'
        pos += 1
        var isHex = false
        if peek() == 0x78 || peek() == 0x58 {
            isHex = true
            pos += 1
        }
        var value: UInt32 = 0
        var digits = 0
        while true {
            let c = peek()
            var digit: UInt32
            if isASCIIDigit(c) {
                digit = UInt32(c - 0x30)
            } else if isHex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 {
                digit = UInt32((c | 0x20) - 0x61 + 10)
            } else {
                break
            }
            value = min(value &* (isHex ? 16 : 10) &+ digit, 0x110000)
            digits += 1
            pos += 1
        }
        if digits == 0 {
            error("absence-of-digits-in-numeric-character-reference")
            buffer.append(0x26)
            copyInput(start..<pos, into: &buffer)
            return
        }
        if peek() == 0x3B {
            pos += 1
        } else {
            error("missing-semicolon-after-character-reference")
        }
        if value == 0 {
            error("null-character-reference")
            value = 0xFFFD
        } else if value > 0x10FFFF {
            error("character-reference-outside-unicode-range")
            value = 0xFFFD
        } else if value >= 0xD800 && value <= 0xDFFF {
            error("surrogate-character-reference")
            value = 0xFFFD
        } else if (value >= 0xFDD0 && value <= 0xFDEF) || (value & 0xFFFE) == 0xFFFE {
            error("noncharacter-character-reference")
        } else if value == 0x0D || ((value < 0x20 || (value >= 0x7F && value <= 0x9F))
            && value != 0x09 && value != 0x0A && value != 0x0C && value != 0x20)
        {
            error("control-character-reference")
            if let replacement = c1Replacement(value) { value = replacement }
        }
        appendUTF8(value, to: &buffer)
    }
}
