/// Finds a document's encoding and decodes it to UTF-8.
///
/// Order, as the WHATWG sniffing algorithm: byte order mark, transport charset (HTTP
/// `Content-Type`), the XML declaration (feeds) or the `<meta>` prescan (HTML), then evidence from
/// the bytes. Labels are checked against the bytes: a page labelled gb2312 whose bytes are valid
/// UTF-8 is read as UTF-8, and a page labelled UTF-8 whose bytes are valid GB18030 is read as GB18030.
///
/// ```swift
/// let decoded = HTMLEncoding.decode(bytes, transportCharset: "gbk")
/// let document = HTMLParser.parse(decoded.utf8)
/// ```
public enum HTMLEncoding {
    /// Where the encoding decision came from.
    public enum Evidence: String, Sendable {
        case byteOrderMark, transport, xmlDeclaration, meta, bytes, fallback
    }

    public struct Decoded: Sendable {
        /// The text as UTF-8 bytes.
        public var utf8: [UInt8]
        /// The canonical WHATWG name of the encoding used (`utf-8`, `gbk`, `big5`, …).
        public var encoding: String
        public var evidence: Evidence
        public var text: String { String(decoding: utf8, as: UTF8.self) }
    }

    /// The `<meta>` prescan alone (first 1024 bytes); nil when it finds nothing.
    public static func prescan(_ bytes: [UInt8]) -> String? {
        var scanner = EncodingPrescan(bytes)
        return scanner.run()
    }

    /// The encoding the WHATWG sniffing algorithm settles on from the byte order mark, the
    /// transport charset and the `<meta>` prescan; nil when none of them says anything (browsers
    /// then default to windows-1252; ``decode(_:transportCharset:sniffXMLDeclaration:)`` looks at
    /// the bytes instead).
    public static func sniff(_ bytes: [UInt8], transportCharset: String? = nil) -> String? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "utf-8" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "utf-16be" }
        if bytes.starts(with: [0xFF, 0xFE]) { return "utf-16le" }
        if let label = transportCharset, let encoding = EncodingLabels.encoding(forLabel: label) { return encoding }
        return prescan(bytes)
    }

    /// The canonical encoding name for a label, or nil.
    public static func encoding(forLabel label: String) -> String? {
        EncodingLabels.encoding(forLabel: label)
    }

    public static func decode(_ bytes: [UInt8], transportCharset: String? = nil, sniffXMLDeclaration: Bool = false) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Decoded(utf8: Array(bytes.dropFirst(3)), encoding: "utf-8", evidence: .byteOrderMark)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return convert(Array(bytes.dropFirst(2)), "utf-16be", .byteOrderMark)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return convert(Array(bytes.dropFirst(2)), "utf-16le", .byteOrderMark)
        }
        if let utf16 = utf16WithoutByteOrderMark(bytes) { return convert(bytes, utf16, .bytes) }
        var declared: (String, Evidence)?
        if let label = transportCharset, let encoding = EncodingLabels.encoding(forLabel: label) {
            declared = (encoding, .transport)
        } else if sniffXMLDeclaration, let label = xmlDeclarationEncoding(bytes),
            let encoding = EncodingLabels.encoding(forLabel: label)
        {
            declared = (encoding, .xmlDeclaration)
        } else if !sniffXMLDeclaration, let encoding = prescan(bytes) {
            declared = (encoding, .meta)
        }
        let isUTF8 = InputPreprocessor.isValidUTF8(bytes)
        if let (encoding, evidence) = declared {
            if encoding == "utf-16le" || encoding == "utf-16be" { return convert(bytes, encoding, evidence) }
            if encoding == "utf-8" {
                if isUTF8 { return Decoded(utf8: bytes, encoding: "utf-8", evidence: evidence) }
                if let guessed = LegacyEncodingGuess.decode(bytes) {
                    return Decoded(utf8: guessed.utf8, encoding: guessed.encoding, evidence: .bytes)
                }
                return Decoded(utf8: bytes, encoding: "utf-8", evidence: evidence)
            }
            // A legacy label on bytes that are valid UTF-8 with multi-byte text: the label is wrong.
            if isUTF8 && hasMultibyteUTF8(bytes) { return Decoded(utf8: bytes, encoding: "utf-8", evidence: .bytes) }
            return convert(bytes, encoding, evidence)
        }
        if isUTF8 { return Decoded(utf8: bytes, encoding: "utf-8", evidence: .bytes) }
        if let guessed = LegacyEncodingGuess.decode(bytes) {
            return Decoded(utf8: guessed.utf8, encoding: guessed.encoding, evidence: .bytes)
        }
        return convert(bytes, "windows-1252", .fallback)
    }

    private static func convert(_ bytes: [UInt8], _ encoding: String, _ evidence: Evidence) -> Decoded {
        if encoding == "x-user-defined" {
            var output: [UInt8] = []
            for byte in bytes { appendUTF8(byte < 0x80 ? UInt32(byte) : 0xF780 + UInt32(byte) - 0x80, to: &output) }
            return Decoded(utf8: output, encoding: encoding, evidence: evidence)
        }
        if let utf8 = IconvDecoder.decode(bytes, from: EncodingLabels.iconvName(encoding)) {
            return Decoded(utf8: utf8, encoding: encoding, evidence: evidence)
        }
        // iconv lacks it: keep the bytes, repaired as UTF-8.
        return Decoded(utf8: InputPreprocessor.normalize(bytes), encoding: "utf-8", evidence: .fallback)
    }

    /// UTF-16 without a byte order mark, told by its zero bytes: markup and JSON start with ASCII,
    /// which UTF-16 writes with a zero high byte. Little-endian when the zeros fall on odd offsets.
    static func utf16WithoutByteOrderMark(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(512)
        guard head.count >= 8 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for (offset, byte) in head.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let pairs = head.count / 2
        // Both the first character and most of the head must agree.
        if head[head.startIndex + 1] == 0, head[head.startIndex] != 0, oddZeros * 4 >= pairs, evenZeros * 20 <= pairs {
            return "utf-16le"
        }
        if head[head.startIndex] == 0, head[head.startIndex + 1] != 0, evenZeros * 4 >= pairs, oddZeros * 20 <= pairs {
            return "utf-16be"
        }
        return nil
    }

    private static func hasMultibyteUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 >= 0xC2 }
    }

    /// The `encoding` pseudo-attribute of `<?xml … ?>` at the very start.
    public static func xmlDeclarationEncoding(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(200)
        guard head.starts(with: Array("<?xml".utf8)), let end = head.firstIndex(of: 0x3E) else { return nil }
        let declaration = String(decoding: head[..<end], as: UTF8.self)
        guard let range = declaration.range(ofASCII: "encoding") else { return nil }
        var rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        return String(rest.prefix { $0 != quote })
    }
}

extension String {
    /// A Foundation-free substring search for ASCII needles.
    func range(ofASCII needle: String) -> Range<String.Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) { return index..<self.index(index, offsetBy: needle.count) }
            index = self.index(after: index)
        }
        return nil
    }
}

extension InputPreprocessor {
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                // Eight ASCII bytes at a time: most of a page is markup.
                if index + 8 <= buffer.count,
                   UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
                if buffer[index] < 0x80 {
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
}
