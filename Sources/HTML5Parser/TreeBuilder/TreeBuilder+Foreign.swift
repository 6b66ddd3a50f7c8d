// The rules for parsing tokens in foreign content (inside <svg> and <math>).
extension TreeBuilder {
    private static let breakoutTags: Set<HTMLTag> = [
        .b, .big, .blockquote, .body, .br, .center, .code, .dd, .div, .dl, .dt, .em, .embed, .h1, .h2, .h3, .h4,
        .h5, .h6, .head, .hr, .i, .img, .li, .listing, .menu, .meta, .nobr, .ol, .p, .pre, .ruby, .s, .small,
        .span, .strong, .strike, .sub, .sup, .table, .tt, .u, .ul, .var,
    ]

    func processForeignContent(_ token: TreeToken) {
        switch token {
        case .characters(let text):
            if text.utf8.contains(0) {
                parseError("unexpected-null-character")
                insertCharacters(text.replacingNulls())
            } else {
                insertCharacters(text)
            }
            if framesetOK && !text.isHTMLWhitespace && !text.utf8.allSatisfy({ $0 == 0 }) { framesetOK = false }
        case .comment(let text):
            insertComment(text)
        case .doctype:
            parseError("unexpected-doctype")
        case .start(let tag, let name)
        where Self.breakoutTags.contains(name)
            || (name == .font && tag.attributes.contains { ["color", "face", "size"].contains($0.name) }):
            breakOutOfForeignContent(token)
        case .end(_, let name) where name == .br || name == .p:
            breakOutOfForeignContent(token)
        case .start(let tag, let name):
            let namespace = record(adjustedCurrentNode).namespace
            let adjusted = ForeignAdjustments.adjust(tag, namespace: namespace)
            insertForeignElement(adjusted, name, namespace: namespace)
            if tag.selfClosing { pop() }
        case .end(let tag, _):
            foreignEndTag(tag, token)
        case .endOfFile:
            process(token, in: mode)
        }
    }

    private func breakOutOfForeignContent(_ token: TreeToken) {
        parseError("unexpected-html-element-in-foreign-content")
        while let node = stack.last, record(node).namespace != .html, !isMathMLTextIntegrationPoint(node),
            !isHTMLIntegrationPoint(node)
        {
            pop()
        }
        process(token, in: mode)
    }

    private func foreignEndTag(_ tag: TagToken, _ token: TreeToken) {
        var index = stack.count - 1
        var node = stack[index]
        if record(node).name.lowercased() != tag.name { parseError("unexpected-end-tag") }
        while index > 0 {
            if record(node).name.lowercased() == tag.name {
                while stack.count > index { pop() }
                return
            }
            index -= 1
            node = stack[index]
            if record(node).namespace == .html {
                process(token, in: mode)
                return
            }
        }
    }
}

extension String {
    func replacingNulls() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        for byte in utf8 {
            if byte == 0 { bytes.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
