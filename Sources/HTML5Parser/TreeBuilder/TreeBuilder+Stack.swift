// The stack of open elements: pushing, popping, scopes and implied end tags.
extension TreeBuilder {
    @inline(__always) var currentNode: Int32 { stack.last ?? -1 }

    var adjustedCurrentNode: Int32 {
        if isFragment && stack.count == 1 { return contextElement }
        return stack.last ?? -1
    }

    @inline(__always) func record(_ node: Int32) -> HTMLDocument.Record { document.records[Int(node)] }

    // These read single fields: copying a whole record would retain its strings and arrays.
    @inline(__always) func isHTML(_ node: Int32, _ tag: HTMLTag) -> Bool {
        document.records[Int(node)].tag == tag && document.records[Int(node)].namespace == .html
    }

    @inline(__always) func htmlTag(_ node: Int32) -> HTMLTag? {
        document.records[Int(node)].namespace == .html ? document.records[Int(node)].tag : nil
    }

    @inline(__always) func namespace(_ node: Int32) -> HTMLNamespace { document.records[Int(node)].namespace }

    @inline(__always) func tag(_ node: Int32) -> HTMLTag { document.records[Int(node)].tag }

    func push(_ node: Int32) {
        stack.append(node)
        if let tag = htmlTag(node) { openCounts[Int(tag.rawValue)] += 1 }
    }

    @discardableResult
    func pop() -> Int32 {
        let node = stack.removeLast()
        if let tag = htmlTag(node) {
            openCounts[Int(tag.rawValue)] -= 1
            if tag == .option && isOpen(.select) { optionPopped(node) }
        }
        return node
    }

    func removeFromStack(at index: Int) {
        let node = stack.remove(at: index)
        if let tag = htmlTag(node) { openCounts[Int(tag.rawValue)] -= 1 }
    }

    func removeFromStack(_ node: Int32) {
        if let index = stack.lastIndex(of: node) { removeFromStack(at: index) }
    }

    func replaceInStack(at index: Int, with node: Int32) {
        if let old = htmlTag(stack[index]) { openCounts[Int(old.rawValue)] -= 1 }
        stack[index] = node
        if let new = htmlTag(node) { openCounts[Int(new.rawValue)] += 1 }
    }

    func insertInStack(_ node: Int32, at index: Int) {
        stack.insert(node, at: index)
        if let tag = htmlTag(node) { openCounts[Int(tag.rawValue)] += 1 }
    }

    @inline(__always) func isOpen(_ tag: HTMLTag) -> Bool { openCounts[Int(tag.rawValue)] > 0 }

    /// Pops until an HTML element with `tag` has been popped.
    func popUntil(_ tag: HTMLTag) {
        guard isOpen(tag) else { return }
        while !stack.isEmpty {
            if isHTML(pop(), tag) { return }
        }
    }

    func popUntil(anyOf tags: Set<HTMLTag>) {
        while !stack.isEmpty {
            if let tag = htmlTag(pop()), tags.contains(tag) { return }
        }
    }

    func popUntilNode(_ node: Int32) {
        while !stack.isEmpty {
            if pop() == node { return }
        }
    }

    // MARK: - Scopes

    enum Scope { case normal, listItem, button, table, select }

    func isScopeBoundary(_ node: Int32, _ scope: Scope) -> Bool {
        let tag = tag(node)
        switch namespace(node) {
        case .html:
            switch scope {
            case .normal, .listItem, .button:
                switch tag {
                case .applet, .caption, .html, .table, .td, .th, .marquee, .object, .template: return true
                case .ol, .ul: return scope == .listItem
                case .button: return scope == .button
                default: return false
                }
            case .table:
                return tag == .html || tag == .table || tag == .template
            case .select:
                return tag != .optgroup && tag != .option
            }
        case .mathml:
            if scope == .table { return false }
            if scope == .select { return true }
            switch tag {
            case .mi, .mo, .mn, .ms, .mtext, .annotationXml: return true
            default: return false
            }
        case .svg:
            if scope == .table { return false }
            if scope == .select { return true }
            return tag == .foreignObject || tag == .desc || tag == .title
        default:
            return false
        }
    }

    /// "Has an element in scope" for an HTML tag name.
    func hasInScope(_ tag: HTMLTag, _ scope: Scope = .normal) -> Bool {
        guard isOpen(tag) else { return false }
        var index = stack.count - 1
        while index >= 0 {
            let node = stack[index]
            if isHTML(node, tag) { return true }
            if isScopeBoundary(node, scope) { return false }
            index -= 1
        }
        return false
    }

    func hasAnyInScope(_ tags: [HTMLTag], _ scope: Scope = .normal) -> Bool {
        guard tags.contains(where: isOpen) else { return false }
        var index = stack.count - 1
        while index >= 0 {
            let node = stack[index]
            if let tag = htmlTag(node), tags.contains(tag) { return true }
            if isScopeBoundary(node, scope) { return false }
            index -= 1
        }
        return false
    }

    func hasNodeInScope(_ target: Int32) -> Bool {
        var index = stack.count - 1
        while index >= 0 {
            let node = stack[index]
            if node == target { return true }
            if isScopeBoundary(node, .normal) { return false }
            index -= 1
        }
        return false
    }

    // MARK: - Implied end tags

    func generateImpliedEndTags(except excluded: HTMLTag? = nil) {
        while let node = stack.last, let tag = htmlTag(node), tag != excluded {
            switch tag {
            case .dd, .dt, .li, .optgroup, .option, .p, .rb, .rp, .rt, .rtc: pop()
            default: return
            }
        }
    }

    func generateAllImpliedEndTagsThoroughly() {
        while let node = stack.last, let tag = htmlTag(node) {
            switch tag {
            case .caption, .colgroup, .dd, .dt, .li, .optgroup, .option, .p, .rb, .rp, .rt, .rtc, .tbody, .td,
                .tfoot, .th, .thead, .tr:
                pop()
            default: return
            }
        }
    }

    func closePElement() {
        generateImpliedEndTags(except: .p)
        if !isHTML(currentNode, .p) { parseError("unexpected-end-tag") }
        popUntil(.p)
    }

    func closePIfInButtonScope() {
        if hasInScope(.p, .button) { closePElement() }
    }

    // MARK: - Element categories

    func isSpecial(_ node: Int32) -> Bool {
        let tag = tag(node)
        switch namespace(node) {
        case .html:
            switch tag {
            case .address, .applet, .area, .article, .aside, .base, .basefont, .bgsound, .blockquote, .body, .br,
                .button, .caption, .center, .col, .colgroup, .dd, .details, .dir, .div, .dl, .dt, .embed, .fieldset,
                .figcaption, .figure, .footer, .form, .frame, .frameset, .h1, .h2, .h3, .h4, .h5, .h6, .head,
                .header, .hgroup, .hr, .html, .iframe, .img, .input, .keygen, .li, .link, .listing, .main,
                .marquee, .menu, .meta, .nav, .noembed, .noframes, .noscript, .object, .ol, .p, .param,
                .plaintext, .pre, .script, .search, .section, .source, .style, .summary, .table,
                .tbody, .td, .template, .textarea, .tfoot, .th, .thead, .title, .tr, .track, .ul, .wbr, .xmp:
                return true
            default:
                return false
            }
        case .mathml:
            switch tag {
            case .mi, .mo, .mn, .ms, .mtext, .annotationXml: return true
            default: return false
            }
        case .svg:
            return tag == .foreignObject || tag == .desc || tag == .title
        default:
            return false
        }
    }

    func isMathMLTextIntegrationPoint(_ node: Int32) -> Bool {
        guard namespace(node) == .mathml else { return false }
        switch tag(node) {
        case .mi, .mo, .mn, .ms, .mtext: return true
        default: return false
        }
    }

    func isHTMLIntegrationPoint(_ node: Int32) -> Bool {
        let record = document.records[Int(node)]
        switch record.namespace {
        case .mathml:
            guard record.tag == .annotationXml else { return false }
            for attribute in record.attributes where attribute.name == "encoding" {
                let value = attribute.value.lowercased()
                return value == "text/html" || value == "application/xhtml+xml"
            }
            return false
        case .svg:
            return record.tag == .foreignObject || record.tag == .desc || record.tag == .title
        default:
            return false
        }
    }

    // MARK: - Resetting the insertion mode

    func resetInsertionModeAppropriately() {
        var index = stack.count - 1
        while index >= 0 {
            var node = stack[index]
            let last = index == 0
            if last && isFragment { node = contextElement }
            if let tag = htmlTag(node) {
                switch tag {
                case .td where !last, .th where !last:
                    mode = .inCell
                    return
                case .tr:
                    mode = .inRow
                    return
                case .tbody, .thead, .tfoot:
                    mode = .inTableBody
                    return
                case .caption:
                    mode = .inCaption
                    return
                case .colgroup:
                    mode = .inColumnGroup
                    return
                case .table:
                    mode = .inTable
                    return
                case .template:
                    mode = templateModes.last ?? .inBody
                    return
                case .head where !last:
                    mode = .inHead
                    return
                case .body:
                    mode = .inBody
                    return
                case .frameset:
                    mode = .inFrameset
                    return
                case .html:
                    mode = headElement < 0 ? .beforeHead : .afterHead
                    return
                default:
                    break
                }
            }
            if last {
                mode = .inBody
                return
            }
            index -= 1
        }
        mode = .inBody
    }
}
