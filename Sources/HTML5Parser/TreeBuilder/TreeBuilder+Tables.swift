// Table insertion modes: in table, in table text, in caption, in column group, in table body,
// in row, in cell.
extension TreeBuilder {
    private func clearStack(backTo tags: Set<HTMLTag>) {
        while let node = stack.last, !(htmlTag(node).map(tags.contains) ?? false) { pop() }
    }

    private static let tableContext: Set<HTMLTag> = [.table, .template, .html]
    private static let tableBodyContext: Set<HTMLTag> = [.tbody, .tfoot, .thead, .template, .html]
    private static let rowContext: Set<HTMLTag> = [.tr, .template, .html]

    func inTableMode(_ token: TreeToken) {
        switch token {
        case .characters:
            if let tag = htmlTag(currentNode),
                tag == .table || tag == .tbody || tag == .template || tag == .tfoot || tag == .thead || tag == .tr
            {
                pendingTableText.removeAll()
                originalMode = mode
                reprocess(token, in: .inTableText)
            } else {
                inTableAnythingElse(token)
            }
        case .comment(let text):
            insertComment(text)
        case .doctype:
            parseError("unexpected-doctype")
        case .start(let tag, .caption):
            clearStack(backTo: Self.tableContext)
            formatting.append(Self.marker)
            insertHTMLElement(tag, .caption)
            mode = .inCaption
        case .start(let tag, .colgroup):
            clearStack(backTo: Self.tableContext)
            insertHTMLElement(tag, .colgroup)
            mode = .inColumnGroup
        case .start(_, .col):
            clearStack(backTo: Self.tableContext)
            insertHTMLElement(.colgroup)
            reprocess(token, in: .inColumnGroup)
        case .start(let tag, let name) where name == .tbody || name == .tfoot || name == .thead:
            clearStack(backTo: Self.tableContext)
            insertHTMLElement(tag, name)
            mode = .inTableBody
        case .start(_, let name) where name == .td || name == .th || name == .tr:
            clearStack(backTo: Self.tableContext)
            insertHTMLElement(.tbody)
            reprocess(token, in: .inTableBody)
        case .start(_, .table):
            parseError("unexpected-start-tag")
            guard hasInScope(.table, .table) else { return }
            popUntil(.table)
            resetInsertionModeAppropriately()
            process(token, in: mode)
        case .end(_, .table):
            guard hasInScope(.table, .table) else {
                parseError("unexpected-end-tag")
                return
            }
            popUntil(.table)
            resetInsertionModeAppropriately()
        case .end(_, let name) where [.body, .caption, .col, .colgroup, .html, .tbody, .td, .tfoot, .th, .thead,
            .tr].contains(name):
            parseError("unexpected-end-tag")
        case .start(_, let name) where name == .style || name == .script || name == .template:
            inHeadMode(token)
        case .end(_, .template):
            inHeadMode(token)
        case .start(let tag, .input) where tag.attribute("type")?.lowercased() == "hidden":
            parseError("unexpected-hidden-input-in-table")
            insertHTMLElement(tag, .input)
            pop()
        case .start(let tag, .form):
            parseError("unexpected-form-in-table")
            if isOpen(.template) || formElement >= 0 { return }
            formElement = insertHTMLElement(tag, .form)
            pop()
        case .endOfFile:
            inBodyMode(token)
        default:
            inTableAnythingElse(token)
        }
    }

    private func inTableAnythingElse(_ token: TreeToken) {
        parseError("unexpected-in-table")
        fosterParenting = true
        inBodyMode(token)
        fosterParenting = false
    }

    func inTableTextMode(_ token: TreeToken) {
        if case .characters(let text) = token {
            if text.utf8.first == 0 {
                parseError("unexpected-null-character")
            } else {
                pendingTableText.append(text)
            }
            return
        }
        if pendingTableText.contains(where: { !$0.isHTMLWhitespace }) {
            for text in pendingTableText { inTableAnythingElse(.characters(text)) }
        } else {
            for text in pendingTableText { insertCharacters(text) }
        }
        pendingTableText.removeAll()
        reprocess(token, in: originalMode)
    }

    func inCaptionMode(_ token: TreeToken) {
        switch token {
        case .end(_, .caption):
            closeCaption()
        case .start(_, let name) where [.caption, .col, .colgroup, .tbody, .td, .tfoot, .th, .thead, .tr]
            .contains(name):
            if closeCaption() { process(token, in: mode) }
        case .end(_, .table):
            if closeCaption() { process(token, in: mode) }
        case .end(_, let name) where [.body, .col, .colgroup, .html, .tbody, .td, .tfoot, .th, .thead, .tr]
            .contains(name):
            parseError("unexpected-end-tag")
        default:
            inBodyMode(token)
        }
    }

    @discardableResult
    private func closeCaption() -> Bool {
        guard hasInScope(.caption, .table) else {
            parseError("unexpected-end-tag")
            return false
        }
        generateImpliedEndTags()
        if !isHTML(currentNode, .caption) { parseError("unexpected-end-tag") }
        popUntil(.caption)
        clearFormattingToLastMarker()
        mode = .inTable
        return true
    }

    func inColumnGroupMode(_ token: TreeToken) {
        switch token {
        case .characters(let text):
            let (whitespace, rest) = text.splitLeadingWhitespace()
            if !whitespace.isEmpty { insertCharacters(String(whitespace)) }
            if !rest.isEmpty { columnGroupAnythingElse(.characters(String(rest))) }
        case .comment(let text):
            insertComment(text)
        case .doctype:
            parseError("unexpected-doctype")
        case .start(_, .html):
            inBodyMode(token)
        case .start(let tag, .col):
            insertHTMLElement(tag, .col)
            pop()
        case .end(_, .colgroup):
            guard isHTML(currentNode, .colgroup) else {
                parseError("unexpected-end-tag")
                return
            }
            pop()
            mode = .inTable
        case .end(_, .col):
            parseError("unexpected-end-tag")
        case .start(_, .template), .end(_, .template):
            inHeadMode(token)
        case .endOfFile:
            inBodyMode(token)
        default:
            columnGroupAnythingElse(token)
        }
    }

    private func columnGroupAnythingElse(_ token: TreeToken) {
        guard isHTML(currentNode, .colgroup) else {
            parseError("unexpected-in-colgroup")
            return
        }
        pop()
        reprocess(token, in: .inTable)
    }

    func inTableBodyMode(_ token: TreeToken) {
        switch token {
        case .start(let tag, .tr):
            clearStack(backTo: Self.tableBodyContext)
            insertHTMLElement(tag, .tr)
            mode = .inRow
        case .start(_, let name) where name == .th || name == .td:
            parseError("unexpected-cell-in-table-body")
            clearStack(backTo: Self.tableBodyContext)
            insertHTMLElement(.tr)
            reprocess(token, in: .inRow)
        case .end(_, let name) where name == .tbody || name == .tfoot || name == .thead:
            guard hasInScope(name, .table) else {
                parseError("unexpected-end-tag")
                return
            }
            clearStack(backTo: Self.tableBodyContext)
            pop()
            mode = .inTable
        case .start(_, let name) where [.caption, .col, .colgroup, .tbody, .tfoot, .thead].contains(name):
            leaveTableBody(token)
        case .end(_, .table):
            leaveTableBody(token)
        case .end(_, let name) where [.body, .caption, .col, .colgroup, .html, .td, .th, .tr].contains(name):
            parseError("unexpected-end-tag")
        default:
            inTableMode(token)
        }
    }

    private func leaveTableBody(_ token: TreeToken) {
        guard hasAnyInScope([.tbody, .thead, .tfoot], .table) else {
            parseError("unexpected-tag")
            return
        }
        clearStack(backTo: Self.tableBodyContext)
        pop()
        reprocess(token, in: .inTable)
    }

    func inRowMode(_ token: TreeToken) {
        switch token {
        case .start(let tag, let name) where name == .th || name == .td:
            clearStack(backTo: Self.rowContext)
            insertHTMLElement(tag, name)
            mode = .inCell
            formatting.append(Self.marker)
        case .end(_, .tr):
            closeRow()
        case .start(_, let name) where [.caption, .col, .colgroup, .tbody, .tfoot, .thead, .tr].contains(name):
            if closeRow() { process(token, in: mode) }
        case .end(_, .table):
            if closeRow() { process(token, in: mode) }
        case .end(_, let name) where name == .tbody || name == .tfoot || name == .thead:
            guard hasInScope(name, .table) else {
                parseError("unexpected-end-tag")
                return
            }
            if closeRow() { process(token, in: mode) }
        case .end(_, let name) where [.body, .caption, .col, .colgroup, .html, .td, .th].contains(name):
            parseError("unexpected-end-tag")
        default:
            inTableMode(token)
        }
    }

    @discardableResult
    private func closeRow() -> Bool {
        guard hasInScope(.tr, .table) else {
            parseError("unexpected-end-tag")
            return false
        }
        clearStack(backTo: Self.rowContext)
        pop()
        mode = .inTableBody
        return true
    }

    func inCellMode(_ token: TreeToken) {
        switch token {
        case .end(_, let name) where name == .td || name == .th:
            guard hasInScope(name, .table) else {
                parseError("unexpected-end-tag")
                return
            }
            generateImpliedEndTags()
            if !isHTML(currentNode, name) { parseError("unexpected-end-tag") }
            popUntil(name)
            clearFormattingToLastMarker()
            mode = .inRow
        case .start(_, let name) where [.caption, .col, .colgroup, .tbody, .td, .tfoot, .th, .thead, .tr]
            .contains(name):
            guard hasAnyInScope([.td, .th], .table) else {
                parseError("unexpected-start-tag")
                return
            }
            closeCell()
            process(token, in: mode)
        case .end(_, let name) where [.body, .caption, .col, .colgroup, .html].contains(name):
            parseError("unexpected-end-tag")
        case .end(_, let name) where [.table, .tbody, .tfoot, .thead, .tr].contains(name):
            guard hasInScope(name, .table) else {
                parseError("unexpected-end-tag")
                return
            }
            closeCell()
            process(token, in: mode)
        default:
            inBodyMode(token)
        }
    }

    private func closeCell() {
        generateImpliedEndTags()
        if !isHTML(currentNode, .td) && !isHTML(currentNode, .th) { parseError("unexpected-end-tag") }
        popUntil(anyOf: [.td, .th])
        clearFormattingToLastMarker()
        mode = .inRow
    }
}
