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

    /// Text for HTML content and quoted attribute values, as every `{{value}}` of the theme gets it:
    /// `& < > " '` as `&amp; &lt; &gt; &quot; &#39;`. Byte by byte, so that a quote or `<` followed by a
    /// combining mark (one character to Swift, still a quote to a browser) is escaped too; text
    /// without any of them is returned as it is.
    static func html(_ text: String) -> String {
        // The table read once, not through its lazy global's accessor for every byte.
        let htmlReplacements = Self.htmlReplacements
        guard text.utf8.contains(where: { htmlReplacements[Int($0)] != nil }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            if byte < 0x80, let replacement = htmlReplacements[Int(byte)] {
                bytes.append(contentsOf: replacement)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The references of the bytes ``html(_:)`` replaces, by byte value.
    private static let htmlReplacements: [[UInt8]?] = {
        var table = [[UInt8]?](repeating: nil, count: 256)
        for (character, reference) in [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;"), ("'", "&#39;")] {
            table[Int(character.utf8.first!)] = Array(reference.utf8)
        }
        return table
    }()

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
