/// Entry points of the WHATWG HTML parser.
///
/// The parser never fails: any input yields a tree, and problems are recorded in
/// ``HTMLDocument/errors``.
///
/// ```swift
/// let document = HTMLParser.parse("<title>Hi</title><p>One<p>Two")
/// let fragment = HTMLParser.parseFragment("<td>cell", context: "tr")
/// ```
public enum HTMLParser {
    /// Parses a whole document from UTF-8 bytes (invalid sequences become U+FFFD).
    /// - Parameters:
    ///   - bytes: the document, already decoded to UTF-8 (see ``HTMLEncoding`` for other encodings).
    ///   - scripting: the scripting flag; on, `<noscript>` content is raw text.
    ///   - collectErrors: record parse errors (off by default: it costs time).
    /// - Complexity: O(n) in the input length for all but adversarial formatting-element nesting.
    ///   Hand over the only reference (`parse(consume bytes)`) and the input is not copied.
    public static func parse(_ bytes: consuming [UInt8], scripting: Bool = false, collectErrors: Bool = false) -> HTMLDocument {
        let document = HTMLDocument(expectedInputLength: bytes.count)
        let tokenizer = HTMLTokenizer(consume bytes)
        tokenizer.recordsErrors = collectErrors
        let builder = TreeBuilder(document: document, tokenizer: tokenizer, scripting: scripting)
        builder.run()
        finish(document, tokenizer)
        return document
    }

    /// Parses a whole document from a string.
    public static func parse(_ html: String, scripting: Bool = false, collectErrors: Bool = false) -> HTMLDocument {
        parse(Array(html.utf8), scripting: scripting, collectErrors: collectErrors)
    }

    /// Parses `html` as the contents of a `context` element (the HTML fragment parsing algorithm).
    /// - Returns: the fragment's root: an `html` element whose children are the parsed nodes.
    public static func parseFragment(
        _ html: String,
        context: String,
        contextNamespace: HTMLNamespace = .html,
        scripting: Bool = false,
        collectErrors: Bool = false
    ) -> HTMLNode {
        let document = HTMLDocument()
        let lowered = context.lowercased()
        let tag = HTMLTag.lookup(lowered)
        let contextName = contextNamespace == .svg ? (ForeignAdjustments.svgTagNames[lowered] ?? context) : lowered
        let contextElement = document.makeElement(
            name: contextName, namespace: contextNamespace, tag: tag, attributes: [])
        var state = HTMLTokenizer.State.data
        if contextNamespace == .html {
            switch tag {
            case .title, .textarea: state = .rcdata
            case .style, .xmp, .iframe, .noembed, .noframes: state = .rawtext
            case .script: state = .scriptData
            case .noscript where scripting: state = .rawtext
            case .plaintext: state = .plaintext
            default: break
            }
        }
        let tokenizer = HTMLTokenizer(Array(html.utf8), state: state)
        tokenizer.recordsErrors = collectErrors
        let builder = TreeBuilder(document: document, tokenizer: tokenizer, scripting: scripting)
        builder.contextElement = contextElement
        let root = document.makeElement(name: "html", namespace: .html, tag: .html, attributes: [])
        document.appendChild(root, to: 0)
        builder.push(root)
        if tag == .template && contextNamespace == .html { builder.templateModes.append(.inTemplate) }
        builder.resetInsertionModeAppropriately()
        builder.run()
        finish(document, tokenizer)
        return HTMLNode(document: document, id: root)
    }

    private static func finish(_ document: HTMLDocument, _ tokenizer: HTMLTokenizer) {
        guard tokenizer.recordsErrors else { return }
        document.errors = (tokenizer.errors + document.errors).sorted { $0.offset < $1.offset }
    }
}
