/// JSON written by hand for a `<script type="application/ld+json">` element: objects with their keys
/// in the order given (callers give them sorted, as `JSONSerialization`'s `.sortedKeys` wrote them),
/// strings escaped for JSON and for the script element at once, in one pass over their bytes.
/// (`JSONSerialization` and a second pass for `<`, `>` and `&` took an eighth of a full build's CPU.)
///
/// A string's `"` and `\` are escaped; its control characters as `\n`, `\r`, `\t`, `\b`, `\f` or
/// `\u00xx`; `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`, so that no `</script>` or comment opener
/// can appear; and U+2028, U+2029 as `\u2028`, `\u2029`. Everything else, `/` included, is written as it is.
struct SiteScriptJSON {
    /// One JSON value.
    indirect enum Value {
        case string(String)
        case array([Value])
        /// Members in the order they are written.
        case object([(key: String, value: Value)])
    }

    static func text(_ value: Value) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1024)
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func append(_ value: Value, to bytes: inout [UInt8]) {
        switch value {
        case .string(let text):
            appendString(text, to: &bytes)
        case .array(let values):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                append(element, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                appendString(member.key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                append(member.value, to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 15)])
            case 0xE2:
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9: line breaks to an older script parser.
                guard let second = utf8.next() else {
                    bytes.append(byte)
                    break
                }
                guard second == 0x80, let third = utf8.next() else {
                    bytes.append(contentsOf: [byte, second])
                    break
                }
                if third == 0xA8 || third == 0xA9 {
                    bytes.append(contentsOf: Array((third == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                } else {
                    bytes.append(contentsOf: [byte, second, third])
                }
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
