/// Collapses whitespace runs to a single space, except inside elements where whitespace is content.
enum WhitespaceCollapsing {
    typealias Token = HTMLStreamSerializer.Token

    static let preservingElements: Set<String> = HTMLStreamSerializer.rawTextElements.union(["pre", "textarea"])

    static func apply(to tokens: [Token]) -> [Token] {
        var preserveDepth = 0
        return tokens.map { token in
            switch token {
            case .startTag(let name, _, _):
                if preserveDepth > 0 || preservingElements.contains(name) { preserveDepth += 1 }
            case .endTag:
                if preserveDepth > 0 { preserveDepth -= 1 }
            case .spaceCharacters(let text) where preserveDepth == 0:
                return .spaceCharacters(text.isEmpty ? "" : " ")
            case .characters(let text) where preserveDepth == 0:
                return .characters(collapse(text))
            default:
                break
            }
            return token
        }
    }

    static func collapse(_ text: String) -> String {
        var output = ""
        var inSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}" {
                if !inSpace { output += " " }
                inSpace = true
            } else {
                output.unicodeScalars.append(scalar)
                inSpace = false
            }
        }
        return output
    }
}
