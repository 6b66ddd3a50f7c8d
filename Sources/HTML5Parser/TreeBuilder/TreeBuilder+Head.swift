// Insertion modes before the body: initial, before html, before head, in head, in head
// noscript, after head.
extension TreeBuilder {
    func initialMode(_ token: TreeToken) {
        switch token {
        case .characters(let text) where text.isHTMLWhitespace:
            return
        case .characters(let text):
            let (_, rest) = text.splitLeadingWhitespace()
            parseError("expected-doctype-but-got-chars")
            document.quirksMode = .quirks
            reprocess(.characters(String(rest)), in: .beforeHTML)
        case .comment(let text):
            insertComment(text, parent: 0)
        case .doctype(let doctype):
            if doctype.name != "html" || doctype.publicIdentifier != nil
                || (doctype.systemIdentifier != nil && doctype.systemIdentifier != "about:legacy-compat")
            {
                parseError("unknown-doctype")
            }
            let node = document.makeNode(
                HTMLDocument.Record(
                    kind: .doctype, name: doctype.name ?? "", data: doctype.publicIdentifier ?? "",
                    systemIdentifier: doctype.systemIdentifier ?? ""))
            document.appendChild(node, to: 0)
            document.quirksMode = QuirksDetector.mode(for: doctype)
            mode = .beforeHTML
        default:
            parseError("expected-doctype-but-got-other")
            document.quirksMode = .quirks
            reprocess(token, in: .beforeHTML)
        }
    }

    func beforeHTMLMode(_ token: TreeToken) {
        switch token {
        case .doctype:
            parseError("unexpected-doctype")
        case .comment(let text):
            insertComment(text, parent: 0)
        case .characters(let text):
            let (_, rest) = text.splitLeadingWhitespace()
            if rest.isEmpty { return }
            insertHTMLRoot(nil)
            reprocess(.characters(String(rest)), in: .beforeHead)
        case .start(let tag, .html):
            insertHTMLRoot(tag)
            mode = .beforeHead
        case .end(_, let tag) where tag != .head && tag != .body && tag != .html && tag != .br:
            parseError("unexpected-end-tag")
        default:
            insertHTMLRoot(nil)
            reprocess(token, in: .beforeHead)
        }
    }

    private func insertHTMLRoot(_ token: TagToken?) {
        let node = createElement(for: token ?? TagToken(name: "html"), tag: .html, namespace: .html)
        document.appendChild(node, to: 0)
        push(node)
    }

    func beforeHeadMode(_ token: TreeToken) {
        switch token {
        case .characters(let text):
            let (_, rest) = text.splitLeadingWhitespace()
            if rest.isEmpty { return }
            headElement = insertHTMLElement(.head)
            reprocess(.characters(String(rest)), in: .inHead)
        case .comment(let text):
            insertComment(text)
        case .doctype:
            parseError("unexpected-doctype")
        case .start(_, .html):
            inBodyMode(token)
        case .start(let tag, .head):
            headElement = insertHTMLElement(tag, .head)
            mode = .inHead
        case .end(_, let tag) where tag != .head && tag != .body && tag != .html && tag != .br:
            parseError("unexpected-end-tag")
        default:
            headElement = insertHTMLElement(.head)
            reprocess(token, in: .inHead)
        }
    }

    func inHeadMode(_ token: TreeToken) {
        switch token {
        case .characters(let text):
            let (whitespace, rest) = text.splitLeadingWhitespace()
            if !whitespace.isEmpty { insertCharacters(String(whitespace)) }
            if rest.isEmpty { return }
            pop()
            reprocess(.characters(String(rest)), in: .afterHead)
        case .comment(let text):
            insertComment(text)
        case .doctype:
            parseError("unexpected-doctype")
        case .start(_, .html):
            inBodyMode(token)
        case .start(let tag, let name) where name == .base || name == .basefont || name == .bgsound
            || name == .link || name == .meta:
            insertHTMLElement(tag, name)
            pop()
        case .start(let tag, .title):
            parseRawText(tag, .title, state: .rcdata)
        case .start(let tag, .noscript) where scripting:
            parseRawText(tag, .noscript, state: .rawtext)
        case .start(let tag, let name) where name == .noframes || name == .style:
            parseRawText(tag, name, state: .rawtext)
        case .start(let tag, .noscript):
            insertHTMLElement(tag, .noscript)
            mode = .inHeadNoscript
        case .start(let tag, .script):
            parseRawText(tag, .script, state: .scriptData)
        case .end(_, .head):
            pop()
            mode = .afterHead
        case .end(_, let name) where name == .body || name == .html || name == .br:
            pop()
            reprocess(token, in: .afterHead)
        case .start(let tag, .template):
            insertHTMLElement(tag, .template)
            formatting.append(Self.marker)
            framesetOK = false
            mode = .inTemplate
            templateModes.append(.inTemplate)
        case .end(_, .template):
            guard isOpen(.template) else {
                parseError("unexpected-end-tag")
                return
            }
            generateAllImpliedEndTagsThoroughly()
            if !isHTML(currentNode, .template) { parseError("unexpected-end-tag") }
            popUntil(.template)
            clearFormattingToLastMarker()
            templateModes.removeLast()
            resetInsertionModeAppropriately()
        case .start(_, .head), .end:
            parseError("unexpected-tag")
        default:
            pop()
            reprocess(token, in: .afterHead)
        }
    }

    func inHeadNoscriptMode(_ token: TreeToken) {
        switch token {
        case .doctype:
            parseError("unexpected-doctype")
        case .start(_, .html):
            inBodyMode(token)
        case .end(_, .noscript):
            pop()
            mode = .inHead
        case .characters(let text):
            let (whitespace, rest) = text.splitLeadingWhitespace()
            if !whitespace.isEmpty { inHeadMode(.characters(String(whitespace))) }
            if rest.isEmpty { return }
            parseError("unexpected-char-in-noscript")
            pop()
            reprocess(.characters(String(rest)), in: .inHead)
        case .comment:
            inHeadMode(token)
        case .start(_, let name) where name == .basefont || name == .bgsound || name == .link || name == .meta
            || name == .noframes || name == .style:
            inHeadMode(token)
        case .start(_, .head), .start(_, .noscript):
            parseError("unexpected-start-tag")
        case .end(_, let name) where name != .br:
            parseError("unexpected-end-tag")
        default:
            parseError("unexpected-in-noscript")
            pop()
            reprocess(token, in: .inHead)
        }
    }

    func afterHeadMode(_ token: TreeToken) {
        switch token {
        case .characters(let text):
            let (whitespace, rest) = text.splitLeadingWhitespace()
            if !whitespace.isEmpty { insertCharacters(String(whitespace)) }
            if rest.isEmpty { return }
            insertHTMLElement(.body)
            reprocess(.characters(String(rest)), in: .inBody)
        case .comment(let text):
            insertComment(text)
        case .doctype:
            parseError("unexpected-doctype")
        case .start(_, .html):
            inBodyMode(token)
        case .start(let tag, .body):
            insertHTMLElement(tag, .body)
            framesetOK = false
            mode = .inBody
        case .start(let tag, .frameset):
            insertHTMLElement(tag, .frameset)
            mode = .inFrameset
        case .start(_, let name) where name == .base || name == .basefont || name == .bgsound || name == .link
            || name == .meta || name == .noframes || name == .script || name == .style || name == .template
            || name == .title:
            parseError("unexpected-start-tag-after-head")
            push(headElement)
            inHeadMode(token)
            removeFromStack(headElement)
        case .end(_, .template):
            inHeadMode(token)
        case .start(_, .head):
            parseError("unexpected-start-tag")
        case .end(_, let name) where name != .body && name != .html && name != .br:
            parseError("unexpected-end-tag")
        default:
            insertHTMLElement(.body)
            reprocess(token, in: .inBody)
        }
    }
}
