// The "in body" insertion mode.
extension TreeBuilder {
    func inBodyMode(_ token: TreeToken) {
        switch token {
        case .characters(let text):
            inBodyCharacters(text)
        case .comment(let text):
            insertComment(text)
        case .doctype:
            parseError("unexpected-doctype")
        case .start(let tag, let name):
            inBodyStartTag(tag, name, token)
        case .end(let tag, let name):
            inBodyEndTag(tag, name, token)
        case .endOfFile:
            if !templateModes.isEmpty {
                inTemplateMode(token)
            } else {
                stopped = true
            }
        }
    }

    func inBodyCharacters(_ text: String) {
        if text.utf8.first == 0 {
            parseError("unexpected-null-character")
            return
        }
        reconstructActiveFormattingElements()
        insertCharacters(text)
        if framesetOK && !text.isHTMLWhitespace { framesetOK = false }
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private func inBodyStartTag(_ tag: TagToken, _ name: HTMLTag, _ token: TreeToken) {
        switch name {
        case .html:
            parseError("unexpected-start-tag")
            if !isOpen(.template), let root = stack.first { addMissingAttributes(tag, to: root) }
        case .base, .basefont, .bgsound, .link, .meta, .noframes, .script, .style, .template, .title:
            inHeadMode(token)
        case .body:
            parseError("unexpected-start-tag")
            guard stack.count > 1, isHTML(stack[1], .body), !isOpen(.template) else { return }
            framesetOK = false
            addMissingAttributes(tag, to: stack[1])
        case .frameset:
            parseError("unexpected-start-tag")
            guard stack.count > 1, isHTML(stack[1], .body), framesetOK else { return }
            document.detach(stack[1])
            while stack.count > 1 { pop() }
            insertHTMLElement(tag, .frameset)
            mode = .inFrameset
        case .address, .article, .aside, .blockquote, .center, .details, .dialog, .dir, .div, .dl, .fieldset,
            .figcaption, .figure, .footer, .header, .hgroup, .main, .menu, .nav, .ol, .p, .search, .section,
            .summary, .ul:
            closePIfInButtonScope()
            insertHTMLElement(tag, name)
        case .h1, .h2, .h3, .h4, .h5, .h6:
            closePIfInButtonScope()
            if let current = htmlTag(currentNode), current.isHeading {
                parseError("unexpected-start-tag")
                pop()
            }
            insertHTMLElement(tag, name)
        case .pre, .listing:
            closePIfInButtonScope()
            insertHTMLElement(tag, name)
            ignoreNextLineFeed = true
            framesetOK = false
        case .form:
            if formElement >= 0 && !isOpen(.template) {
                parseError("unexpected-start-tag")
                return
            }
            closePIfInButtonScope()
            let node = insertHTMLElement(tag, .form)
            if !isOpen(.template) { formElement = node }
        case .li, .dd, .dt:
            framesetOK = false
            var index = stack.count - 1
            while index >= 0 {
                let node = stack[index]
                let nodeTag = htmlTag(node)
                let matches = name == .li ? nodeTag == .li : (nodeTag == .dd || nodeTag == .dt)
                if matches {
                    let closing = nodeTag!
                    generateImpliedEndTags(except: closing)
                    if !isHTML(currentNode, closing) { parseError("unexpected-start-tag") }
                    popUntil(closing)
                    break
                }
                if isSpecial(node) && nodeTag != .address && nodeTag != .div && nodeTag != .p { break }
                index -= 1
            }
            closePIfInButtonScope()
            insertHTMLElement(tag, name)
        case .plaintext:
            closePIfInButtonScope()
            insertHTMLElement(tag, name)
            tokenizer.setState(.plaintext)
        case .button:
            if hasInScope(.button) {
                parseError("unexpected-start-tag")
                generateImpliedEndTags()
                popUntil(.button)
            }
            reconstructActiveFormattingElements()
            insertHTMLElement(tag, name)
            framesetOK = false
        case .a:
            if let index = formattingElementIndex(.a, name: "a") {
                parseError("unexpected-start-tag")
                let node = formatting[index]
                if !adoptionAgency(tag, .a) { anyOtherEndTag(tag, .a) }
                if let again = formatting.lastIndex(of: node) { formatting.remove(at: again) }
                removeFromStack(node)
            }
            reconstructActiveFormattingElements()
            pushFormatting(insertHTMLElement(tag, name))
        case .b, .big, .code, .em, .font, .i, .s, .small, .strike, .strong, .tt, .u:
            reconstructActiveFormattingElements()
            pushFormatting(insertHTMLElement(tag, name))
        case .nobr:
            reconstructActiveFormattingElements()
            if hasInScope(.nobr) {
                parseError("unexpected-start-tag")
                if !adoptionAgency(tag, .nobr) { anyOtherEndTag(tag, .nobr) }
                reconstructActiveFormattingElements()
            }
            pushFormatting(insertHTMLElement(tag, name))
        case .applet, .marquee, .object:
            reconstructActiveFormattingElements()
            insertHTMLElement(tag, name)
            formatting.append(Self.marker)
            framesetOK = false
        case .table:
            if document.quirksMode != .quirks { closePIfInButtonScope() }
            insertHTMLElement(tag, name)
            framesetOK = false
            mode = .inTable
        case .area, .br, .embed, .img, .keygen, .wbr:
            reconstructActiveFormattingElements()
            insertHTMLElement(tag, name)
            pop()
            framesetOK = false
        case .input:
            if isFragment && isHTML(contextElement, .select) {
                parseError("unexpected-start-tag")
                return
            }
            if hasInScope(.select) {
                parseError("unexpected-start-tag")
                popUntil(.select)
            }
            reconstructActiveFormattingElements()
            insertHTMLElement(tag, name)
            pop()
            if tag.attribute("type")?.lowercased() != "hidden" { framesetOK = false }
        case .param, .source, .track:
            insertHTMLElement(tag, name)
            pop()
        case .hr:
            closePIfInButtonScope()
            if hasInScope(.select) {
                generateImpliedEndTags()
                if hasInScope(.option) || hasInScope(.optgroup) { parseError("unexpected-start-tag") }
            }
            insertHTMLElement(tag, name)
            pop()
            framesetOK = false
        case .image:
            parseError("unexpected-start-tag")
            var renamed = tag
            renamed.name = "img"
            inBodyStartTag(renamed, .img, .start(renamed, .img))
        case .textarea:
            insertHTMLElement(tag, name)
            ignoreNextLineFeed = true
            tokenizer.setState(.rcdata)
            originalMode = mode
            framesetOK = false
            mode = .text
        case .xmp:
            closePIfInButtonScope()
            reconstructActiveFormattingElements()
            framesetOK = false
            parseRawText(tag, name, state: .rawtext)
        case .iframe:
            framesetOK = false
            parseRawText(tag, name, state: .rawtext)
        case .noembed:
            parseRawText(tag, name, state: .rawtext)
        case .noscript where scripting:
            parseRawText(tag, name, state: .rawtext)
        case .select:
            if isFragment && isHTML(contextElement, .select) {
                parseError("unexpected-start-tag")
                return
            }
            if hasInScope(.select) {
                parseError("unexpected-start-tag")
                popUntil(.select)
                return
            }
            reconstructActiveFormattingElements()
            insertHTMLElement(tag, name)
            framesetOK = false
        case .option:
            if hasInScope(.select) {
                generateImpliedEndTags(except: .optgroup)
                if hasInScope(.option) { parseError("unexpected-start-tag") }
            } else if isHTML(currentNode, .option) {
                pop()
            }
            reconstructActiveFormattingElements()
            insertHTMLElement(tag, name)
        case .optgroup:
            if hasInScope(.select) {
                generateImpliedEndTags()
                if hasInScope(.option) || hasInScope(.optgroup) { parseError("unexpected-start-tag") }
            } else if isHTML(currentNode, .option) {
                pop()
            }
            reconstructActiveFormattingElements()
            insertHTMLElement(tag, name)
        case .rb, .rtc:
            if hasInScope(.ruby) {
                generateImpliedEndTags()
                if !isHTML(currentNode, .ruby) { parseError("unexpected-start-tag") }
            }
            insertHTMLElement(tag, name)
        case .rp, .rt:
            if hasInScope(.ruby) {
                generateImpliedEndTags(except: .rtc)
                if !isHTML(currentNode, .ruby) && !isHTML(currentNode, .rtc) { parseError("unexpected-start-tag") }
            }
            insertHTMLElement(tag, name)
        case .math, .svg:
            reconstructActiveFormattingElements()
            let namespace: HTMLNamespace = name == .math ? .mathml : .svg
            let adjusted = ForeignAdjustments.adjust(tag, namespace: namespace)
            insertForeignElement(adjusted, name, namespace: namespace)
            if tag.selfClosing { pop() }
        case .caption, .col, .colgroup, .frame, .head, .tbody, .td, .tfoot, .th, .thead, .tr:
            parseError("unexpected-start-tag")
        default:
            reconstructActiveFormattingElements()
            insertHTMLElement(tag, name)
        }
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private func inBodyEndTag(_ tag: TagToken, _ name: HTMLTag, _ token: TreeToken) {
        switch name {
        case .template:
            inHeadMode(token)
        case .body, .html:
            guard hasInScope(.body) else {
                parseError("unexpected-end-tag")
                return
            }
            mode = .afterBody
            if name == .html { process(token, in: .afterBody) }
        case .address, .article, .aside, .blockquote, .button, .center, .details, .dialog, .dir, .div, .dl,
            .fieldset, .figcaption, .figure, .footer, .header, .hgroup, .listing, .main, .menu, .nav, .ol, .pre,
            .search, .section, .select, .summary, .ul:
            guard hasInScope(name) else {
                parseError("unexpected-end-tag")
                return
            }
            generateImpliedEndTags()
            if !isHTML(currentNode, name) { parseError("unexpected-end-tag") }
            popUntil(name)
        case .form:
            if !isOpen(.template) {
                let node = formElement
                formElement = -1
                guard node >= 0, hasNodeInScope(node) else {
                    parseError("unexpected-end-tag")
                    return
                }
                generateImpliedEndTags()
                if currentNode != node { parseError("unexpected-end-tag") }
                removeFromStack(node)
            } else {
                guard hasInScope(.form) else {
                    parseError("unexpected-end-tag")
                    return
                }
                generateImpliedEndTags()
                if !isHTML(currentNode, .form) { parseError("unexpected-end-tag") }
                popUntil(.form)
            }
        case .p:
            if !hasInScope(.p, .button) {
                parseError("unexpected-end-tag")
                insertHTMLElement(.p)
            }
            closePElement()
        case .li:
            guard hasInScope(.li, .listItem) else {
                parseError("unexpected-end-tag")
                return
            }
            generateImpliedEndTags(except: .li)
            if !isHTML(currentNode, .li) { parseError("unexpected-end-tag") }
            popUntil(.li)
        case .dd, .dt:
            guard hasInScope(name) else {
                parseError("unexpected-end-tag")
                return
            }
            generateImpliedEndTags(except: name)
            if !isHTML(currentNode, name) { parseError("unexpected-end-tag") }
            popUntil(name)
        case .h1, .h2, .h3, .h4, .h5, .h6:
            let headings: [HTMLTag] = [.h1, .h2, .h3, .h4, .h5, .h6]
            guard hasAnyInScope(headings) else {
                parseError("unexpected-end-tag")
                return
            }
            generateImpliedEndTags()
            if !isHTML(currentNode, name) { parseError("unexpected-end-tag") }
            popUntil(anyOf: Set(headings))
        case .a, .b, .big, .code, .em, .font, .i, .nobr, .s, .small, .strike, .strong, .tt, .u:
            if !adoptionAgency(tag, name) { anyOtherEndTag(tag, name) }
        case .applet, .marquee, .object:
            guard hasInScope(name) else {
                parseError("unexpected-end-tag")
                return
            }
            generateImpliedEndTags()
            if !isHTML(currentNode, name) { parseError("unexpected-end-tag") }
            popUntil(name)
            clearFormattingToLastMarker()
        case .br:
            parseError("unexpected-end-tag")
            inBodyStartTag(TagToken(name: "br"), .br, .start(.br))
        default:
            anyOtherEndTag(tag, name)
        }
    }

    func anyOtherEndTag(_ tag: TagToken, _ name: HTMLTag) {
        var index = stack.count - 1
        while index >= 0 {
            let node = stack[index]
            let record = record(node)
            if record.namespace == .html && record.tag == name && record.name == tag.name {
                generateImpliedEndTags(except: name)
                if node != currentNode { parseError("unexpected-end-tag") }
                popUntilNode(node)
                return
            }
            if isSpecial(node) {
                parseError("unexpected-end-tag")
                return
            }
            index -= 1
        }
    }
}
