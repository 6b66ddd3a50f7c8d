// The script data escape states (`<!--` … `-->` inside `<script>`, and `<script>` nested in them).
extension HTMLTokenizer {
    func scriptDataEscapeStates() {
        while true {
            if state == .scriptDataEscaped || state == .scriptDataDoubleEscaped {
                let start = pos
                while pos < count {
                    let byte = input[pos]
                    if byte == 0x2D || byte == 0x3C || byte == 0 { break }
                    pos += 1
                }
                if pos > start { copyInput(start..<pos, into: &text) }
            }
            let c = consume()
            if c == -1 {
                if state == .scriptDataEscapedLessThan { text.append(0x3C) }
                if state != .scriptDataEscapeStart && state != .scriptDataEscapeStartDash {
                    error("eof-in-script-html-comment-like-text")
                }
                emitEOF()
                return
            }
            if c == 0 {
                error("unexpected-null-character")
                switch state {
                case .scriptDataEscapeStart, .scriptDataEscapeStartDash:
                    reconsume()
                    state = .scriptData
                    return
                case .scriptDataEscapedLessThan:
                    text.append(0x3C)
                    state = .scriptDataEscaped
                case .scriptDataDoubleEscapedLessThan, .scriptDataDoubleEscapeStart:
                    state = state == .scriptDataDoubleEscapeStart ? .scriptDataEscaped : .scriptDataDoubleEscaped
                case .scriptDataEscaped, .scriptDataEscapedDash, .scriptDataEscapedDashDash:
                    state = .scriptDataEscaped
                default:
                    state = .scriptDataDoubleEscaped
                }
                appendReplacementCharacter(to: &text)
                continue
            }
            let byte = UInt8(c)
            switch state {
            case .scriptDataEscapeStart:
                if c == 0x2D {
                    text.append(byte)
                    state = .scriptDataEscapeStartDash
                } else {
                    reconsume()
                    state = .scriptData
                    return
                }
            case .scriptDataEscapeStartDash:
                if c == 0x2D {
                    text.append(byte)
                    state = .scriptDataEscapedDashDash
                } else {
                    reconsume()
                    state = .scriptData
                    return
                }
            case .scriptDataEscaped:
                if c == 0x2D {
                    text.append(byte)
                    state = .scriptDataEscapedDash
                } else if c == 0x3C {
                    state = .scriptDataEscapedLessThan
                } else {
                    text.append(byte)
                }
            case .scriptDataEscapedDash, .scriptDataEscapedDashDash:
                if c == 0x2D {
                    text.append(byte)
                    state = .scriptDataEscapedDashDash
                } else if c == 0x3C {
                    state = .scriptDataEscapedLessThan
                } else if c == 0x3E && state == .scriptDataEscapedDashDash {
                    text.append(byte)
                    state = .scriptData
                    return
                } else {
                    text.append(byte)
                    state = .scriptDataEscaped
                }
            case .scriptDataEscapedLessThan:
                if c == 0x2F {
                    reconsume()
                    if consumeAppropriateEndTag() { return }
                    pos += 1
                    text.append(0x3C)
                    text.append(0x2F)
                    state = .scriptDataEscaped
                } else if isASCIIAlpha(c) {
                    temporaryBuffer.removeAll(keepingCapacity: true)
                    text.append(0x3C)
                    reconsume()
                    state = .scriptDataDoubleEscapeStart
                } else {
                    text.append(0x3C)
                    reconsume()
                    state = .scriptDataEscaped
                }
            case .scriptDataDoubleEscapeStart, .scriptDataDoubleEscapeEnd:
                let escapedState: InternalState = state == .scriptDataDoubleEscapeStart
                    ? .scriptDataEscaped : .scriptDataDoubleEscaped
                let otherState: InternalState = state == .scriptDataDoubleEscapeStart
                    ? .scriptDataDoubleEscaped : .scriptDataEscaped
                if isHTMLWhitespace(c) || c == 0x2F || c == 0x3E {
                    state = temporaryBuffer.elementsEqual("script".utf8) ? otherState : escapedState
                    text.append(byte)
                } else if isASCIIAlpha(c) {
                    temporaryBuffer.append(asciiLowercase(byte))
                    text.append(byte)
                } else {
                    reconsume()
                    state = escapedState
                }
            case .scriptDataDoubleEscaped:
                text.append(byte)
                if c == 0x2D {
                    state = .scriptDataDoubleEscapedDash
                } else if c == 0x3C {
                    state = .scriptDataDoubleEscapedLessThan
                }
            case .scriptDataDoubleEscapedDash, .scriptDataDoubleEscapedDashDash:
                text.append(byte)
                if c == 0x2D {
                    state = .scriptDataDoubleEscapedDashDash
                } else if c == 0x3C {
                    state = .scriptDataDoubleEscapedLessThan
                } else if c == 0x3E && state == .scriptDataDoubleEscapedDashDash {
                    state = .scriptData
                    return
                } else {
                    state = .scriptDataDoubleEscaped
                }
            case .scriptDataDoubleEscapedLessThan:
                if c == 0x2F {
                    text.append(byte)
                    temporaryBuffer.removeAll(keepingCapacity: true)
                    state = .scriptDataDoubleEscapeEnd
                } else {
                    reconsume()
                    state = .scriptDataDoubleEscaped
                }
            default:
                reconsume()
                return
            }
        }
    }
}
