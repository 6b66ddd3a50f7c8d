import NewsCore

/// Writes YAML scalars that read back unchanged.
enum YAMLScalar {
    /// Single-quoted YAML: safe for any single-line text (`'` doubles). Line breaks become spaces.
    static func quoted(_ text: String) -> String {
        let line = singleLine(text)
        // (Most text holds no quote: it is not walked character by character.)
        return "'" + (ByteSearch.contains(UInt8(ascii: "'"), in: line) ? line.replacingAll("'", with: "''") : line) + "'"
    }

    /// Plain when the text reads back as the same string, quoted otherwise.
    static func plainIfSafe(_ text: String) -> String {
        let line = singleLine(text)
        return isSafePlain(line) ? line : quoted(line)
    }

    static func singleLine(_ text: String) -> String {
        // Most text is one line of printable characters already: it stays as it is.
        if text.unicodeScalars.allSatisfy({ isPrintable($0) && !isLineBreak($0) }) { return text }
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isLineBreak(scalar) {
                pendingSpace = true
                continue
            }
            if !isPrintable(scalar) { continue }
            if pendingSpace && !result.isEmpty { result += " " }
            pendingSpace = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// Line breaks and the other whitespace ``singleLine(_:)`` makes one space.
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar == "\u{0B}" || scalar == "\u{0C}"
            || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// Whether YAML allows `scalar` in a document at all (YAML 1.1 and 1.2 "printable"): not C0
    /// controls, DEL, C1 controls (U+0085 aside), U+FFFE or U+FFFF, which PyYAML, for one, rejects
    /// even inside quotes.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x85: true
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static let reservedWords: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".nan", ".inf", "-.inf", "+.inf",
    ]

    static func isSafePlain(_ text: String) -> Bool {
        // The first and last characters are asked whether they are single ASCII characters (a space,
        // a colon, an indicator, a digit): only a first scalar that is ASCII but no letter, or a last
        // scalar that is a space or a colon, can make one such. Any other text (nearly every name)
        // skips forming them: grapheme breaking showed in profiles of large imports.
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        let firstIsLetter = (0x41...0x5A).contains(first.value) || (0x61...0x7A).contains(first.value)
        if (first.isASCII && !firstIsLetter) || last == " " || last == ":" { return isSafePlainCharacters(text) }
        return isSafePlainInside(text)
    }

    /// ``isSafePlain(_:)`` asking the first and last characters.
    static func isSafePlainCharacters(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        if first == " " || last == " " || last == ":" { return false }
        if "[]{},&*!|>'\"%@`#-?:<=".contains(first) { return false }
        // Anything that starts like a number or a date could be typed by a YAML reader.
        if first.isASCII && (first.isNumber || first == "." || first == "+") { return false }
        return isSafePlainInside(text)
    }

    /// What ``isSafePlain(_:)`` asks of the whole text: no `: `, ` #` or backslash, and no reserved word.
    private static func isSafePlainInside(_ text: String) -> Bool {
        // (Byte searches: Foundation's `contains` showed in profiles of large imports.)
        if ByteSearch.offset(of: ": ", in: text) != nil || ByteSearch.offset(of: " #", in: text) != nil
            || ByteSearch.contains(UInt8(ascii: "\\"), in: text)
        {
            return false
        }
        // (A reserved word is at most 5 ASCII letters, each lowercased from at most 3 bytes (K, U+212A,
        // lowercases to k): longer text is none, and is not lowercased to find out.)
        return !(text.utf8.count <= 15 && reservedWords.contains(text.lowercased()))
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
