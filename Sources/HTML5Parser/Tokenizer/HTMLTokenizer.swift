/// The WHATWG HTML tokenizer, working on UTF-8 bytes.
///
/// Every syntactically significant character is ASCII, so the state machine reads bytes and copies
/// non-ASCII bytes through untouched. The tree builder pulls tokens with ``nextToken()`` and may
/// switch ``state`` between tokens (for `<title>`, `<script>`, …), as the specification requires.
///
/// ```swift
/// let tokenizer = HTMLTokenizer(Array("<p class=a>Hi".utf8))
/// while true {
///     let token = tokenizer.nextToken()
///     if token == .endOfFile { break }
/// }
/// ```
public final class HTMLTokenizer {
    /// The tokenizer states that a caller may set (the others are internal).
    public enum State: Sendable {
        case data, rcdata, rawtext, scriptData, plaintext, cdataSection
    }

    enum InternalState {
        case data, rcdata, rawtext, scriptData, plaintext
        case tagOpen, endTagOpen, tagName
        case scriptDataEscapeStart, scriptDataEscapeStartDash, scriptDataEscaped, scriptDataEscapedDash
        case scriptDataEscapedDashDash, scriptDataEscapedLessThan, scriptDataDoubleEscapeStart
        case scriptDataDoubleEscaped, scriptDataDoubleEscapedDash, scriptDataDoubleEscapedDashDash
        case scriptDataDoubleEscapedLessThan, scriptDataDoubleEscapeEnd
        case beforeAttributeName, attributeName, afterAttributeName, beforeAttributeValue
        case attributeValueDoubleQuoted, attributeValueSingleQuoted, attributeValueUnquoted
        case afterAttributeValueQuoted, selfClosingStartTag, bogusComment, markupDeclarationOpen
        case commentStart, commentStartDash, comment, commentLessThan, commentLessThanBang
        case commentLessThanBangDash, commentLessThanBangDashDash, commentEndDash, commentEnd, commentEndBang
        case doctype, beforeDoctypeName, doctypeName, afterDoctypeName
        case afterDoctypePublicKeyword, beforeDoctypePublicIdentifier
        case doctypePublicIdentifierDoubleQuoted, doctypePublicIdentifierSingleQuoted
        case afterDoctypePublicIdentifier, betweenDoctypePublicAndSystemIdentifiers
        case afterDoctypeSystemKeyword, beforeDoctypeSystemIdentifier
        case doctypeSystemIdentifierDoubleQuoted, doctypeSystemIdentifierSingleQuoted
        case afterDoctypeSystemIdentifier, bogusDoctype, cdataSection
    }

    let input: [UInt8]
    let count: Int
    var pos = 0
    var state: InternalState = .data
    var reachedEOF = false

    /// The name of the last start tag emitted, for "appropriate end tag" checks.
    public var lastStartTagName: String?
    /// Set by the tree builder when the adjusted current node is not an HTML element,
    /// which is the only place `<![CDATA[` opens a CDATA section.
    public var allowsCDATA = false
    /// Parse errors found so far.
    public private(set) var errors: [HTMLParseError] = []
    /// Whether parse errors are recorded at all (off for speed when nobody reads them).
    public var recordsErrors = true

    var queue: [HTMLToken] = []
    var queueHead = 0
    /// Pending character data: a contiguous slice of the input (`sliceStart..<sliceEnd`) while it
    /// can stay one, so most text runs become strings with a single copy; `textBuffer` once
    /// character references or replacements break contiguity.
    var textBuffer: [UInt8] = []
    var sliceStart = 0
    var sliceEnd = 0

    /// The pending text as a mutable buffer (materialises the input slice first).
    var text: [UInt8] {
        get { textBuffer + input[sliceStart..<sliceEnd] }
        _modify {
            materializeSlice()
            yield &textBuffer
        }
    }

    @inline(__always) func materializeSlice() {
        if sliceEnd > sliceStart {
            copyInput(sliceStart..<sliceEnd, into: &textBuffer)
            sliceStart = 0
            sliceEnd = 0
        }
    }

    /// Appends `input[start..<end]` to the pending text, extending the slice when contiguous.
    @inline(__always) func appendInput(_ start: Int, _ end: Int) {
        if textBuffer.isEmpty {
            if sliceEnd == sliceStart {
                sliceStart = start
                sliceEnd = end
                return
            }
            if sliceEnd == start {
                sliceEnd = end
                return
            }
        }
        materializeSlice()
        copyInput(start..<end, into: &textBuffer)
    }

    var tagName: [UInt8] = []
    var tagIsEnd = false
    var tagSelfClosing = false
    var attributes: [HTMLAttribute] = []
    var attributeNames: Set<String>? = nil
    var attributeName: [UInt8] = []
    var attributeValue: [UInt8] = []
    var hasPendingAttribute = false
    var commentData: [UInt8] = []
    var doctypeToken = DoctypeToken()
    var doctypeName: [UInt8] = []
    var doctypeIdentifier: [UInt8] = []
    var temporaryBuffer: [UInt8] = []

    /// Creates a tokenizer over raw bytes; CR and CRLF become LF first (invalid UTF-8 becomes U+FFFD
    /// as each token's text is made).
    /// Handing over the only reference (`consume`) lets the line-break rewrite work in place.
    public init(_ bytes: consuming [UInt8], state: State = .data, lastStartTagName: String? = nil) {
        var input = bytes
        InputPreprocessor.normalizeLineBreaks(&input)
        self.input = input
        self.count = input.count
        self.lastStartTagName = lastStartTagName
        self.textBuffer.reserveCapacity(256)
        setState(state)
    }

    /// Switches the content model, as the tree builder does after `<textarea>`, `<script>`, ….
    public func setState(_ newState: State) {
        switch newState {
        case .data: state = .data
        case .rcdata: state = .rcdata
        case .rawtext: state = .rawtext
        case .scriptData: state = .scriptData
        case .plaintext: state = .plaintext
        case .cdataSection: state = .cdataSection
        }
    }

    /// Returns the next token; after the input ends it returns `.endOfFile` forever.
    public func nextToken() -> HTMLToken {
        while queueHead >= queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
            if reachedEOF {
                return .endOfFile
            }
            step()
        }
        // Moved out of the queue (its slot keeps a placeholder until the queue is emptied), not
        // copied: a copy would retain every string of the token once more and release it later.
        var token = HTMLToken.endOfFile
        swap(&token, &queue[queueHead])
        queueHead += 1
        return token
    }

    // MARK: - Emitting

    @inline(__always) func error(_ code: String) {
        if recordsErrors { errors.append(HTMLParseError(code: code, offset: max(0, min(pos, count) - 1))) }
    }

    func flushText() {
        if textBuffer.isEmpty {
            guard sliceEnd > sliceStart else { return }
            queue.append(.characters(String(decoding: input[sliceStart..<sliceEnd], as: UTF8.self)))
            sliceStart = 0
            sliceEnd = 0
            return
        }
        materializeSlice()
        queue.append(.characters(String(decoding: textBuffer, as: UTF8.self)))
        textBuffer.removeAll(keepingCapacity: true)
    }

    /// The index of the first byte at or after `start` that is `stop1`, `stop2` or NUL (or the end),
    /// eight bytes at a time.
    @inline(__always) func findStop(from start: Int, _ stop1: UInt8, _ stop2: UInt8) -> Int {
        input.withUnsafeBufferPointer { buffer in
            var index = start
            let end = buffer.count
            guard let base = buffer.baseAddress else { return index }
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let mask1 = UInt64(stop1) &* ones
            let mask2 = UInt64(stop2) &* ones
            while index + 8 <= end {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let x1 = word ^ mask1
                let x2 = word ^ mask2
                let found = ((x1 &- ones) & ~x1) | ((x2 &- ones) & ~x2) | ((word &- ones) & ~word)
                if found & highs != 0 { break }
                index += 8
            }
            while index < end {
                let byte = buffer[index]
                if byte == stop1 || byte == stop2 || byte == 0 { break }
                index += 1
            }
            return index
        }
    }

    func emit(_ token: HTMLToken) {
        flushText()
        queue.append(token)
    }

    func emitNullCharacter() {
        flushText()
        queue.append(.characters("\u{0}"))
    }

    func emitEOF() {
        flushText()
        queue.append(.endOfFile)
        reachedEOF = true
    }

    @inline(__always) func appendReplacementCharacter(to buffer: inout [UInt8]) {
        buffer.append(0xEF)
        buffer.append(0xBF)
        buffer.append(0xBD)
    }

    // MARK: - Tags

    func startTag(isEnd: Bool) {
        tagName.removeAll(keepingCapacity: true)
        tagIsEnd = isEnd
        tagSelfClosing = false
        attributes = []
        attributeNames = nil
        hasPendingAttribute = false
    }

    func startAttribute() {
        finishAttribute()
        attributeName.removeAll(keepingCapacity: true)
        attributeValue.removeAll(keepingCapacity: true)
        hasPendingAttribute = true
    }

    func finishAttribute() {
        guard hasPendingAttribute else { return }
        hasPendingAttribute = false
        let name = String(decoding: attributeName, as: UTF8.self)
        if attributes.count < 8 {
            for existing in attributes where existing.name == name {
                error("duplicate-attribute")
                return
            }
            attributes.append(HTMLAttribute(name: name, value: String(decoding: attributeValue, as: UTF8.self)))
            return
        }
        if attributeNames == nil { attributeNames = Set(attributes.map(\.name)) }
        if attributeNames!.insert(name).inserted {
            attributes.append(HTMLAttribute(name: name, value: String(decoding: attributeValue, as: UTF8.self)))
        } else {
            error("duplicate-attribute")
        }
    }

    func emitTag() {
        finishAttribute()
        // A known tag's name comes from the table (no allocation), and the token carries the lookup.
        let tag = tagName.withUnsafeBufferPointer { HTMLTag.lookup(bytes: $0) }
        let name = tag == .other ? String(decoding: tagName, as: UTF8.self) : tag.name
        // The attributes move into the token: the tokenizer starts the next tag with an empty list.
        var taken: [HTMLAttribute] = []
        swap(&taken, &attributes)
        let token = TagToken(tag: tag, name: name, attributes: taken, selfClosing: tagSelfClosing)
        if tagIsEnd {
            if !taken.isEmpty { error("end-tag-with-attributes") }
            if tagSelfClosing { error("end-tag-with-trailing-solidus") }
            emit(.endTag(token))
        } else {
            lastStartTagName = name
            emit(.startTag(token))
        }
    }

    /// True when the tag being built is an end tag matching the last start tag.
    var isAppropriateEndTag: Bool {
        guard let last = lastStartTagName else { return false }
        return last.utf8.elementsEqual(tagName)
    }

    // MARK: - Reading

    /// Consumes the next byte, or returns -1 at the end (still advancing, so that
    /// `reconsume()` works the same everywhere).
    @inline(__always) func consume() -> Int {
        let index = pos
        pos += 1
        return index < count ? Int(input[index]) : -1
    }

    @inline(__always) func reconsume() { pos -= 1 }

    /// Copies input bytes into a buffer without making an `ArraySlice` (and retaining the input) each time.
    @inline(__always) func copyInput(_ range: Range<Int>, into buffer: inout [UInt8]) {
        input.withUnsafeBufferPointer { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
    }

    @inline(__always) func peek(_ offset: Int = 0) -> Int {
        pos + offset < count ? Int(input[pos + offset]) : -1
    }

    /// Case-insensitively matches ASCII `word` at the current position; consumes it when it matches.
    func consumeIfMatches(_ word: StaticString, caseInsensitive: Bool) -> Bool {
        let length = word.utf8CodeUnitCount
        guard pos + length <= count else { return false }
        let bytes = word.utf8Start
        for offset in 0..<length {
            var byte = input[pos + offset]
            var expected = bytes[offset]
            if caseInsensitive {
                byte = asciiLowercase(byte)
                expected = asciiLowercase(expected)
            }
            if byte != expected { return false }
        }
        pos += length
        return true
    }
}

@inline(__always) func asciiLowercase(_ byte: UInt8) -> UInt8 {
    byte &- 0x41 < 26 ? byte | 0x20 : byte  // UInt8 wraps, so one comparison suffices
}

@inline(__always) func isASCIIAlpha(_ c: Int) -> Bool {
    UInt(bitPattern: (c | 0x20) &- 0x61) < 26
}

@inline(__always) func isASCIIDigit(_ c: Int) -> Bool {
    c >= 0x30 && c <= 0x39
}

@inline(__always) func isASCIIAlphanumeric(_ c: Int) -> Bool {
    isASCIIAlpha(c) || isASCIIDigit(c)
}

@inline(__always) func isHTMLWhitespace(_ c: Int) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0C || c == 0x0D
}
