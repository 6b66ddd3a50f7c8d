import Foundation

/// Escaping for the files the site writes outside its templates.
enum SiteEscaping {
    /// Text for XML content and attribute values: `& < > " '` as references, and the characters XML 1.0
    /// does not allow (C0 controls but tab and line breaks, U+FFFE, U+FFFF, lone surrogates) left out.
    static func xml(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                let value = scalar.value
                if value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D { continue }
                if value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A JSON value as text that is safe inside an HTML `<script>` element: `<`, `>` and `&` as
    /// `\u003c`, `\u003e`, `\u0026`, so no `</script>` or comment opener can appear.
    static func scriptJSON(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]),
            let text = String(data: data, encoding: .utf8)
        else { return "{}" }
        return text.replacingCharacters { character in
            switch character {
            case "<": "\\u003c"
            case ">": "\\u003e"
            case "&": "\\u0026"
            case "\u{2028}": "\\u2028"
            case "\u{2029}": "\\u2029"
            default: nil
            }
        }
    }

    /// A site-relative path as part of an absolute URL (each segment percent-encoded as needed).
    static func url(base: String, path: String) -> String {
        // A story's or list's path (digits, letters, `/`, `.`) needs no encoding: most paths, looked at cheaply.
        if path.utf8.allSatisfy({ byte in Self.plainPathBytes[Int(byte)] }) { return base + path }
        return base + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path)
    }

    /// ASCII letters, digits and `/ . - _ ~`, which `.urlPathAllowed` leaves as they are.
    private static let plainPathBytes: [Bool] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
