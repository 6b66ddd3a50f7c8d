/// The inline styles an article body may keep: an allowlist of properties, each with the values it
/// may take, checked on the style as a browser reads it.
///
/// A substring test on the raw attribute misses what CSS syntax hides: escapes (`\75rl(` is
/// `url(`), comments (`u/**/rl(`), case. So the style is parsed first: comments removed, escapes
/// decoded, split into declarations. Only text formatting survives (alignment, colours, weight,
/// style, decoration, font and box sizes in safe units and bounds); anything that could load a URL or lay the element over
/// the page (`position`, `z-index`, `transform`, margins, `background`) goes.
///
/// ```swift
/// InlineStylePolicy.sanitized("COLOR:red; position:fixed")  // "color: red"
/// InlineStylePolicy.sanitized("background:\\75rl(x.gif)")     // nil
/// ```
enum InlineStylePolicy {
    struct Declaration: Equatable {
        var property: String
        var value: String
    }

    /// The allowed declarations of `style`, written back as `property: value; …`, or nil when none is.
    /// - Complexity: O(n) in the style's length.
    static func sanitized(_ style: String) -> String? {
        let kept = declarations(style).compactMap { declaration -> String? in
            guard let check = allowed[declaration.property], check(declaration.value) else { return nil }
            return declaration.property + ": " + declaration.value
        }
        return kept.isEmpty ? nil : kept.joined(separator: "; ")
    }

    // MARK: - Parsing

    /// The declarations as CSS reads them: comments removed, escapes decoded (an escaped character
    /// is never a delimiter), split on `;` outside strings and parentheses, the property and the
    /// value lowercased with their whitespace collapsed, a trailing `!important` dropped. A
    /// declaration without a `:` or with an empty side is left out.
    static func declarations(_ style: String) -> [Declaration] {
        var result: [Declaration] = []
        var property: [Unicode.Scalar] = []
        var value: [Unicode.Scalar] = []
        var inValue = false
        var quote: Unicode.Scalar?
        var depth = 0
        func finish() {
            if inValue, let declaration = Self.declaration(property, value) { result.append(declaration) }
            property.removeAll()
            value.removeAll()
            inValue = false
            quote = nil
            depth = 0
        }
        func append(_ scalar: Unicode.Scalar) {
            if inValue { value.append(scalar) } else { property.append(scalar) }
        }
        let scalars = Array(style.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "/" where quote == nil && index < scalars.count && scalars[index] == "*":
                // A comment: to its end, or to the end of the style. It separates what it splits.
                index += 1
                while index < scalars.count && !(scalars[index] == "*" && index + 1 < scalars.count && scalars[index + 1] == "/") {
                    index += 1
                }
                index = min(scalars.count, index + 2)
                append(" ")
            case "\\":
                append(decodeEscape(scalars, &index) ?? " ")
            case "\"", "'":
                if quote == nil { quote = scalar } else if quote == scalar { quote = nil }
                append(scalar)
            case "(" where quote == nil:
                depth += 1
                append(scalar)
            case ")" where quote == nil:
                depth = max(0, depth - 1)
                append(scalar)
            case ":" where quote == nil && depth == 0 && !inValue:
                inValue = true
            case ";" where quote == nil && depth == 0:
                finish()
            default:
                append(scalar)
            }
        }
        finish()
        return result
    }

    /// At the character after a backslash: the escaped character (a hex escape takes up to six
    /// digits and one whitespace after them), or nil for an escaped line break (which CSS drops).
    private static func decodeEscape(_ scalars: [Unicode.Scalar], _ index: inout Int) -> Unicode.Scalar? {
        guard index < scalars.count else { return "\u{FFFD}" }
        let first = scalars[index]
        if first == "\n" || first == "\r" || first == "\u{0C}" {
            index += 1
            return nil
        }
        guard first.properties.isASCIIHexDigit else {
            index += 1
            return first
        }
        var code: UInt32 = 0
        var digits = 0
        while index < scalars.count, digits < 6, scalars[index].properties.isASCIIHexDigit {
            code = code * 16 + UInt32(Int(String(scalars[index]), radix: 16)!)
            digits += 1
            index += 1
        }
        if index < scalars.count, [" ", "\t", "\n", "\r", "\u{0C}"].contains(scalars[index]) { index += 1 }
        guard code != 0, let decoded = Unicode.Scalar(code) else { return "\u{FFFD}" }
        return decoded
    }

    private static func declaration(_ property: [Unicode.Scalar], _ value: [Unicode.Scalar]) -> Declaration? {
        let name = collapsed(property)
        var text = collapsed(value)
        if let bang = text.lastIndex(of: "!"), String(text[text.index(after: bang)...]).trimmingSpaces() == "important" {
            text = String(text[..<bang]).trimmingSpaces()
        }
        guard !name.isEmpty, !text.isEmpty else { return nil }
        return Declaration(property: name, value: text)
    }

    /// Lowercased, whitespace runs made one space, trimmed.
    private static func collapsed(_ scalars: [Unicode.Scalar]) -> String {
        var result = ""
        var space = false
        for scalar in scalars {
            if scalar.properties.isWhitespace {
                space = !result.isEmpty
                continue
            }
            if space { result += " " }
            space = false
            result.unicodeScalars.append(scalar)
        }
        return result.lowercased()
    }

    // MARK: - The allowlist

    static let allowed: [String: @Sendable (String) -> Bool] = [
        "text-align": { ["left", "right", "center", "justify", "start", "end"].contains($0) },
        "color": isColor,
        "background-color": isColor,
        "font-weight": { ["normal", "bold", "bolder", "lighter", "100", "200", "300", "400", "500", "600", "700", "800", "900"].contains($0) },
        "font-style": { ["normal", "italic", "oblique"].contains($0) },
        "text-decoration": isDecoration,
        "text-decoration-line": isDecoration,
        "vertical-align": { ["baseline", "sub", "super", "top", "middle", "bottom", "text-top", "text-bottom"].contains($0) },
        "width": { $0 == "auto" || isLength($0) },
        "height": { $0 == "auto" || isLength($0) },
        "max-width": { $0 == "none" || isLength($0) },
        "text-indent": { isLength($0) },
        "line-height": { $0 == "normal" || isLength($0) || isNumber($0, upTo: 10) },
        "font-size": isFontSize,
    ]

    /// A keyword, or a length no larger than a headline's (72px, 4em): no page-filling letters.
    private static func isFontSize(_ value: String) -> Bool {
        if ["xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large", "smaller", "larger"].contains(value) { return true }
        for (unit, limit) in [("px", 72.0), ("pt", 54.0), ("rem", 4.0), ("em", 4.0), ("%", 400.0)] where value.hasSuffix(unit) {
            return isNumber(String(value.dropLast(unit.count)), upTo: limit)
        }
        return false
    }

    private static func isDecoration(_ value: String) -> Bool {
        value.split(separator: " ").allSatisfy { ["none", "underline", "overline", "line-through"].contains($0) }
    }

    /// A named colour (letters only), `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, or `rgb()`/`rgba()`/
    /// `hsl()`/`hsla()` of numbers.
    static func isColor(_ value: String) -> Bool {
        if value.allSatisfy({ $0 >= "a" && $0 <= "z" }) { return value.count <= 30 }
        if value.hasPrefix("#") {
            let digits = value.dropFirst()
            return [3, 4, 6, 8].contains(digits.count) && digits.allSatisfy(\.isHexDigit)
        }
        for function in ["rgb(", "rgba(", "hsl(", "hsla("] where value.hasPrefix(function) && value.hasSuffix(")") {
            let arguments = value.dropFirst(function.count).dropLast()
            return !arguments.isEmpty && arguments.allSatisfy { $0.isASCII && ($0.isNumber || " ,./%-".contains($0)) }
        }
        return false
    }

    /// Zero, or a non-negative number of px, pt, em, rem or % (no viewport units), of a readable size.
    static func isLength(_ value: String) -> Bool {
        if value == "0" { return true }
        for (unit, limit) in [("px", 4000.0), ("pt", 3000.0), ("rem", 250.0), ("em", 250.0), ("%", 100.0)] where value.hasSuffix(unit) {
            return isNumber(String(value.dropLast(unit.count)), upTo: limit)
        }
        return false
    }

    private static func isNumber(_ text: String, upTo limit: Double) -> Bool {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let number = Double(text) else { return false }
        return number <= limit
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
