/// The WHATWG HTML fragment serialization algorithm.
enum HTMLSerializer {
    static func isVoid(_ record: HTMLDocument.Record) -> Bool {
        guard record.namespace == .html else { return false }
        switch record.tag {
        case .area, .base, .basefont, .bgsound, .br, .col, .embed, .frame, .hr, .img, .input, .keygen, .link,
            .meta, .param, .source, .track, .wbr:
            return true
        default:
            return false
        }
    }

    static func isRawTextParent(_ record: HTMLDocument.Record, scripting: Bool) -> Bool {
        guard record.kind == .element, record.namespace == .html else { return false }
        switch record.tag {
        case .style, .script, .xmp, .iframe, .noembed, .noframes, .plaintext: return true
        case .noscript: return scripting
        default: return false
        }
    }

    static func qualifiedName(_ attribute: HTMLAttribute) -> String {
        switch attribute.namespace {
        case nil: return attribute.name
        case .xml?: return "xml:" + attribute.name
        case .xmlns?: return attribute.name == "xmlns" ? "xmlns" : "xmlns:" + attribute.name
        case .xlink?: return "xlink:" + attribute.name
        default: return attribute.prefix.map { $0 + ":" + attribute.name } ?? attribute.name
        }
    }

    static func escapeText(_ text: String, lineBreaks: Bool = false, into output: inout String) {
        escape(text, quotes: false, lineBreaks: lineBreaks, into: &output)
    }

    static func escapeAttribute(_ text: String, lineBreaks: Bool = false, into output: inout String) {
        escape(text, quotes: true, lineBreaks: lineBreaks, into: &output)
    }

    /// What each byte may need escaping as (bits): `&`, `<`, `>` and the lead byte of a no-break space
    /// always; `"` in attribute values; line feed and carriage return where line breaks are kept as references.
    private static let escapeAlways: UInt8 = 1, escapeInAttributes: UInt8 = 2, escapeLineBreaks: UInt8 = 4
    private static let escapeClasses: [UInt8] = (0..<256).map { byte in
        switch byte {
        case 0x26, 0x3C, 0x3E, 0xC2: escapeAlways
        case 0x22: escapeInAttributes
        case 0x0A, 0x0D: escapeLineBreaks
        default: 0
        }
    }

    /// Appends `text` with `&`, `<`, `>`, no-break spaces (and `"` in attributes; line feeds and
    /// carriage returns when `lineBreaks`) escaped, copying the runs between them whole rather than a
    /// scalar at a time.
    private static func escape(_ text: String, quotes: Bool, lineBreaks: Bool, into output: inout String) {
        // Most text holds nothing to escape (Chinese text never does): appended whole after one scan
        // of its bytes, without stepping through its UTF-8 view.
        // (A table lookup a byte: six comparisons a byte were 1 % of a cold import's instructions.)
        let wanted = escapeAlways | (quotes ? escapeInAttributes : 0) | (lineBreaks ? escapeLineBreaks : 0)
        let needsEscaping = text.utf8.withContiguousStorageIfAvailable { bytes in
            escapeClasses.withUnsafeBufferPointer { classes in bytes.contains { classes[Int($0)] & wanted != 0 } }
        } ?? true
        guard needsEscaping else {
            output += text
            return
        }
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let replacement: String
            var next = utf8.index(after: index)
            switch utf8[index] {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22 where quotes: replacement = "&quot;"
            case 0x0A where lineBreaks: replacement = "&#10;"
            case 0x0D where lineBreaks: replacement = "&#13;"
            case 0xC2 where next != utf8.endIndex && utf8[next] == 0xA0:
                replacement = "&nbsp;"
                next = utf8.index(after: next)
            default:
                index = next
                continue
            }
            output += text[runStart..<index]
            output += replacement
            index = next
            runStart = next
        }
        output += text[runStart...]
    }

    /// Serializes the children of `node` (or `node` itself when `includeSelf`). With
    /// `preservedLineBreaksAsReferences`, the line breaks that matter (in attribute values, and in
    /// the text of `<pre>`, `<textarea>` and `<listing>`) are written as `&#10;` and `&#13;`.
    /// - Complexity: O(n), iterative.
    static func serialize(
        _ document: HTMLDocument, _ node: Int32, includeSelf: Bool, scripting: Bool = false, preservedLineBreaksAsReferences: Bool = false
    ) -> String {
        var output = ""
        let encodeLineBreaks = preservedLineBreaksAsReferences
        // How many `<pre>`, `<textarea>` or `<listing>` elements are open.
        var preformatted = 0
        func isPreformatted(_ record: HTMLDocument.Record) -> Bool {
            record.kind == .element && record.namespace == .html && (record.tag == .pre || record.tag == .textarea || record.tag == .listing)
        }
        enum Step { case open(Int32), close(Int32) }
        var work: [Step] = []
        func pushChildren(of parent: Int32) {
            let record = document.records[Int(parent)]
            let container = record.templateContents >= 0 ? record.templateContents : parent
            var child = document.records[Int(container)].lastChild
            while child >= 0 {
                work.append(.open(child))
                child = document.records[Int(child)].previousSibling
            }
        }
        if includeSelf { work.append(.open(node)) } else { pushChildren(of: node) }
        while let step = work.popLast() {
            switch step {
            case .close(let id):
                if isPreformatted(document.records[Int(id)]) { preformatted -= 1 }
                output += "</" + document.records[Int(id)].name + ">"
            case .open(let id):
                let record = document.records[Int(id)]
                switch record.kind {
                case .element:
                    output += "<" + record.name
                    for attribute in record.attributes {
                        output += " " + qualifiedName(attribute) + "=\""
                        escapeAttribute(attribute.value, lineBreaks: encodeLineBreaks, into: &output)
                        output += "\""
                    }
                    output += ">"
                    if isVoid(record) { continue }
                    if record.namespace == .html, record.tag == .pre || record.tag == .textarea || record.tag == .listing,
                        record.firstChild >= 0, document.records[Int(record.firstChild)].kind == .text,
                        document.records[Int(record.firstChild)].data.utf8.first == 0x0A
                    {
                        output += "\n"
                    }
                    if isPreformatted(record) { preformatted += 1 }
                    work.append(.close(id))
                    pushChildren(of: id)
                case .text:
                    let parent = record.parent
                    if parent >= 0 && isRawTextParent(document.records[Int(parent)], scripting: scripting) {
                        output += record.data
                    } else {
                        escapeText(record.data, lineBreaks: encodeLineBreaks && preformatted > 0, into: &output)
                    }
                case .comment:
                    output += "<!--" + record.data + "-->"
                case .doctype:
                    output += "<!DOCTYPE " + record.name + ">"
                case .document, .documentFragment:
                    pushChildren(of: id)
                }
            }
        }
        return output
    }
}

extension HTMLNode {
    /// This node serialized as HTML, itself included.
    public var outerHTML: String { HTMLSerializer.serialize(document, id, includeSelf: true) }

    /// The node's children serialized as HTML.
    public var innerHTML: String { HTMLSerializer.serialize(document, id, includeSelf: false) }

    /// The node's children serialized as HTML, with the line breaks that matter written as
    /// character references: those in attribute values and in the text of `<pre>`, `<textarea>`
    /// and `<listing>`. The markup then holds no line break that another reader (a Markdown engine
    /// that ends an HTML block at a blank line) could take for structure, and parses to the same tree.
    public var innerHTMLWithPreservedLineBreaksAsReferences: String {
        HTMLSerializer.serialize(document, id, includeSelf: false, preservedLineBreaksAsReferences: true)
    }
}
