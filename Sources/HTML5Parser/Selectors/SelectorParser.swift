/// A recursive-descent parser for selector lists.
struct SelectorParser {
    let source: String
    let chars: [Character]
    var index = 0

    init(_ text: String) {
        source = text
        chars = Array(text)
    }

    func fail(_ message: String) -> CSSSelectorError {
        CSSSelectorError(message: message, position: index, selector: source)
    }

    var current: Character? { index < chars.count ? chars[index] : nil }

    mutating func skipWhitespace() -> Bool {
        let start = index
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" { index += 1 }
        return index > start
    }

    mutating func expectEnd() throws(CSSSelectorError) {
        _ = skipWhitespace()
        if index < chars.count { throw fail("unexpected '\(chars[index])'") }
    }

    mutating func parseSelectorList(relative: Bool = false) throws(CSSSelectorError) -> [ComplexSelector] {
        var list: [ComplexSelector] = []
        repeat {
            _ = skipWhitespace()
            list.append(try parseComplex(relative: relative))
            _ = skipWhitespace()
        } while consume(",")
        return list
    }

    mutating func consume(_ c: Character) -> Bool {
        if current == c {
            index += 1
            return true
        }
        return false
    }

    mutating func parseCombinator() -> Combinator? {
        switch current {
        case ">": index += 1; return .child
        case "+": index += 1; return .nextSibling
        case "~": index += 1; return .subsequentSibling
        default: return nil
        }
    }

    mutating func parseComplex(relative: Bool) throws(CSSSelectorError) -> ComplexSelector {
        var complex = ComplexSelector(compounds: [], combinators: [], leading: nil)
        if relative {
            complex.leading = parseCombinator() ?? .descendant
            _ = skipWhitespace()
        }
        complex.compounds.append(try parseCompound())
        while true {
            let sawSpace = skipWhitespace()
            guard let c = current, c != ",", c != ")" else { break }
            if let combinator = parseCombinator() {
                _ = skipWhitespace()
                complex.combinators.append(combinator)
            } else if sawSpace {
                complex.combinators.append(.descendant)
            } else {
                throw fail("unexpected '\(c)'")
            }
            complex.compounds.append(try parseCompound())
        }
        return complex
    }

    static func isNameCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "-" || c == "_" || !c.isASCII
    }

    mutating func parseIdentifier() throws(CSSSelectorError) -> String {
        var name = ""
        while let c = current {
            if c == "\\" {
                index += 1
                guard let escaped = current else { throw fail("dangling escape") }
                name.append(escaped)
                index += 1
            } else if Self.isNameCharacter(c) {
                name.append(c)
                index += 1
            } else {
                break
            }
        }
        if name.isEmpty { throw fail(current.map { "expected a name, found '\($0)'" } ?? "expected a name") }
        return name
    }

    mutating func parseCompound() throws(CSSSelectorError) -> CompoundSelector {
        var compound = CompoundSelector()
        if current == "*" {
            index += 1
            compound.simple.append(.universal)
        } else if let c = current, Self.isNameCharacter(c) || c == "\\" {
            compound.simple.append(.type(try parseIdentifier().lowercased()))
        }
        while let c = current {
            switch c {
            case "#":
                index += 1
                compound.simple.append(.id(try parseIdentifier()))
            case ".":
                index += 1
                compound.simple.append(.className(try parseIdentifier()))
            case "[":
                index += 1
                compound.simple.append(try parseAttribute())
            case ":":
                index += 1
                compound.simple.append(try parsePseudoClass())
            default:
                if compound.simple.isEmpty { throw fail("expected a selector, found '\(c)'") }
                return compound
            }
        }
        if compound.simple.isEmpty { throw fail("expected a selector") }
        return compound
    }

    mutating func parseAttribute() throws(CSSSelectorError) -> SimpleSelector {
        _ = skipWhitespace()
        let name = try parseIdentifier().lowercased()
        _ = skipWhitespace()
        if consume("]") { return .attribute(name: name, op: .exists, value: "", caseInsensitive: false) }
        let op: AttributeOperator
        switch current {
        case "=": op = .equals
        case "~": op = .includes
        case "|": op = .dashMatch
        case "^": op = .prefix
        case "$": op = .suffix
        case "*": op = .substring
        default: throw fail("expected an attribute operator or ']'")
        }
        index += 1
        if op != .equals && !consume("=") { throw fail("expected '='") }
        _ = skipWhitespace()
        let value: String
        if let quote = current, quote == "\"" || quote == "'" {
            index += 1
            var text = ""
            while let c = current, c != quote {
                if c == "\\" { index += 1 }
                if let escaped = current { text.append(escaped) }
                index += 1
            }
            guard consume(quote) else { throw fail("unterminated string") }
            value = text
        } else {
            value = try parseIdentifier()
        }
        _ = skipWhitespace()
        var caseInsensitive = false
        if current == "i" || current == "I" {
            index += 1
            caseInsensitive = true
        } else if current == "s" || current == "S" {
            index += 1
        }
        _ = skipWhitespace()
        guard consume("]") else { throw fail("expected ']'") }
        return .attribute(name: name, op: op, value: value, caseInsensitive: caseInsensitive)
    }

    mutating func parsePseudoClass() throws(CSSSelectorError) -> SimpleSelector {
        let start = index
        let name = try parseIdentifier().lowercased()
        if consume("(") {
            _ = skipWhitespace()
            let result: SimpleSelector
            switch name {
            case "not": result = .not(try parseSelectorList())
            case "is", "where", "matches": result = .isAny(try parseSelectorList())
            case "has": result = .has(try parseSelectorList(relative: true))
            case "nth-child", "nth-last-child":
                let (a, b) = try parseNth()
                _ = skipWhitespace()
                var of: [ComplexSelector]?
                if current == "o", index + 1 < chars.count, chars[index + 1] == "f" {
                    index += 2
                    _ = skipWhitespace()
                    of = try parseSelectorList()
                }
                result = .nthChild(a: a, b: b, of: of, fromEnd: name == "nth-last-child")
            case "nth-of-type", "nth-last-of-type":
                let (a, b) = try parseNth()
                result = .nthOfType(a: a, b: b, fromEnd: name == "nth-last-of-type")
            default:
                index = start
                throw fail("unsupported pseudo-class ':\(name)()'")
            }
            _ = skipWhitespace()
            guard consume(")") else { throw fail("expected ')'") }
            return result
        }
        switch name {
        case "first-child": return .nthChild(a: 0, b: 1, of: nil, fromEnd: false)
        case "last-child": return .nthChild(a: 0, b: 1, of: nil, fromEnd: true)
        case "only-child":
            return .isAny([ComplexSelector(compounds: [CompoundSelector(simple: [
                .nthChild(a: 0, b: 1, of: nil, fromEnd: false), .nthChild(a: 0, b: 1, of: nil, fromEnd: true),
            ])], combinators: [])])
        case "first-of-type": return .nthOfType(a: 0, b: 1, fromEnd: false)
        case "last-of-type": return .nthOfType(a: 0, b: 1, fromEnd: true)
        case "only-of-type":
            return .isAny([ComplexSelector(compounds: [CompoundSelector(simple: [
                .nthOfType(a: 0, b: 1, fromEnd: false), .nthOfType(a: 0, b: 1, fromEnd: true),
            ])], combinators: [])])
        case "empty": return .empty
        case "root": return .root
        default:
            index = start
            throw fail("unsupported pseudo-class ':\(name)'")
        }
    }

    /// Parses `An+B`, `odd`, `even`, or an integer.
    mutating func parseNth() throws(CSSSelectorError) -> (Int, Int) {
        var text = ""
        while let c = current, c.isLetter || c.isNumber || c == "+" || c == "-" || c == " " {
            if c == " " {
                // Whitespace is allowed around the sign only; stop before "of".
                var look = index
                while look < chars.count && chars[look] == " " { look += 1 }
                if look < chars.count && (chars[look] == "o" || chars[look] == ")") { break }
            }
            if c != " " { text.append(c) }
            index += 1
        }
        let lowered = text.lowercased()
        if lowered == "odd" { return (2, 1) }
        if lowered == "even" { return (2, 0) }
        if let nIndex = lowered.firstIndex(of: "n") {
            let aText = String(lowered[..<nIndex])
            let bText = String(lowered[lowered.index(after: nIndex)...])
            let a: Int
            switch aText {
            case "", "+": a = 1
            case "-": a = -1
            default:
                guard let value = Int(aText) else { throw fail("invalid An+B '\(text)'") }
                a = value
            }
            if bText.isEmpty { return (a, 0) }
            guard let b = Int(bText.hasPrefix("+") ? String(bText.dropFirst()) : bText) else {
                throw fail("invalid An+B '\(text)'")
            }
            return (a, b)
        }
        guard let b = Int(lowered.hasPrefix("+") ? String(lowered.dropFirst()) : lowered) else {
            throw fail("invalid An+B '\(text)'")
        }
        return (0, b)
    }
}
