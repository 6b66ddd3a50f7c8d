/// Text folded for matching: Latin letters in lower case, full-width forms (ＡＢＣ，１２３, the
/// ideographic space) as their half-width twins, as UTF-8 bytes. Keywords and texts are folded the
/// same way, so a keyword matches whatever case and width the text uses. CJK needs no word
/// boundaries: a match is a plain substring of the folded bytes.
public struct FoldedText: Sendable, Hashable {
    public private(set) var bytes: [UInt8]

    /// - Parameter variants: when given, characters it maps (traditional forms) are replaced first.
    /// - Complexity: O(n) in the text's scalars.
    public init(_ text: some StringProtocol, variants: CharacterVariants? = nil) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            Self.append(scalar, to: &bytes, variants: variants)
        }
        self.bytes = bytes
    }

    /// The same folding of text given as UTF-8 bytes (the bytes of a `String`, or ``PlainText``'s).
    public init(utf8 text: [UInt8], variants: CharacterVariants? = nil) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        text.withUnsafeBufferPointer { Self.append(utf8: $0, to: &bytes, variants: variants) }
        self.bytes = bytes
    }

    /// Appends the folding of the UTF-8 `text` to `bytes`, as ``init(_:variants:)`` folds it, without
    /// making a `String` or decoding the characters that stay as they are (Chinese, without `variants`).
    static func append(utf8 text: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8], variants: CharacterVariants?) {
        // Runs of bytes that fold to themselves are copied whole.
        var run = 0
        var index = 0
        let count = text.count
        while index < count {
            let lead = text[index]
            if lead < 0x80 {
                if lead >= 0x41 && lead <= 0x5A {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<index]))
                    bytes.append(lead + 0x20)
                    run = index + 1
                }
                index += 1
                continue
            }
            guard let (value, length) = Self.scalar(in: text, at: index) else {
                // Not UTF-8 (no String or PlainText gives this): fold it as a String would read it.
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<index]))
                for scalar in String(decoding: UnsafeBufferPointer(rebasing: text[index...]), as: UTF8.self).unicodeScalars {
                    Self.append(scalar, to: &bytes, variants: variants)
                }
                return
            }
            // What ``append(_:to:variants:)`` changes: full-width forms, the ideographic space, mapped
            // variants, letters with a lower case; anything else it writes as the same bytes.
            let changes: Bool
            if (value >= 0xFF01 && value <= 0xFF5E) || value == 0x3000 {
                changes = true
            } else if value >= 0x3400 {
                changes = variants.map { $0.simplified(Unicode.Scalar(value)!) != nil } ?? false
            } else {
                changes = Unicode.Scalar(value)!.properties.changesWhenLowercased
            }
            if changes {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<index]))
                Self.append(Unicode.Scalar(value)!, to: &bytes, variants: variants)
                run = index + length
            }
            index += length
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<count]))
    }

    /// The scalar a multi-byte UTF-8 sequence at `index` encodes, and its length; nil when it is not one.
    @inline(__always)
    static func scalar(in text: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        let lead = text[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
        guard length > 0, lead < 0xF5, index + length <= text.count else { return nil }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let byte = text[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        let smallest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= smallest, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
        return (value, length)
    }

    /// Bytes already folded.
    init(folded bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The folded text as a string (for regular expressions).
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8], variants: CharacterVariants?) {
        let value = scalar.value
        if value < 0x80 {
            bytes.append(value >= 0x41 && value <= 0x5A ? UInt8(value + 0x20) : UInt8(value))
            return
        }
        if value >= 0xFF01 && value <= 0xFF5E {
            // Full-width ASCII: the same character, half-width (and lower case for letters).
            let half = value - 0xFEE0
            bytes.append(half >= 0x41 && half <= 0x5A ? UInt8(half + 0x20) : UInt8(half))
            return
        }
        if value == 0x3000 {
            bytes.append(0x20)
            return
        }
        if value >= 0x3400 {
            appendUTF8((variants?.simplified(scalar) ?? scalar).value, to: &bytes)
            return
        }
        if scalar.properties.changesWhenLowercased {
            bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
        } else {
            appendUTF8(value, to: &bytes)
        }
    }

    /// A scalar's UTF-8 bytes, without making a String of it (this runs for every character of every item).
    @inline(__always)
    static func appendUTF8(_ value: UInt32, to bytes: inout [UInt8]) {
        switch value {
        case ..<0x80:
            bytes.append(UInt8(value))
        case ..<0x800:
            bytes.append(UInt8(0xC0 | (value >> 6)))
            bytes.append(UInt8(0x80 | (value & 0x3F)))
        case ..<0x10000:
            bytes.append(UInt8(0xE0 | (value >> 12)))
            bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (value & 0x3F)))
        default:
            bytes.append(UInt8(0xF0 | (value >> 18)))
            bytes.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (value & 0x3F)))
        }
    }
}

/// A one-character-to-one-character map from traditional to simplified forms, from bundled data
/// (see ``CharacterVariants/traditionalToSimplified``).
public struct CharacterVariants: Sendable, Hashable {
    let map: [UInt32: Unicode.Scalar]

    public init(pairs: [(Unicode.Scalar, Unicode.Scalar)]) {
        var map: [UInt32: Unicode.Scalar] = [:]
        for (from, to) in pairs where from != to { map[from.value] = to }
        self.map = map
    }

    public func simplified(_ scalar: Unicode.Scalar) -> Unicode.Scalar? { map[scalar.value] }

    /// `text` with every mapped character replaced.
    public func convert(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(map[scalar.value] ?? scalar) }
        return String(scalars)
    }

    /// HTML with the characters of its text replaced, and its tags (names, attributes, URLs) as they are.
    public func convertHTML(_ html: String) -> String {
        var scalars = String.UnicodeScalarView()
        var inTag = false
        for scalar in html.unicodeScalars {
            if scalar == "<" { inTag = true } else if scalar == ">" { inTag = false }
            scalars.append(inTag ? scalar : (map[scalar.value] ?? scalar))
        }
        return String(scalars)
    }
}
