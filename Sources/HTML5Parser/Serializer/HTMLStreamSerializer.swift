/// A configurable serializer over a stream of tokens, for compact output (omitted optional tags,
/// unquoted attribute values, minimized boolean attributes) where the spec's fragment serializer
/// (`HTMLNode.outerHTML`) always writes the full form.
///
/// Its options and results follow the html5lib serializer, whose test suite it passes; feed it
/// tokens directly, or walk a parsed tree with ``HTMLStreamSerializer/tokens(of:)``.
public struct HTMLStreamSerializer: Sendable {
    /// One event of the stream.
    public enum Token: Equatable, Sendable {
        case startTag(name: String, namespace: HTMLNamespace, attributes: [HTMLAttribute])
        /// A void element (`<br>`, `<meta>`…) written without an end tag.
        case emptyTag(name: String, attributes: [HTMLAttribute])
        case endTag(name: String, namespace: HTMLNamespace)
        case characters(String)
        /// Characters that are only whitespace; optional-tag omission treats them apart.
        case spaceCharacters(String)
        case comment(String)
        case doctype(name: String, publicIdentifier: String?, systemIdentifier: String?)
    }

    public enum AttributeQuoting: Sendable {
        /// Quote only values that would not survive unquoted: empty ones, and those with whitespace,
        /// quotes, `=`, `>` or a backtick.
        case whenNeeded
        /// Quote every value.
        case always
    }

    public struct Options: Sendable {
        public var quoteAttributeValues: AttributeQuoting = .whenNeeded
        /// The preferred quote; with `useBestQuoteCharacter` the other one is used when it avoids escaping.
        public var quoteCharacter: Character = "\""
        public var useBestQuoteCharacter = true
        public var minimizeBooleanAttributes = true
        public var useTrailingSolidus = false
        public var spaceBeforeTrailingSolidus = true
        /// Write attributes sorted by name, for output that does not depend on source order.
        public var alphabeticalAttributes = false
        /// Escape text inside `<script>`, `<style>` and the other raw-text elements.
        public var escapeRawText = false
        public var omitOptionalTags = true
        /// Collapse whitespace runs to one space outside `<pre>`, `<textarea>` and raw-text elements.
        public var stripWhitespace = false
        /// When set, the output declares this encoding in a `<meta charset>` in the head.
        public var injectMetaCharset: String? = nil

        public init() {}
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Serializes the stream.
    public func serialize(_ tokens: [Token]) -> String {
        var stream = tokens
        if let encoding = options.injectMetaCharset { stream = MetaCharsetInjection.apply(to: stream, encoding: encoding) }
        if options.stripWhitespace { stream = WhitespaceCollapsing.apply(to: stream) }
        if options.omitOptionalTags { stream = OptionalTagOmission.apply(to: stream) }
        var output = ""
        var inRawText = false
        for token in stream {
            switch token {
            case .doctype(let name, let publicIdentifier, let systemIdentifier):
                output += doctype(name: name, publicIdentifier: publicIdentifier, systemIdentifier: systemIdentifier)
            case .startTag(let name, _, let attributes):
                if Self.rawTextElements.contains(name) && !options.escapeRawText { inRawText = true }
                output += tag(name: name, attributes: attributes, isVoid: false)
            case .emptyTag(let name, let attributes):
                output += tag(name: name, attributes: attributes, isVoid: true)
            case .endTag(let name, _):
                inRawText = false
                output += "</\(name)>"
            case .characters(let text), .spaceCharacters(let text):
                output += inRawText ? text : Self.escapeText(text)
            case .comment(let data):
                output += "<!--\(data)-->"
            }
        }
        return output
    }

    private func doctype(name: String, publicIdentifier: String?, systemIdentifier: String?) -> String {
        var text = "<!DOCTYPE \(name)"
        if let publicIdentifier, !publicIdentifier.isEmpty {
            text += " PUBLIC \"\(publicIdentifier)\""
        } else if let systemIdentifier, !systemIdentifier.isEmpty {
            text += " SYSTEM"
        }
        if let systemIdentifier, !systemIdentifier.isEmpty {
            let quote = systemIdentifier.contains("\"") ? "'" : "\""
            text += " \(quote)\(systemIdentifier)\(quote)"
        }
        return text + ">"
    }

    private func tag(name: String, attributes: [HTMLAttribute], isVoid: Bool) -> String {
        var text = "<" + name
        let ordered = options.alphabeticalAttributes ? attributes.sorted { $0.name < $1.name } : attributes
        for attribute in ordered {
            text += " " + attribute.name
            let isBoolean = Self.booleanAttributes[name]?.contains(attribute.name) == true
                || Self.booleanAttributes[""]!.contains(attribute.name)
            if options.minimizeBooleanAttributes && isBoolean { continue }
            text += "=" + attributeValue(attribute.value)
        }
        if isVoid && options.useTrailingSolidus {
            text += options.spaceBeforeTrailingSolidus ? " /" : "/"
        }
        return text + ">"
    }

    private func attributeValue(_ raw: String) -> String {
        let needsQuotes = options.quoteAttributeValues == .always || raw.isEmpty
            || raw.unicodeScalars.contains(where: Self.quoteTriggers.contains)
        var value = raw.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
        guard needsQuotes else { return value }
        var quote = options.quoteCharacter
        if options.useBestQuoteCharacter {
            let hasSingle = value.contains("'")
            let hasDouble = value.contains("\"")
            if hasSingle && !hasDouble { quote = "\"" } else if hasDouble && !hasSingle { quote = "'" }
        }
        value = quote == "'" ? value.replacing("'", with: "&#39;") : value.replacing("\"", with: "&quot;")
        return "\(quote)\(value)\(quote)"
    }

    static func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E }) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }

    static let rawTextElements: Set<String> = ["style", "script", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"]

    /// Characters that end an unquoted attribute value or make it ambiguous (`<` is escaped instead).
    static let quoteTriggers: Set<Unicode.Scalar> = ["\t", "\n", "\u{0C}", "\r", " ", "\"", "'", "=", ">", "`"]

    /// Attributes written without a value when `minimizeBooleanAttributes` is on, by element ("" for any).
    static let booleanAttributes: [String: Set<String>] = [
        "": ["irrelevant", "itemscope"],
        "style": ["scoped"],
        "img": ["ismap"],
        "audio": ["autoplay", "controls"],
        "video": ["autoplay", "controls"],
        "script": ["defer", "async"],
        "details": ["open"],
        "datagrid": ["multiple", "disabled"],
        "command": ["hidden", "disabled", "checked", "default"],
        "hr": ["noshade"],
        "menu": ["autosubmit"],
        "fieldset": ["disabled", "readonly"],
        "option": ["disabled", "readonly", "selected"],
        "optgroup": ["disabled", "readonly"],
        "button": ["disabled", "autofocus"],
        "input": ["disabled", "readonly", "required", "autofocus", "checked", "ismap"],
        "select": ["disabled", "readonly", "autofocus", "multiple"],
        "output": ["disabled", "readonly"],
        "iframe": ["seamless"],
    ]
}
