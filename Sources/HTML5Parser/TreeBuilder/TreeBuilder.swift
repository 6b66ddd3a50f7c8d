/// The WHATWG tree construction stage: consumes tokens and builds an ``HTMLDocument``.
///
/// Insertion modes live in `TreeBuilder+<Mode>.swift`; this file holds the shared state and the
/// dispatcher.
final class TreeBuilder {
    enum Mode {
        case initial, beforeHTML, beforeHead, inHead, inHeadNoscript, afterHead, inBody, text
        case inTable, inTableText, inCaption, inColumnGroup, inTableBody, inRow, inCell, inTemplate
        case afterBody, inFrameset, afterFrameset, afterAfterBody, afterAfterFrameset
    }

    let document: HTMLDocument
    let tokenizer: HTMLTokenizer
    let scripting: Bool
    var mode: Mode = .initial
    var originalMode: Mode = .initial
    var templateModes: [Mode] = []
    /// The stack of open elements (node indices).
    var stack: [Int32] = []
    /// How many HTML elements of each ``HTMLTag`` are on the stack: lets scope checks answer
    /// "not there" in O(1), which keeps deeply nested input linear.
    var openCounts = [Int32](repeating: 0, count: 256)
    /// The list of active formatting elements; -1 is a marker.
    var formatting: [Int32] = []
    var headElement: Int32 = -1
    var formElement: Int32 = -1
    var framesetOK = true
    var fosterParenting = false
    var pendingTableText: [String] = []
    var ignoreNextLineFeed = false
    /// The context element when parsing a fragment.
    var contextElement: Int32 = -1
    var isFragment: Bool { contextElement >= 0 }
    var stopped = false

    init(document: HTMLDocument, tokenizer: HTMLTokenizer, scripting: Bool) {
        self.document = document
        self.tokenizer = tokenizer
        self.scripting = scripting
    }

    /// Runs the tokenizer to the end, building the tree.
    func run() {
        while !stopped {
            let adjusted = adjustedCurrentNode
            tokenizer.allowsCDATA = adjusted >= 0 && document.records[Int(adjusted)].namespace != .html
            var token = TreeToken(tokenizer.nextToken())
            if ignoreNextLineFeed {
                ignoreNextLineFeed = false
                if case .characters(let text) = token, text.utf8.first == 0x0A {
                    if text.utf8.count == 1 { continue }
                    token = .characters(String(text.dropFirst()))
                }
            }
            dispatch(token)
            if case .endOfFile = token { break }
        }
        // "Stop parsing" pops every open element (which matters for <selectedcontent>).
        while !stack.isEmpty { pop() }
    }

    // MARK: - Dispatch

    func dispatch(_ token: TreeToken) {
        if stack.isEmpty {
            process(token, in: mode)
            return
        }
        let node = adjustedCurrentNode
        let nodeNamespace = document.records[Int(node)].namespace
        if nodeNamespace == .html {
            process(token, in: mode)
            return
        }
        switch token {
        case .endOfFile:
            process(token, in: mode)
            return
        case .characters:
            if isMathMLTextIntegrationPoint(node) || isHTMLIntegrationPoint(node) {
                process(token, in: mode)
                return
            }
        case .start(let tag, let name):
            if isMathMLTextIntegrationPoint(node) && name != .mglyph && name != .malignmark {
                process(token, in: mode)
                return
            }
            if nodeNamespace == .mathml && document.records[Int(node)].tag == .annotationXml && name == .svg {
                process(token, in: mode)
                return
            }
            if isHTMLIntegrationPoint(node) {
                process(token, in: mode)
                return
            }
        default:
            break
        }
        processForeignContent(token)
    }

    func process(_ token: TreeToken, in mode: Mode) {
        switch mode {
        case .initial: initialMode(token)
        case .beforeHTML: beforeHTMLMode(token)
        case .beforeHead: beforeHeadMode(token)
        case .inHead: inHeadMode(token)
        case .inHeadNoscript: inHeadNoscriptMode(token)
        case .afterHead: afterHeadMode(token)
        case .inBody: inBodyMode(token)
        case .text: textMode(token)
        case .inTable: inTableMode(token)
        case .inTableText: inTableTextMode(token)
        case .inCaption: inCaptionMode(token)
        case .inColumnGroup: inColumnGroupMode(token)
        case .inTableBody: inTableBodyMode(token)
        case .inRow: inRowMode(token)
        case .inCell: inCellMode(token)
        case .inTemplate: inTemplateMode(token)
        case .afterBody: afterBodyMode(token)
        case .inFrameset: inFramesetMode(token)
        case .afterFrameset: afterFramesetMode(token)
        case .afterAfterBody: afterAfterBodyMode(token)
        case .afterAfterFrameset: afterAfterFramesetMode(token)
        }
    }

    /// Re-processes `token` after changing mode.
    func reprocess(_ token: TreeToken, in newMode: Mode) {
        mode = newMode
        process(token, in: newMode)
    }

    func parseError(_ code: String) {
        guard tokenizer.recordsErrors else { return }
        document.errors.append(HTMLParseError(code: code, offset: max(0, tokenizer.pos - 1)))
    }
}
