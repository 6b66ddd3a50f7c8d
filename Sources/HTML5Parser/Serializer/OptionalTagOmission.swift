/// Drops the start and end tags that HTML lets a document omit (html5lib's optional-tags filter):
/// each decision looks at the token before and the token after.
enum OptionalTagOmission {
    typealias Token = HTMLStreamSerializer.Token

    static func apply(to tokens: [Token]) -> [Token] {
        var output: [Token] = []
        output.reserveCapacity(tokens.count)
        for index in tokens.indices {
            let previous = index > 0 ? tokens[index - 1] : nil
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            switch tokens[index] {
            case .startTag(let name, _, let attributes):
                if attributes.isEmpty && canOmitStart(name, previous: previous, next: next) { continue }
            case .endTag(let name, _):
                if canOmitEnd(name, next: next) { continue }
            default:
                break
            }
            output.append(tokens[index])
        }
        return output
    }

    private enum Kind { case start, empty, end, characters, space, comment, doctype, none }

    private static func kind(_ token: Token?) -> (Kind, String) {
        switch token {
        case .startTag(let name, _, _): (.start, name)
        case .emptyTag(let name, _): (.empty, name)
        case .endTag(let name, _): (.end, name)
        // Text that starts with whitespace counts as whitespace, as when a walker splits it off.
        case .characters(let text): (text.utf8.first.map(isSpace) == true ? .space : .characters, "")
        case .spaceCharacters: (.space, "")
        case .comment: (.comment, "")
        case .doctype: (.doctype, "")
        case nil: (.none, "")
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    static func canOmitStart(_ name: String, previous: Token?, next: Token?) -> Bool {
        let (type, nextName) = kind(next)
        switch name {
        case "html":
            return type != .comment && type != .space
        case "head":
            if type == .start || type == .empty { return true }
            return type == .end && nextName == "head"
        case "body":
            if type == .comment || type == .space { return false }
            if type == .start { return nextName != "script" && nextName != "style" }
            return true
        case "colgroup":
            // The end tag of a preceding colgroup is never omitted (see canOmitEnd), so the previous
            // token needs no look.
            return (type == .start || type == .empty) && nextName == "col"
        case "tbody":
            guard type == .start else { return false }
            let (previousType, previousName) = kind(previous)
            if previousType == .end && ["tbody", "thead", "tfoot"].contains(previousName) { return false }
            return nextName == "tr"
        default:
            return false
        }
    }

    static func canOmitEnd(_ name: String, next: Token?) -> Bool {
        let (type, nextName) = kind(next)
        let closedByParent = type == .end || type == .none
        switch name {
        case "html", "head", "body":
            return type != .comment && type != .space
        case "li", "optgroup", "tr":
            return type == .start ? nextName == name : closedByParent
        case "dt", "dd":
            if type == .start { return nextName == "dt" || nextName == "dd" }
            return name == "dd" && closedByParent
        case "p":
            if type == .start || type == .empty { return paragraphClosers.contains(nextName) }
            return closedByParent
        case "option":
            return type == .start ? (nextName == "option" || nextName == "optgroup") : closedByParent
        case "rt", "rp":
            return type == .start ? (nextName == "rt" || nextName == "rp") : closedByParent
        case "colgroup":
            if type == .comment || type == .space { return false }
            return type == .start ? nextName != "colgroup" : true
        case "thead", "tbody":
            if type == .start { return nextName == "tbody" || nextName == "tfoot" }
            return name == "tbody" && closedByParent
        case "tfoot":
            return type == .start ? nextName == "tbody" : closedByParent
        case "td", "th":
            return type == .start ? (nextName == "td" || nextName == "th") : closedByParent
        default:
            return false
        }
    }

    /// Start tags that close an open `<p>`, so its end tag may go.
    static let paragraphClosers: Set<String> = [
        "address", "article", "aside", "blockquote", "datagrid", "dialog", "dir", "div", "dl", "fieldset",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "menu", "nav", "ol", "p", "pre",
        "section", "table", "ul",
    ]
}
