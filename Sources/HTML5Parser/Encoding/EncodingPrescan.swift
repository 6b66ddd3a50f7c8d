/// The WHATWG "prescan a byte stream to determine its encoding" algorithm: `<meta charset>` and
/// `<meta http-equiv=content-type content="…charset=…">`. The specification lets user agents wait
/// for 1024 bytes; we scan the first 10 KiB, because Chinese pages often put long comments or
/// scripts before their `<meta>`.
struct EncodingPrescan {
    let bytes: ArraySlice<UInt8>
    var pos: Int

    init(_ input: [UInt8]) {
        bytes = input.prefix(Self.window)
        pos = bytes.startIndex
    }

    static let window = 10 * 1024

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D || byte == 0x20 }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    func matches(_ text: String, at index: Int) -> Bool {
        var offset = index
        for expected in text.utf8 {
            guard offset < bytes.endIndex, asciiLowercase(bytes[offset]) == expected else { return false }
            offset += 1
        }
        return true
    }

    mutating func run() -> String? {
        while pos < bytes.endIndex {
            if matches("<!--", at: pos) {
                var index = pos + 2
                while index + 2 < bytes.endIndex && !(bytes[index] == 0x2D && bytes[index + 1] == 0x2D && bytes[index + 2] == 0x3E) {
                    index += 1
                }
                pos = index + 3
                continue
            }
            if matches("<meta", at: pos), pos + 5 < bytes.endIndex, Self.isSpace(bytes[pos + 5]) || bytes[pos + 5] == 0x2F {
                pos += 6
                if let encoding = metaEncoding() { return encoding }
                continue
            }
            if pos + 1 < bytes.endIndex, bytes[pos] == 0x3C,
                Self.isLetter(bytes[pos + 1]) || (bytes[pos + 1] == 0x2F && pos + 2 < bytes.endIndex && Self.isLetter(bytes[pos + 2]))
            {
                while pos < bytes.endIndex && !Self.isSpace(bytes[pos]) && bytes[pos] != 0x3E { pos += 1 }
                while attribute() != nil {}
                continue
            }
            if pos + 1 < bytes.endIndex, bytes[pos] == 0x3C, bytes[pos + 1] == 0x21 || bytes[pos + 1] == 0x2F || bytes[pos + 1] == 0x3F {
                while pos < bytes.endIndex && bytes[pos] != 0x3E { pos += 1 }
                pos += 1
                continue
            }
            pos += 1
        }
        return nil
    }

    private mutating func metaEncoding() -> String? {
        var seen = Set<String>()
        var gotPragma = false
        var needPragma: Bool?
        var charset: String?
        while let (name, value) = attribute() {
            guard pos < bytes.endIndex else { return nil }  // the tag never ended: no answer
            guard seen.insert(name).inserted else { continue }
            switch name {
            case "http-equiv":
                if value == "content-type" { gotPragma = true }
            case "content":
                if charset == nil, let label = Self.charsetFromContent(Array(value.utf8)), let found = EncodingLabels.encoding(forLabel: label) {
                    charset = found
                    needPragma = true
                }
            case "charset":
                charset = EncodingLabels.encoding(forLabel: value)
                needPragma = false
            default:
                break
            }
        }
        guard pos < bytes.endIndex, let needPragma, let charset else { return nil }
        if needPragma && !gotPragma { return nil }
        if charset == "utf-16le" || charset == "utf-16be" { return "utf-8" }
        if charset == "x-user-defined" { return "windows-1252" }
        return charset
    }

    /// "Get an attribute": returns nil at `>` or the end.
    private mutating func attribute() -> (String, String)? {
        while pos < bytes.endIndex && (Self.isSpace(bytes[pos]) || bytes[pos] == 0x2F) { pos += 1 }
        guard pos < bytes.endIndex, bytes[pos] != 0x3E else { return nil }
        var name: [UInt8] = []
        var value: [UInt8] = []
        nameLoop: while pos < bytes.endIndex {
            let byte = bytes[pos]
            if byte == 0x3D && !name.isEmpty {
                pos += 1
                break nameLoop
            }
            if Self.isSpace(byte) {
                while pos < bytes.endIndex && Self.isSpace(bytes[pos]) { pos += 1 }
                guard pos < bytes.endIndex, bytes[pos] == 0x3D else { return (String(decoding: name, as: UTF8.self), "") }
                pos += 1
                break nameLoop
            }
            if byte == 0x2F || byte == 0x3E { return (String(decoding: name, as: UTF8.self), "") }
            name.append(asciiLowercase(byte))
            pos += 1
        }
        while pos < bytes.endIndex && Self.isSpace(bytes[pos]) { pos += 1 }
        guard pos < bytes.endIndex else { return (String(decoding: name, as: UTF8.self), "") }
        let first = bytes[pos]
        if first == 0x22 || first == 0x27 {
            pos += 1
            while pos < bytes.endIndex && bytes[pos] != first {
                value.append(asciiLowercase(bytes[pos]))
                pos += 1
            }
            pos += 1
        } else if first == 0x3E {
            return (String(decoding: name, as: UTF8.self), "")
        } else {
            while pos < bytes.endIndex && !Self.isSpace(bytes[pos]) && bytes[pos] != 0x3E {
                value.append(asciiLowercase(bytes[pos]))
                pos += 1
            }
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// "Extracting a character encoding from a meta element" (the `content` attribute).
    static func charsetFromContent(_ value: [UInt8]) -> String? {
        var index = 0
        while index + 7 <= value.count {
            guard value[index..<(index + 7)].map(asciiLowercase).elementsEqual("charset".utf8) else {
                index += 1
                continue
            }
            index += 7
            while index < value.count && isSpace(value[index]) { index += 1 }
            guard index < value.count, value[index] == 0x3D else { continue }
            index += 1
            while index < value.count && isSpace(value[index]) { index += 1 }
            guard index < value.count else { return nil }
            if value[index] == 0x22 || value[index] == 0x27 {
                let quote = value[index]
                guard let end = value[(index + 1)...].firstIndex(of: quote) else { return nil }
                return String(decoding: value[(index + 1)..<end], as: UTF8.self)
            }
            var end = index
            while end < value.count && !isSpace(value[end]) && value[end] != 0x3B { end += 1 }
            return String(decoding: value[index..<end], as: UTF8.self)
        }
        return nil
    }
}
