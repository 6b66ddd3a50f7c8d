import Foundation
import HTML5Parser
import NewsCore

/// A forgiving XML reader for feeds found in the wild.
///
/// Well-formed documents parse exactly. Ill-formed ones still produce a tree plus warnings: a bare
/// `&` stays literal, HTML entities such as `&nbsp;` are decoded, mismatched end tags close the
/// nearest matching element, unclosed elements close at the end, and text before the root is
/// skipped. No DTD is read, so neither entity expansion attacks nor external entities can happen.
/// Elements nest at most ``maximumDepth`` deep: a deeper document is not read on (its tree would be
/// freed, compared and walked by recursive code), and the result says where it went too deep.
/// - Complexity: O(n × ``maximumDepth``) at worst (mismatched end tags search the open elements), O(n) for
///   well-formed input.
public struct TolerantXMLReader {
    /// How deep elements may nest. Real feeds nest a few dozen levels, with raw HTML in a description.
    public static let maximumDepth = 1_000

    /// The outcome of reading a document.
    public struct Result {
        /// The top-level elements in document order (normally one: the root).
        public var roots: [XMLElement]
        public var warnings: [String]
        /// When elements nested deeper than ``maximumDepth``: the byte offset of the first start tag
        /// too deep. Reading stopped there, so `roots` hold only the document before it.
        public var tooDeepAt: Int?
    }

    public private(set) var warnings: [String] = []
    private let bytes: [UInt8]
    private var pos = 0
    private var tooDeepAt: Int?
    private let digests: EntryDigests?

    private init(_ bytes: [UInt8], digests: EntryDigests?) {
        self.bytes = bytes
        self.digests = digests
    }

    /// Parses `text`; returns the top-level elements in document order (normally one: the root;
    /// more when markup such as a server's error message precedes or follows it), and the warnings.
    public static func parse(_ text: String) -> Result {
        parse(utf8: Array(text.utf8))
    }

    /// Parses UTF-8 bytes (see ``parse(_:)``). With `digests`, each feed entry (an `<item>` or
    /// `<entry>` inside the root or the channel) carries its ``EntryDigest``, and an entry the memory
    /// holds is not read (see ``XMLElement/isRepeat``).
    public static func parse(utf8 bytes: [UInt8], digests: EntryDigests? = nil) -> Result {
        var reader = TolerantXMLReader(bytes, digests: digests)
        let roots = reader.run()
        return Result(roots: roots, warnings: reader.warnings, tooDeepAt: reader.tooDeepAt)
    }

    private struct Open {
        var element: XMLElement
        var namespaces: [String: String]
        /// With digests, for the elements an entry may sit in (the root and its children): a hash of
        /// what they and the elements around them say about how an entry reads (see ``context(of:_:around:)``).
        var context: UInt64 = 0
    }

    private mutating func warn(_ message: String) {
        if warnings.count < 100 { warnings.append("\(message) at byte \(pos)") }
    }

    private mutating func run() -> [XMLElement] {
        var stack: [Open] = []
        var roots: [XMLElement] = []
        var text: [UInt8] = []
        let baseNamespaces = ["xml": XMLNamespaces.xml]

        func flushText(_ stack: inout [Open], _ text: inout [UInt8]) {
            guard !text.isEmpty else { return }
            if !stack.isEmpty {
                stack[stack.count - 1].element.children.append(.text(String(decoding: text, as: UTF8.self)))
            }
            text.removeAll(keepingCapacity: true)
        }

        func close(_ stack: inout [Open], _ roots: inout [XMLElement]) {
            let done = stack.removeLast().element
            if stack.isEmpty {
                roots.append(done)
            } else {
                stack[stack.count - 1].element.children.append(.element(done))
            }
        }

        while pos < bytes.count {
            let byte = bytes[pos]
            if byte != 0x3C {
                if byte == 0x26 {
                    appendEntity(into: &text)
                } else {
                    // The run of plain text up to the next markup or reference, copied at once.
                    var end = pos + 1
                    while end < bytes.count && bytes[end] != 0x3C && bytes[end] != 0x26 { end += 1 }
                    text.append(contentsOf: bytes[pos..<end])
                    pos = end
                }
                continue
            }
            if starts(with: "<!--") {
                let end = find("-->", from: pos + 4) ?? bytes.count
                if end == bytes.count { warn("unterminated comment") }
                pos = min(bytes.count, end + 3)
                continue
            }
            if starts(with: "<![CDATA[") {
                let end = find("]]>", from: pos + 9)
                if end == nil { warn("unterminated CDATA section") }
                text.append(contentsOf: bytes[(pos + 9)..<(end ?? bytes.count)])
                pos = min(bytes.count, (end ?? bytes.count) + 3)
                continue
            }
            if starts(with: "<?") || starts(with: "<!") {
                // Declarations, processing instructions and DOCTYPEs (never expanded).
                pos = min(bytes.count, (find(">", from: pos + 2) ?? bytes.count) + 1)
                continue
            }
            if pos + 1 < bytes.count && bytes[pos + 1] == 0x2F {
                // End tag.
                let nameStart = pos + 2
                var index = nameStart
                while index < bytes.count && bytes[index] != 0x3E && !isSpace(bytes[index]) { index += 1 }
                let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
                pos = min(bytes.count, (find(">", from: index) ?? bytes.count) + 1)
                flushText(&stack, &text)
                guard let match = stack.lastIndex(where: { $0.element.qualifiedName == name }) else {
                    warn("unexpected end tag </\(name)>")
                    continue
                }
                if match != stack.count - 1 { warn("mismatched end tag </\(name)>") }
                while stack.count > match { close(&stack, &roots) }
                continue
            }
            if pos + 1 == bytes.count {
                warn("document ends inside a tag")
                pos += 1
                continue
            }
            guard isNameStart(bytes[pos + 1]) else {
                warn("stray '<'")
                text.append(byte)
                pos += 1
                continue
            }
            if stack.count >= Self.maximumDepth {
                tooDeepAt = pos
                break
            }
            if stack.isEmpty && !roots.isEmpty {
                warn("more than one top-level element")
            }
            flushText(&stack, &text)
            if stack.isEmpty { text.removeAll() }
            let tagStart = pos
            let (name, attributes, selfClosing) = readStartTag()
            // Entries never nest: a new <item> or <entry> closes one left open.
            if name == "item" || name == "entry", let open = stack.lastIndex(where: { $0.element.qualifiedName == name }) {
                warn("unclosed <\(name)> before the next one")
                while stack.count > open { close(&stack, &roots) }
            }
            var namespaces = stack.last?.namespaces ?? baseNamespaces
            var plainAttributes: [String: String] = [:]
            for (key, value) in attributes {
                if key == "xmlns" {
                    namespaces[""] = value
                } else if key.hasPrefix("xmlns:") {
                    namespaces[String(key.dropFirst(6))] = value
                } else {
                    plainAttributes[key] = value
                }
            }
            let (prefix, local) = Self.split(name)
            let uri = namespaces[prefix ?? ""] ?? ""
            var element = XMLElement(qualifiedName: name, localName: local, namespaceURI: uri, attributes: plainAttributes)
            if let digests, !selfClosing, stack.count <= 2, local == "item" || local == "entry",
               let end = entryEnd(name: name, around: stack, from: pos)
            {
                let context = stack.last?.context ?? 0
                let digest = bytes.withUnsafeBytes { whole in
                    EntryDigest.value(UnsafeRawBufferPointer(rebasing: whole[tagStart..<end]), seed: digests.seed ^ context)
                }
                element.entryDigest = digest
                if digests.memory.keys[digest] != nil {
                    // Read before and stored: the entry's place is kept, its content is not read.
                    element.attributes = [:]
                    element.isRepeat = true
                    stack.append(Open(element: element, namespaces: namespaces))
                    close(&stack, &roots)
                    pos = end
                    continue
                }
            }
            var open = Open(element: element, namespaces: namespaces)
            // Only the root and its children can hold entries: their context is hashed once, as they open.
            if digests != nil && stack.count < 2 { open.context = Self.context(of: name, attributes, around: stack.last?.context ?? 0) }
            stack.append(open)
            if selfClosing { close(&stack, &roots) }
        }
        flushText(&stack, &text)
        if !stack.isEmpty { warn("document ended with \(stack.count) unclosed element(s)") }
        while !stack.isEmpty { close(&stack, &roots) }
        return roots
    }

    /// A hash of what an element says about how an entry inside it reads (its name and attributes:
    /// `xml:base`, namespace prefixes), and of what `outer`, its parent's hash, says.
    private static func context(of name: String, _ attributes: [(String, String)], around outer: UInt64) -> UInt64 {
        StableHash.value(unitSeparated: [StableHash.hexDigits(outer), name] + attributes.map { $0.0 + "=" + $0.1 }.sorted())
    }

    /// Where the entry whose start tag ends at `start` ends: just past its `</name>`, found the way
    /// ``run()`` reads (comments, CDATA sections, declarations and quoted attribute values hide markup).
    /// Nil when the document ends first, when another `<name>` opens inside it (``run()`` then closes
    /// the first there), or when an end tag of an element around it comes first (which closes it too).
    private func entryEnd(name: String, around: [Open], from start: Int) -> Int? {
        let nameBytes = Array(name.utf8)
        let outer = around.map { Array($0.element.qualifiedName.utf8) }
        func isName(at index: Int, endTag: Bool) -> Bool {
            guard index + nameBytes.count < bytes.count else { return false }
            for offset in nameBytes.indices where bytes[index + offset] != nameBytes[offset] { return false }
            let after = bytes[index + nameBytes.count]
            return after == 0x3E || isSpace(after) || (!endTag && after == 0x2F)
        }
        /// Whether the bytes in `range` are one of the outer elements' names (compared as bytes: an
        /// entry's every end tag comes here).
        func isOuterName(_ range: Range<Int>) -> Bool {
            outer.contains { $0.count == range.count && bytes[range].elementsEqual($0) }
        }
        var index = start
        while let open = nextMarkup(from: index) {
            index = open
            if matches("<!--", at: index) {
                guard let end = find("-->", from: index + 4) else { return nil }
                index = end + 3
            } else if matches("<![CDATA[", at: index) {
                guard let end = find("]]>", from: index + 9) else { return nil }
                index = end + 3
            } else if matches("<?", at: index) || matches("<!", at: index) {
                guard let end = find(">", from: index + 2) else { return nil }
                index = end + 1
            } else if index + 1 < bytes.count && bytes[index + 1] == 0x2F {
                var nameEnd = index + 2
                while nameEnd < bytes.count && bytes[nameEnd] != 0x3E && !isSpace(bytes[nameEnd]) { nameEnd += 1 }
                guard let end = find(">", from: nameEnd) else { return nil }
                if isName(at: index + 2, endTag: true) { return end + 1 }
                if isOuterName((index + 2)..<nameEnd) { return nil }
                index = end + 1
            } else if index + 1 < bytes.count && isNameStart(bytes[index + 1]) {
                if isName(at: index + 1, endTag: false) { return nil }
                guard let end = startTagEnd(from: index + 1) else { return nil }
                index = end
            } else {
                index += 1
            }
        }
        return nil
    }

    /// The next `<` at or after `index`.
    private func nextMarkup(from index: Int) -> Int? {
        guard index < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let found = memchr(buffer.baseAddress! + index, 0x3C, buffer.count - index) else { return nil }
            return buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Just past the `>` of the start tag whose name begins at `index`, read as ``readStartTag()`` reads
    /// it (a quote opens a value only after `=`; an unquoted value ends at a space or `>`).
    private func startTagEnd(from index: Int) -> Int? {
        var index = index
        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != 0x3E, bytes[index] != 0x2F { index += 1 }
        while index < bytes.count {
            while index < bytes.count && isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { return nil }
            if bytes[index] == 0x3E { return index + 1 }
            if bytes[index] == 0x2F {
                index += 1
                continue
            }
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != 0x3D, bytes[index] != 0x3E, bytes[index] != 0x2F {
                index += 1
            }
            while index < bytes.count && isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count, bytes[index] == 0x3D else { continue }
            index += 1
            while index < bytes.count && isSpace(bytes[index]) { index += 1 }
            if index < bytes.count, bytes[index] == 0x22 || bytes[index] == 0x27 {
                let quote = bytes[index]
                index += 1
                while index < bytes.count && bytes[index] != quote { index += 1 }
                index += 1
            } else {
                while index < bytes.count, !isSpace(bytes[index]), bytes[index] != 0x3E { index += 1 }
            }
        }
        return nil
    }

    private func matches(_ prefix: StaticString, at index: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != prefix.utf8Start[offset] { return false }
        return true
    }

    static func split(_ name: String) -> (String?, String) {
        guard let colon = name.firstIndex(of: ":") else { return (nil, name) }
        return (String(name[..<colon]), String(name[name.index(after: colon)...]))
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    private func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte == 0x5F || byte == 0x3A || byte >= 0x80
    }

    private func starts(with prefix: StaticString) -> Bool {
        matches(prefix, at: pos)
    }

    private func find(_ needle: StaticString, from start: Int) -> Int? {
        guard start >= 0, start < bytes.count else { return nil }
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        return bytes.withUnsafeBufferPointer { bytes in
            ByteSearch.offset(of: pattern, in: UnsafeBufferPointer(rebasing: bytes[start...])).map { start + $0 }
        }
    }

    /// Reads `<name attr="v" …>` from `pos`; tolerates unquoted and valueless attributes.
    private mutating func readStartTag() -> (String, [(String, String)], Bool) {
        pos += 1
        let nameStart = pos
        while pos < bytes.count, !isSpace(bytes[pos]), bytes[pos] != 0x3E, bytes[pos] != 0x2F { pos += 1 }
        let name = String(decoding: bytes[nameStart..<pos], as: UTF8.self)
        var attributes: [(String, String)] = []
        while pos < bytes.count {
            while pos < bytes.count && isSpace(bytes[pos]) { pos += 1 }
            guard pos < bytes.count else { break }
            if bytes[pos] == 0x3E {
                pos += 1
                return (name, attributes, false)
            }
            if bytes[pos] == 0x2F {
                pos += 1
                if pos < bytes.count && bytes[pos] == 0x3E {
                    pos += 1
                    return (name, attributes, true)
                }
                continue
            }
            let keyStart = pos
            while pos < bytes.count, !isSpace(bytes[pos]), bytes[pos] != 0x3D, bytes[pos] != 0x3E, bytes[pos] != 0x2F {
                pos += 1
            }
            let key = String(decoding: bytes[keyStart..<pos], as: UTF8.self)
            while pos < bytes.count && isSpace(bytes[pos]) { pos += 1 }
            var value: [UInt8] = []
            if pos < bytes.count && bytes[pos] == 0x3D {
                pos += 1
                while pos < bytes.count && isSpace(bytes[pos]) { pos += 1 }
                if pos < bytes.count, bytes[pos] == 0x22 || bytes[pos] == 0x27 {
                    let quote = bytes[pos]
                    pos += 1
                    while pos < bytes.count && bytes[pos] != quote {
                        if bytes[pos] == 0x26 { appendEntity(into: &value) } else {
                            value.append(bytes[pos])
                            pos += 1
                        }
                    }
                    if pos >= bytes.count { warn("unterminated attribute value") }
                    pos += 1
                } else {
                    warn("unquoted attribute value")
                    while pos < bytes.count, !isSpace(bytes[pos]), bytes[pos] != 0x3E { value.append(bytes[pos]); pos += 1 }
                }
            }
            if !key.isEmpty { attributes.append((key, String(decoding: value, as: UTF8.self))) }
        }
        warn("unterminated start tag <\(name)>")
        return (name, attributes, false)
    }

    /// At `&`: decodes a character or entity reference, or keeps a bare `&`.
    private mutating func appendEntity(into buffer: inout [UInt8]) {
        var end = pos + 1
        while end < bytes.count, end - pos < 40, bytes[end] != 0x3B, bytes[end] != 0x26, bytes[end] != 0x3C,
            !isSpace(bytes[end])
        {
            end += 1
        }
        guard end < bytes.count, bytes[end] == 0x3B, end > pos + 1 else {
            warn("bare '&'")
            buffer.append(0x26)
            pos += 1
            return
        }
        let name = String(decoding: bytes[(pos + 1)..<end], as: UTF8.self)
        var decoded: String?
        switch name {
        case "amp": decoded = "&"
        case "lt": decoded = "<"
        case "gt": decoded = ">"
        case "quot": decoded = "\""
        case "apos": decoded = "'"
        default:
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if name.hasPrefix("#") {
                decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if let html = HTMLCharacterReference.lookup(name) {
                warn("undefined entity &\(name);")
                decoded = html
            }
        }
        guard let decoded else {
            warn("unknown entity &\(name);")
            buffer.append(0x26)
            pos += 1
            return
        }
        buffer.append(contentsOf: decoded.utf8)
        pos = end + 1
    }
}
