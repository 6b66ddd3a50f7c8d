// The text, in template, after body and frameset insertion modes.
extension TreeBuilder {
    func textMode(_ token: TreeToken) {
        switch token {
        case .characters(let text):
            insertCharacters(text)
        case .endOfFile:
            parseError("eof-in-text")
            pop()
            reprocess(token, in: originalMode)
        case .end:
            pop()
            mode = originalMode
        default:
            break
        }
    }

    func inTemplateMode(_ token: TreeToken) {
        switch token {
        case .characters, .comment, .doctype:
            inBodyMode(token)
        case .start(_, let name) where [.base, .basefont, .bgsound, .link, .meta, .noframes, .script, .style,
            .template, .title].contains(name):
            inHeadMode(token)
        case .end(_, .template):
            inHeadMode(token)
        case .start(_, let name) where [.caption, .colgroup, .tbody, .tfoot, .thead].contains(name):
            switchTemplateMode(to: .inTable, token)
        case .start(_, .col):
            switchTemplateMode(to: .inColumnGroup, token)
        case .start(_, .tr):
            switchTemplateMode(to: .inTableBody, token)
        case .start(_, let name) where name == .td || name == .th:
            switchTemplateMode(to: .inRow, token)
        case .start:
            switchTemplateMode(to: .inBody, token)
        case .end:
            parseError("unexpected-end-tag")
        case .endOfFile:
            guard isOpen(.template) else {
                stopped = true
                return
            }
            parseError("eof-in-template")
            popUntil(.template)
            clearFormattingToLastMarker()
            templateModes.removeLast()
            resetInsertionModeAppropriately()
            process(token, in: mode)
        }
    }

    private func switchTemplateMode(to newMode: Mode, _ token: TreeToken) {
        templateModes.removeLast()
        templateModes.append(newMode)
        reprocess(token, in: newMode)
    }

    func afterBodyMode(_ token: TreeToken) {
        switch token {
        case .characters(let text):
            let (whitespace, rest) = text.splitLeadingWhitespace()
            if !whitespace.isEmpty { inBodyMode(.characters(String(whitespace))) }
            if !rest.isEmpty {
                parseError("unexpected-char-after-body")
                reprocess(.characters(String(rest)), in: .inBody)
            }
        case .comment(let text):
            insertComment(text, parent: stack[0])
        case .doctype:
            parseError("unexpected-doctype")
        case .start(_, .html):
            inBodyMode(token)
        case .end(_, .html):
            if isFragment {
                parseError("unexpected-end-tag")
                return
            }
            mode = .afterAfterBody
        case .endOfFile:
            stopped = true
        default:
            parseError("unexpected-after-body")
            reprocess(token, in: .inBody)
        }
    }

    /// Inserts only the whitespace characters of `text` (frameset modes ignore the rest).
    private func insertWhitespaceOnly(_ text: String) {
        let whitespace = text.unicodeScalars.filter {
            $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\u{0C}" || $0 == "\r"
        }
        if whitespace.count != text.unicodeScalars.count { parseError("unexpected-char-in-frameset") }
        if !whitespace.isEmpty { insertCharacters(String(String.UnicodeScalarView(whitespace))) }
    }

    func inFramesetMode(_ token: TreeToken) {
        switch token {
        case .characters(let text):
            insertWhitespaceOnly(text)
        case .comment(let text):
            insertComment(text)
        case .doctype:
            parseError("unexpected-doctype")
        case .start(_, .html):
            inBodyMode(token)
        case .start(let tag, .frameset):
            insertHTMLElement(tag, .frameset)
        case .end(_, .frameset):
            if stack.count == 1 && isFragment {
                parseError("unexpected-end-tag")
                return
            }
            pop()
            if !isFragment && !isHTML(currentNode, .frameset) { mode = .afterFrameset }
        case .start(let tag, .frame):
            insertHTMLElement(tag, .frame)
            pop()
        case .start(_, .noframes):
            inHeadMode(token)
        case .endOfFile:
            stopped = true
        default:
            parseError("unexpected-in-frameset")
        }
    }

    func afterFramesetMode(_ token: TreeToken) {
        switch token {
        case .characters(let text):
            insertWhitespaceOnly(text)
        case .comment(let text):
            insertComment(text)
        case .doctype:
            parseError("unexpected-doctype")
        case .start(_, .html):
            inBodyMode(token)
        case .end(_, .html):
            mode = .afterAfterFrameset
        case .start(_, .noframes):
            inHeadMode(token)
        case .endOfFile:
            stopped = true
        default:
            parseError("unexpected-after-frameset")
        }
    }

    func afterAfterBodyMode(_ token: TreeToken) {
        switch token {
        case .comment(let text):
            insertComment(text, parent: 0)
        case .doctype, .start(_, .html):
            inBodyMode(token)
        case .characters(let text):
            let (whitespace, rest) = text.splitLeadingWhitespace()
            if !whitespace.isEmpty { inBodyMode(.characters(String(whitespace))) }
            if !rest.isEmpty {
                parseError("unexpected-char-after-body")
                reprocess(.characters(String(rest)), in: .inBody)
            }
        case .endOfFile:
            stopped = true
        default:
            parseError("unexpected-after-after-body")
            reprocess(token, in: .inBody)
        }
    }

    func afterAfterFramesetMode(_ token: TreeToken) {
        switch token {
        case .comment(let text):
            insertComment(text, parent: 0)
        case .doctype, .start(_, .html):
            inBodyMode(token)
        case .characters(let text):
            let whitespace = text.unicodeScalars.filter {
                $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\u{0C}" || $0 == "\r"
            }
            if !whitespace.isEmpty { inBodyMode(.characters(String(String.UnicodeScalarView(whitespace)))) }
        case .endOfFile:
            stopped = true
        case .start(_, .noframes):
            inHeadMode(token)
        default:
            parseError("unexpected-after-after-frameset")
        }
    }
}
