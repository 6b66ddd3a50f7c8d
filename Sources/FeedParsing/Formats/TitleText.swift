import HTML5Parser

/// A title as plain text, by its format's rules, decoded exactly once (the XML reader has already
/// decoded the document's own escaping).
///
/// - Atom says what a title is: `text` is the title literally, `html` is markup whose text is the
///   title, `xhtml` is a `<div>` whose text is the title.
/// - RSS does not say. Like feedparser, a title is read as HTML only when it looks like HTML: it
///   holds a closing tag or a character reference, every tag is a common HTML element and every
///   named reference is one HTML defines. So `Why <script> tags matter` stays as written, and
///   `<b>Bold</b> news` or `A &amp; B` give their text.
enum TitleText {
    static func rss(_ decoded: String) -> String {
        looksLikeHTML(decoded) ? text(ofHTML: decoded) : decoded
    }

    static func atom(_ element: XMLElement) -> String {
        switch (element.attribute("type") ?? "text").lowercased() {
        case "html", "text/html":
            return text(ofHTML: element.text)
        case "xhtml", "application/xhtml+xml":
            return (element.elements.first { $0.localName == "div" } ?? element).text
        default:
            return element.text
        }
    }

    /// The text of HTML markup; scripts and styles hold none.
    static func text(ofHTML markup: String) -> String {
        guard markup.contains("<") || markup.contains("&") else { return markup }
        let root = HTMLParser.parseFragment(markup, context: "div")
        for node in root.descendants where node.isElement && ["script", "style", "template"].contains(node.name) { node.remove() }
        return root.textContent
    }

    /// feedparser's test, on the characters: a closing tag or a reference, and nothing unusual.
    static func looksLikeHTML(_ text: String) -> Bool {
        let characters = Array(text)
        var hasClosingTag = false
        var hasReference = false
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "<" {
                let closing = index + 1 < characters.count && characters[index + 1] == "/"
                let (name, end) = word(in: characters, from: index + (closing ? 2 : 1))
                if !name.isEmpty {
                    guard commonElements.contains(name.lowercased()) else { return false }
                    if closing && end < characters.count && characters[end] == ">" { hasClosingTag = true }
                }
            } else if character == "&" {
                let numeric = index + 1 < characters.count && characters[index + 1] == "#"
                let (name, end) = word(in: characters, from: index + (numeric ? 2 : 1))
                if !name.isEmpty && end < characters.count && characters[end] == ";" {
                    guard numeric || HTMLCharacterReference.lookup(name) != nil else { return false }
                    hasReference = true
                }
            }
            index += 1
        }
        return hasClosingTag || hasReference
    }

    /// The run of letters, digits and underscores from `start`, and where it ends.
    private static func word(in characters: [Character], from start: Int) -> (String, Int) {
        var end = start
        while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" { end += 1 }
        return (start < end ? String(characters[start..<end]) : "", end)
    }

    /// The elements feedparser's sanitizer accepts: a title with any other tag is not taken for HTML.
    static let commonElements: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote", "br", "button",
        "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command", "datagrid", "datalist", "dd", "del",
        "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "fieldset", "figcaption", "figure", "font",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd", "keygen",
        "label", "legend", "li", "m", "map", "menu", "meter", "multicol", "nav", "nextid", "noscript", "ol", "optgroup",
        "option", "output", "p", "pre", "progress", "q", "s", "samp", "section", "select", "small", "sound", "source",
        "spacer", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "textarea", "tfoot", "th", "thead",
        "time", "tr", "tt", "u", "ul", "var", "video",
    ]
}
