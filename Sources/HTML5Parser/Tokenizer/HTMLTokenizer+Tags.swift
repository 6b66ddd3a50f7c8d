// Tag and attribute states.
extension HTMLTokenizer {
    func tagOpenState() {
        let c = consume()
        if isASCIIAlpha(c) {
            startTag(isEnd: false)
            reconsume()
            state = .tagName
            return
        }
        switch c {
        case 0x21: state = .markupDeclarationOpen
        case 0x2F: state = .endTagOpen
        case 0x3F:
            error("unexpected-question-mark-instead-of-tag-name")
            commentData.removeAll(keepingCapacity: true)
            reconsume()
            state = .bogusComment
        case -1:
            error("eof-before-tag-name")
            text.append(0x3C)
            emitEOF()
        default:
            error("invalid-first-character-of-tag-name")
            text.append(0x3C)
            reconsume()
            state = .data
        }
    }

    func endTagOpenState() {
        let c = consume()
        if isASCIIAlpha(c) {
            startTag(isEnd: true)
            reconsume()
            state = .tagName
            return
        }
        switch c {
        case 0x3E:
            error("missing-end-tag-name")
            state = .data
        case -1:
            error("eof-before-tag-name")
            text.append(0x3C)
            text.append(0x2F)
            emitEOF()
        default:
            error("invalid-first-character-of-tag-name")
            commentData.removeAll(keepingCapacity: true)
            reconsume()
            state = .bogusComment
        }
    }

    /// The end of the run of bytes at `start` that names copy unchanged (lowercase letters, digits,
    /// `-`, `_`, `:` and non-ASCII), so the common case appends a whole name at once.
    @inline(__always) func plainNameRunEnd(from start: Int) -> Int {
        var index = start
        while index < count {
            let byte = input[index]
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
                || byte == 0x3A || byte >= 0x80
            {
                index += 1
            } else {
                break
            }
        }
        return index
    }

    func tagNameState() {
        while true {
            let runEnd = plainNameRunEnd(from: pos)
            if runEnd > pos {
                copyInput(pos..<runEnd, into: &tagName)
                pos = runEnd
            }
            let c = consume()
            switch c {
            case 0x09, 0x0A, 0x0C, 0x20:
                state = .beforeAttributeName
                return
            case 0x2F:
                state = .selfClosingStartTag
                return
            case 0x3E:
                state = .data
                emitTag()
                return
            case 0:
                error("unexpected-null-character")
                appendReplacementCharacter(to: &tagName)
            case -1:
                error("eof-in-tag")
                emitEOF()
                return
            default:
                tagName.append(asciiLowercase(UInt8(c)))
            }
        }
    }

    func beforeAttributeNameState() {
        while true {
            let c = consume()
            switch c {
            case 0x09, 0x0A, 0x0C, 0x20:
                continue
            case 0x2F, 0x3E, -1:
                reconsume()
                state = .afterAttributeName
            case 0x3D:
                error("unexpected-equals-sign-before-attribute-name")
                startAttribute()
                attributeName.append(0x3D)
                state = .attributeName
            default:
                startAttribute()
                reconsume()
                state = .attributeName
            }
            return
        }
    }

    func attributeNameState() {
        while true {
            let runEnd = plainNameRunEnd(from: pos)
            if runEnd > pos {
                copyInput(pos..<runEnd, into: &attributeName)
                pos = runEnd
            }
            let c = consume()
            switch c {
            case 0x09, 0x0A, 0x0C, 0x20, 0x2F, 0x3E, -1:
                reconsume()
                state = .afterAttributeName
                return
            case 0x3D:
                state = .beforeAttributeValue
                return
            case 0:
                error("unexpected-null-character")
                appendReplacementCharacter(to: &attributeName)
            case 0x22, 0x27, 0x3C:
                error("unexpected-character-in-attribute-name")
                attributeName.append(UInt8(c))
            default:
                attributeName.append(asciiLowercase(UInt8(c)))
            }
        }
    }

    func afterAttributeNameState() {
        while true {
            let c = consume()
            switch c {
            case 0x09, 0x0A, 0x0C, 0x20:
                continue
            case 0x2F: state = .selfClosingStartTag
            case 0x3D: state = .beforeAttributeValue
            case 0x3E:
                state = .data
                emitTag()
            case -1:
                error("eof-in-tag")
                emitEOF()
            default:
                startAttribute()
                reconsume()
                state = .attributeName
            }
            return
        }
    }

    func beforeAttributeValueState() {
        while true {
            let c = consume()
            switch c {
            case 0x09, 0x0A, 0x0C, 0x20:
                continue
            case 0x22: state = .attributeValueDoubleQuoted
            case 0x27: state = .attributeValueSingleQuoted
            case 0x3E:
                error("missing-attribute-value")
                state = .data
                emitTag()
            default:
                reconsume()
                state = .attributeValueUnquoted
            }
            return
        }
    }

    func attributeValueQuotedState(quote: UInt8) {
        while true {
            let start = pos
            pos = findStop(from: start, quote, 0x26)
            if pos > start { copyInput(start..<pos, into: &attributeValue) }
            let c = consume()
            switch c {
            case Int(quote):
                state = .afterAttributeValueQuoted
                return
            case 0x26:
                consumeCharacterReference(into: &attributeValue, inAttribute: true)
            case 0:
                error("unexpected-null-character")
                appendReplacementCharacter(to: &attributeValue)
            default:
                error("eof-in-tag")
                emitEOF()
                return
            }
        }
    }

    func attributeValueUnquotedState() {
        while true {
            let c = consume()
            switch c {
            case 0x09, 0x0A, 0x0C, 0x20:
                state = .beforeAttributeName
                return
            case 0x26:
                consumeCharacterReference(into: &attributeValue, inAttribute: true)
            case 0x3E:
                state = .data
                emitTag()
                return
            case 0:
                error("unexpected-null-character")
                appendReplacementCharacter(to: &attributeValue)
            case 0x22, 0x27, 0x3C, 0x3D, 0x60:
                error("unexpected-character-in-unquoted-attribute-value")
                attributeValue.append(UInt8(c))
            case -1:
                error("eof-in-tag")
                emitEOF()
                return
            default:
                attributeValue.append(UInt8(c))
            }
        }
    }

    func afterAttributeValueQuotedState() {
        let c = consume()
        switch c {
        case 0x09, 0x0A, 0x0C, 0x20: state = .beforeAttributeName
        case 0x2F: state = .selfClosingStartTag
        case 0x3E:
            state = .data
            emitTag()
        case -1:
            error("eof-in-tag")
            emitEOF()
        default:
            error("missing-whitespace-between-attributes")
            reconsume()
            state = .beforeAttributeName
        }
    }

    func selfClosingStartTagState() {
        let c = consume()
        switch c {
        case 0x3E:
            tagSelfClosing = true
            state = .data
            emitTag()
        case -1:
            error("eof-in-tag")
            emitEOF()
        default:
            error("unexpected-solidus-in-tag")
            reconsume()
            state = .beforeAttributeName
        }
    }
}
