/// C0 control characters (other than tab, line feed and carriage return) and DEL, which a feed can
/// carry (`\u0000` in JSON, raw bytes in XML) but which must never reach the archive: SQLite cuts a
/// string at a NUL, so `A\0B` would be stored as `A` and two guids that differ after a NUL would
/// collide.
public enum ControlCharacters {
    /// Whether `text` holds any such control character.
    /// - Complexity: O(n) over the UTF-8 bytes, with no allocation.
    public static func occur(in text: String) -> Bool {
        // Over the string's own bytes when it has them contiguous (native strings do): a feed's
        // every field is checked, and the generic walk over the UTF-8 view showed in re-run profiles.
        ByteSearch.containsControl(in: text, allowing: whitespace)
    }

    /// `text` without them: for titles, authors, bodies and dates.
    public static func removed(from text: String) -> String {
        guard occur(in: text) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !(scalar.isASCII && isControl(UInt8(scalar.value))) {
            result.append(scalar)
        }
        return String(result)
    }

    /// `text` with each of them shown as its Control Pictures sign (NUL → ␀, U+0001 → ␁, DEL → ␡):
    /// for identifiers, which must stay distinct when they differ only in such characters.
    public static func pictured(in text: String) -> String {
        guard occur(in: text) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII && isControl(UInt8(scalar.value)) {
                result.append(Unicode.Scalar(scalar.value == 0x7F ? 0x2421 : 0x2400 + scalar.value)!)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// `link` with each of them percent-encoded (`%00`), and tabs and line breaks removed, as URL
    /// parsers do: for links and image addresses, which stay distinct and valid.
    public static func percentEncoded(in link: String) -> String {
        guard ByteSearch.containsControl(in: link, allowing: 0) else { return link }
        var result = ""
        for scalar in link.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: continue
            case 0x00..<0x20, 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Tab, line feed and carriage return: the C0 characters text may keep (a bit per byte value).
    static let whitespace: UInt32 = 1 << 0x09 | 1 << 0x0A | 1 << 0x0D

    /// Whether `byte` is DEL or a C0 control character other than those `allowed` (a bit per byte value).
    @inline(__always)
    static func isControl(_ byte: UInt8, allowing allowed: UInt32 = whitespace) -> Bool {
        byte == 0x7F || (byte < 0x20 && allowed & (1 << UInt32(byte)) == 0)
    }
}
