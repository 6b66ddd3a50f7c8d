// Markup declarations, comments and bogus comments.
extension HTMLTokenizer {
    func emitComment() {
        emit(.comment(String(decoding: commentData, as: UTF8.self)))
    }

    func markupDeclarationOpenState() {
        if consumeIfMatches("--", caseInsensitive: false) {
            commentData.removeAll(keepingCapacity: true)
            state = .commentStart
        } else if consumeIfMatches("DOCTYPE", caseInsensitive: true) {
            state = .doctype
        } else if consumeIfMatches("[CDATA[", caseInsensitive: false) {
            if allowsCDATA {
                state = .cdataSection
            } else {
                error("cdata-in-html-content")
                commentData = Array("[CDATA[".utf8)
                state = .bogusComment
            }
        } else {
            error("incorrectly-opened-comment")
            commentData.removeAll(keepingCapacity: true)
            state = .bogusComment
        }
    }

    func bogusCommentState() {
        while true {
            let c = consume()
            switch c {
            case 0x3E:
                state = .data
                emitComment()
                return
            case -1:
                emitComment()
                emitEOF()
                return
            case 0:
                error("unexpected-null-character")
                appendReplacementCharacter(to: &commentData)
            default:
                commentData.append(UInt8(c))
            }
        }
    }

    func commentStates() {
        while true {
            if state == .comment {
                let start = pos
                while pos < count {
                    let byte = input[pos]
                    if byte == 0x3C || byte == 0x2D || byte == 0 { break }
                    pos += 1
                }
                if pos > start { copyInput(start..<pos, into: &commentData) }
            }
            let c = consume()
            switch state {
            case .commentStart:
                if c == 0x2D {
                    state = .commentStartDash
                } else if c == 0x3E {
                    error("abrupt-closing-of-empty-comment")
                    state = .data
                    emitComment()
                    return
                } else {
                    reconsume()
                    state = .comment
                }
            case .commentStartDash:
                if c == 0x2D {
                    state = .commentEnd
                } else if c == 0x3E {
                    error("abrupt-closing-of-empty-comment")
                    state = .data
                    emitComment()
                    return
                } else if c == -1 {
                    return eofInComment()
                } else {
                    commentData.append(0x2D)
                    reconsume()
                    state = .comment
                }
            case .comment:
                switch c {
                case 0x3C:
                    commentData.append(0x3C)
                    state = .commentLessThan
                case 0x2D: state = .commentEndDash
                case 0:
                    error("unexpected-null-character")
                    appendReplacementCharacter(to: &commentData)
                case -1: return eofInComment()
                default: commentData.append(UInt8(c))
                }
            case .commentLessThan:
                if c == 0x21 {
                    commentData.append(0x21)
                    state = .commentLessThanBang
                } else if c == 0x3C {
                    commentData.append(0x3C)
                } else {
                    reconsume()
                    state = .comment
                }
            case .commentLessThanBang:
                reconsume()
                state = c == 0x2D ? .commentLessThanBangDash : .comment
                if c == 0x2D { pos += 1 }
            case .commentLessThanBangDash:
                reconsume()
                state = c == 0x2D ? .commentLessThanBangDashDash : .commentEndDash
                if c == 0x2D { pos += 1 }
            case .commentLessThanBangDashDash:
                if c != 0x3E && c != -1 { error("nested-comment") }
                reconsume()
                state = .commentEnd
            case .commentEndDash:
                if c == 0x2D {
                    state = .commentEnd
                } else if c == -1 {
                    return eofInComment()
                } else {
                    commentData.append(0x2D)
                    reconsume()
                    state = .comment
                }
            case .commentEnd:
                switch c {
                case 0x3E:
                    state = .data
                    emitComment()
                    return
                case 0x21: state = .commentEndBang
                case 0x2D: commentData.append(0x2D)
                case -1: return eofInComment()
                default:
                    commentData.append(0x2D)
                    commentData.append(0x2D)
                    reconsume()
                    state = .comment
                }
            case .commentEndBang:
                switch c {
                case 0x2D:
                    commentData.append(contentsOf: [0x2D, 0x2D, 0x21])
                    state = .commentEndDash
                case 0x3E:
                    error("incorrectly-closed-comment")
                    state = .data
                    emitComment()
                    return
                case -1: return eofInComment()
                default:
                    commentData.append(contentsOf: [0x2D, 0x2D, 0x21])
                    reconsume()
                    state = .comment
                }
            default:
                reconsume()
                return
            }
        }
    }

    private func eofInComment() {
        error("eof-in-comment")
        emitComment()
        emitEOF()
    }
}
