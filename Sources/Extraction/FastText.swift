/// Character tests on Unicode scalars, with an ASCII fast path: Unicode property lookups dominated
/// the extractor's profile when every character of a page went through them.
enum FastText {
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B: return true
        case 0x00...0x7F: return false
        case 0xA0, 0x3000, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x85: return true
        default: return false
        }
    }

    /// `text` with whitespace runs collapsed to single spaces and the ends trimmed.
    static func collapsed(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isWhitespace(scalar) {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(" ") }
                pendingSpace = false
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// The lowercase ASCII letter-and-digit words of a class or id attribute.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                current.append(scalar)
            } else if (0x41...0x5A).contains(value) {
                current.append(Unicode.Scalar(value | 0x20)!)
            } else if value >= 0x80 {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }
}
