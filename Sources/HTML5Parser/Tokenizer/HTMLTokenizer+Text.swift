// Text content states: data, RCDATA, RAWTEXT, script data, PLAINTEXT and CDATA sections.
extension HTMLTokenizer {
    /// Copies bytes up to the first of `stop1`, `stop2` or NUL into the text run.
    @inline(__always) func scanText(until stop1: UInt8, _ stop2: UInt8) {
        let start = pos
        pos = findStop(from: start, stop1, stop2)
        if pos > start { appendInput(start, pos) }
    }

    func dataState() {
        while true {
            scanText(until: 0x3C, 0x26)
            switch consume() {
            case 0x26: consumeCharacterReference(into: &text, inAttribute: false)
            case 0x3C: state = .tagOpen; return
            case 0:
                error("unexpected-null-character")
                emitNullCharacter()
                return
            default:
                emitEOF()
                return
            }
        }
    }

    func rcdataState() {
        while true {
            scanText(until: 0x3C, 0x26)
            switch consume() {
            case 0x26: consumeCharacterReference(into: &text, inAttribute: false)
            case 0x3C:
                if consumeAppropriateEndTag() { return }
                appendInput(pos - 1, pos)
            case 0:
                error("unexpected-null-character")
                appendReplacementCharacter(to: &text)
            default:
                emitEOF()
                return
            }
        }
    }

    func rawtextState() {
        while true {
            scanText(until: 0x3C, 0x3C)
            switch consume() {
            case 0x3C:
                if consumeAppropriateEndTag() { return }
                appendInput(pos - 1, pos)
            case 0:
                error("unexpected-null-character")
                appendReplacementCharacter(to: &text)
            default:
                emitEOF()
                return
            }
        }
    }

    func plaintextState() {
        while true {
            scanText(until: 0, 0)
            switch consume() {
            case 0:
                error("unexpected-null-character")
                appendReplacementCharacter(to: &text)
            default:
                emitEOF()
                return
            }
        }
    }

    func scriptDataState() {
        while true {
            scanText(until: 0x3C, 0x3C)
            switch consume() {
            case 0x3C:
                if consumeAppropriateEndTag() { return }
                appendInput(pos - 1, pos)
                if peek() == 0x21 {
                    pos += 1
                    appendInput(pos - 1, pos)
                    state = .scriptDataEscapeStart
                    return
                }
            case 0:
                error("unexpected-null-character")
                appendReplacementCharacter(to: &text)
            default:
                emitEOF()
                return
            }
        }
    }

    /// After a `<` in RCDATA, RAWTEXT or script data: when `/name` follows and names the last start
    /// tag, consumes it, starts the end tag and moves to the state the specification names.
    func consumeAppropriateEndTag() -> Bool {
        guard peek() == 0x2F, let last = lastStartTagName else { return false }
        var index = pos + 1
        var matched = true
        var expected = last.utf8.makeIterator()
        while index < count, isASCIIAlpha(Int(input[index])) {
            if matched, let want = expected.next(), want == asciiLowercase(input[index]) {
            } else {
                matched = false
            }
            index += 1
        }
        guard matched, expected.next() == nil, index > pos + 1, index < count else { return false }
        let next = Int(input[index])
        guard isHTMLWhitespace(next) || next == 0x2F || next == 0x3E else { return false }
        startTag(isEnd: true)
        tagName.append(contentsOf: last.utf8)
        pos = index + 1
        switch next {
        case 0x2F: state = .selfClosingStartTag
        case 0x3E:
            state = .data
            emitTag()
        default: state = .beforeAttributeName
        }
        return true
    }

    func cdataSectionState() {
        while true {
            scanText(until: 0x5D, 0x5D)
            if pos >= count {
                error("eof-in-cdata")
                emitEOF()
                return
            }
            let byte = input[pos]
            pos += 1
            if byte == 0 {
                text.append(0)
                continue
            }
            // byte == ']'
            if peek() == 0x5D && peek(1) == 0x3E {
                pos += 2
                state = .data
                return
            }
            text.append(0x5D)
        }
    }
}
