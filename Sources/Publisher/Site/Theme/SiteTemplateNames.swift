import Foundation

/// What a template's tags read, from its text: the rule by which a theme folder's partial may be
/// rendered once and reused (``SiteTheme``). A tag whose reading cannot be told from its text (a
/// partial, a block, a change of delimiters, a pragma, an unterminated tag) makes the answer unknown.
enum SiteTemplateNames {
    /// The names the tags of `source` read (`title`, `labels.home`, `.`), sections and inverted
    /// sections included, comments left out; nil when some tag reads what its text does not say.
    static func read(by source: String) -> Set<String>? {
        var names: Set<String> = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            let triple = rest.first == "{"
            if triple { rest = rest.dropFirst() }
            guard let close = rest.range(of: triple ? "}}}" : "}}") else { return nil }
            var tag = rest[..<close.lowerBound].trimmingWhitespace
            rest = rest[close.upperBound...]
            if !triple, let sigil = tag.first {
                switch sigil {
                case "!": continue
                case "#", "^", "/", "&": tag = tag.dropFirst().trimmingWhitespace
                case ">", "<", "$", "=", "%": return nil
                default: break
                }
            }
            // A transform (`count(og)`) or an empty name reads more than its name.
            guard !tag.isEmpty, !tag.contains("("), !tag.contains(where: \.isWhitespace) else { return nil }
            names.insert(String(tag))
        }
        return names
    }

    /// The partials `source` includes (`{{> header}}`); nil when it may include any (a dynamic name,
    /// `{{>*name}}`, or an unterminated tag).
    static func partials(in source: String) -> Set<String>? {
        var names: Set<String> = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { return nil }
            let tag = rest[..<close.lowerBound].trimmingWhitespace
            rest = rest[close.upperBound...]
            guard tag.first == ">" || tag.first == "<" else { continue }
            let name = tag.dropFirst().trimmingWhitespace
            if name.first == "*" { return nil }
            names.insert(String(name))
        }
        return names
    }

    /// Whether every tag of `source` reads one of `allowed`, or a name under one of `prefixes`
    /// (`labels.` for `labels.home`; no deeper dot).
    static func readsOnly(_ source: String, _ allowed: Set<String>, under prefixes: [String] = []) -> Bool {
        guard let names = read(by: source) else { return false }
        return names.allSatisfy { name in
            allowed.contains(name) || prefixes.contains { name.hasPrefix($0) && !name.dropFirst($0.count).contains(".") && name.count > $0.count }
        }
    }
}

extension Substring {
    fileprivate var trimmingWhitespace: Substring {
        var text = self
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text
    }
}
