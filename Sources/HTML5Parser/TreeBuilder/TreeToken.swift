/// A token as the tree builder handles it: tags carry their ``HTMLTag`` so that the insertion
/// modes compare small integers rather than strings.
enum TreeToken {
    case characters(String)
    case comment(String)
    case doctype(DoctypeToken)
    case start(TagToken, HTMLTag)
    case end(TagToken, HTMLTag)
    case endOfFile

    init(_ token: HTMLToken) {
        switch token {
        case .characters(let text): self = .characters(text)
        case .comment(let text): self = .comment(text)
        case .doctype(let doctype): self = .doctype(doctype)
        case .startTag(let tag): self = .start(tag, tag.tag)
        case .endTag(let tag): self = .end(tag, tag.tag)
        case .endOfFile: self = .endOfFile
        }
    }

    static func start(_ tag: HTMLTag) -> TreeToken { .start(TagToken(tag: tag, name: tag.name), tag) }
    static func end(_ tag: HTMLTag) -> TreeToken { .end(TagToken(tag: tag, name: tag.name), tag) }
}

extension StringProtocol {
    /// True when every character is ASCII whitespace as HTML defines it.
    var isHTMLWhitespace: Bool {
        for byte in utf8 where !(byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0C || byte == 0x0D) {
            return false
        }
        return true
    }
}

extension String {
    /// Splits off the leading run of HTML whitespace.
    func splitLeadingWhitespace() -> (whitespace: Substring, rest: Substring) {
        let utf8 = self.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if !(byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0C || byte == 0x0D) { break }
            index = utf8.index(after: index)
        }
        return (self[..<index], self[index...])
    }
}
