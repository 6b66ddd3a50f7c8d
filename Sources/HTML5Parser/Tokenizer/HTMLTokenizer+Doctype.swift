// DOCTYPE states.
extension HTMLTokenizer {
    func emitDoctype(forceQuirks: Bool = false) {
        if forceQuirks { doctypeToken.forceQuirks = true }
        emit(.doctype(doctypeToken))
    }

    private func eofInDoctype() {
        error("eof-in-doctype")
        emitDoctype(forceQuirks: true)
        emitEOF()
    }

    func doctypeNameStates() {
        while true {
            let c = consume()
            switch state {
            case .doctype:
                doctypeToken = DoctypeToken()
                if isHTMLWhitespace(c) {
                    state = .beforeDoctypeName
                } else if c == -1 {
                    return eofInDoctype()
                } else {
                    if c != 0x3E { error("missing-whitespace-before-doctype-name") }
                    reconsume()
                    state = .beforeDoctypeName
                }
            case .beforeDoctypeName:
                if isHTMLWhitespace(c) { continue }
                switch c {
                case 0x3E:
                    error("missing-doctype-name")
                    state = .data
                    return emitDoctype(forceQuirks: true)
                case -1: return eofInDoctype()
                case 0:
                    error("unexpected-null-character")
                    doctypeName.removeAll(keepingCapacity: true)
                    appendReplacementCharacter(to: &doctypeName)
                    state = .doctypeName
                default:
                    doctypeName.removeAll(keepingCapacity: true)
                    doctypeName.append(asciiLowercase(UInt8(c)))
                    state = .doctypeName
                }
            case .doctypeName:
                if isHTMLWhitespace(c) {
                    doctypeToken.name = String(decoding: doctypeName, as: UTF8.self)
                    state = .afterDoctypeName
                    continue
                }
                switch c {
                case 0x3E:
                    doctypeToken.name = String(decoding: doctypeName, as: UTF8.self)
                    state = .data
                    return emitDoctype()
                case -1:
                    doctypeToken.name = String(decoding: doctypeName, as: UTF8.self)
                    return eofInDoctype()
                case 0:
                    error("unexpected-null-character")
                    appendReplacementCharacter(to: &doctypeName)
                default:
                    doctypeName.append(asciiLowercase(UInt8(c)))
                }
            case .afterDoctypeName:
                if isHTMLWhitespace(c) { continue }
                if c == 0x3E {
                    state = .data
                    return emitDoctype()
                }
                if c == -1 { return eofInDoctype() }
                reconsume()
                if consumeIfMatches("PUBLIC", caseInsensitive: true) {
                    state = .afterDoctypePublicKeyword
                } else if consumeIfMatches("SYSTEM", caseInsensitive: true) {
                    state = .afterDoctypeSystemKeyword
                } else {
                    error("invalid-character-sequence-after-doctype-name")
                    doctypeToken.forceQuirks = true
                    state = .bogusDoctype
                }
                return
            default:
                reconsume()
                return
            }
        }
    }

    private func finishIdentifier(isPublic: Bool) {
        let value = String(decoding: doctypeIdentifier, as: UTF8.self)
        if isPublic { doctypeToken.publicIdentifier = value } else { doctypeToken.systemIdentifier = value }
    }

    private func beginIdentifier(_ quote: Int, isPublic: Bool) {
        doctypeIdentifier.removeAll(keepingCapacity: true)
        if isPublic {
            state = quote == 0x22 ? .doctypePublicIdentifierDoubleQuoted : .doctypePublicIdentifierSingleQuoted
        } else {
            state = quote == 0x22 ? .doctypeSystemIdentifierDoubleQuoted : .doctypeSystemIdentifierSingleQuoted
        }
    }

    func doctypeIdentifierStates() {
        while true {
            let c = consume()
            switch state {
            case .afterDoctypePublicKeyword, .afterDoctypeSystemKeyword,
                .beforeDoctypePublicIdentifier, .beforeDoctypeSystemIdentifier:
                let isPublic = state == .afterDoctypePublicKeyword || state == .beforeDoctypePublicIdentifier
                let afterKeyword = state == .afterDoctypePublicKeyword || state == .afterDoctypeSystemKeyword
                let kind = isPublic ? "public" : "system"
                if isHTMLWhitespace(c) {
                    if afterKeyword {
                        state = isPublic ? .beforeDoctypePublicIdentifier : .beforeDoctypeSystemIdentifier
                    }
                    continue
                }
                switch c {
                case 0x22, 0x27:
                    if afterKeyword { error("missing-whitespace-after-doctype-\(kind)-keyword") }
                    beginIdentifier(c, isPublic: isPublic)
                case 0x3E:
                    error("missing-doctype-\(kind)-identifier")
                    state = .data
                    return emitDoctype(forceQuirks: true)
                case -1: return eofInDoctype()
                default:
                    error("missing-quote-before-doctype-\(kind)-identifier")
                    doctypeToken.forceQuirks = true
                    reconsume()
                    state = .bogusDoctype
                }
            case .doctypePublicIdentifierDoubleQuoted, .doctypePublicIdentifierSingleQuoted,
                .doctypeSystemIdentifierDoubleQuoted, .doctypeSystemIdentifierSingleQuoted:
                let isPublic = state == .doctypePublicIdentifierDoubleQuoted
                    || state == .doctypePublicIdentifierSingleQuoted
                let quote = state == .doctypePublicIdentifierDoubleQuoted
                    || state == .doctypeSystemIdentifierDoubleQuoted ? 0x22 : 0x27
                switch c {
                case quote:
                    finishIdentifier(isPublic: isPublic)
                    state = isPublic ? .afterDoctypePublicIdentifier : .afterDoctypeSystemIdentifier
                case 0:
                    error("unexpected-null-character")
                    appendReplacementCharacter(to: &doctypeIdentifier)
                case 0x3E:
                    error("abrupt-doctype-\(isPublic ? "public" : "system")-identifier")
                    finishIdentifier(isPublic: isPublic)
                    state = .data
                    return emitDoctype(forceQuirks: true)
                case -1:
                    finishIdentifier(isPublic: isPublic)
                    return eofInDoctype()
                default:
                    doctypeIdentifier.append(UInt8(c))
                }
            case .afterDoctypePublicIdentifier, .betweenDoctypePublicAndSystemIdentifiers:
                if isHTMLWhitespace(c) {
                    state = .betweenDoctypePublicAndSystemIdentifiers
                    continue
                }
                switch c {
                case 0x3E:
                    state = .data
                    return emitDoctype()
                case 0x22, 0x27:
                    if state == .afterDoctypePublicIdentifier {
                        error("missing-whitespace-between-doctype-public-and-system-identifiers")
                    }
                    beginIdentifier(c, isPublic: false)
                case -1: return eofInDoctype()
                default:
                    error("missing-quote-before-doctype-system-identifier")
                    doctypeToken.forceQuirks = true
                    reconsume()
                    state = .bogusDoctype
                }
            case .afterDoctypeSystemIdentifier:
                if isHTMLWhitespace(c) { continue }
                switch c {
                case 0x3E:
                    state = .data
                    return emitDoctype()
                case -1: return eofInDoctype()
                default:
                    error("unexpected-character-after-doctype-system-identifier")
                    reconsume()
                    state = .bogusDoctype
                }
            case .bogusDoctype:
                switch c {
                case 0x3E:
                    state = .data
                    return emitDoctype()
                case -1:
                    emitDoctype()
                    return emitEOF()
                case 0: error("unexpected-null-character")
                default: continue
                }
            default:
                reconsume()
                return
            }
        }
    }
}
