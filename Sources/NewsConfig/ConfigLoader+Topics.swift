import Foundation
import NewsCore
import Topics
import Yams

/// Reading `filters:` (globally, per group, per source, per output) and `tags:`. A rule is a mapping
/// with an optional `name` and one of `keep` or `block`; its condition holds `any` and/or `all` (words,
/// or `/regular expressions/`) with `in` (fields; title and text by default), or field shorthands
/// (`author: [...]`: any of them in that field). Unknown keys and fields, and bad regular expressions,
/// are errors with the file, the line and the key.
extension ConfigLoader {
    /// The rules of a `filters:` list at `mapping`.
    mutating func filters(_ mapping: Node.Mapping, in context: String, scope: RuleScope) -> [TopicRule] {
        var rules: [TopicRule] = []
        for (index, node) in sequence(mapping, "filters", in: context).enumerated() {
            let path = Self.path(context, "filters") + "[\(index)]"
            if let rule = filterRule(node, path: path, scope: scope) { rules.append(rule) }
        }
        return rules
    }

    private mutating func filterRule(_ node: Node, path: String, scope: RuleScope) -> TopicRule? {
        guard let mapping = node.mapping else {
            fail(node, path, "expected a mapping with keep or block (and an optional name)")
            return nil
        }
        checkKeys(mapping, allowed: ["name", "keep", "block"], context: path)
        let name = string(mapping, "name", in: path)
        let actions = [TopicRule.Action.keep, .block].filter { mapping[$0.rawValue] != nil }
        guard actions.count == 1, let action = actions.first, let body = mapping[action.rawValue] else {
            fail(node, path, actions.isEmpty ? "missing keep or block" : "a rule is either keep or block, not both")
            return nil
        }
        let conditionPath = Self.path(path, action.rawValue)
        guard let conditions = conditions(body, path: conditionPath) else { return nil }
        return TopicRule(action: action, name: name, conditions: conditions, scope: scope, path: path)
    }

    /// The conditions of a keep/block/tag mapping; nil (reported) when there is none or one is malformed.
    mutating func conditions(_ node: Node, path: String) -> [RuleCondition]? {
        guard let mapping = node.mapping else {
            fail(node, path, "expected a mapping such as { any: [words], in: [title, text] }")
            return nil
        }
        let fieldKeys = RuleField.allCases.map(\.rawValue)
        checkKeys(mapping, allowed: Set(["any", "all", "in"] + fieldKeys), context: path)
        let before = errors.count
        var conditions: [RuleCondition] = []
        let any = patterns(mapping, "any", in: path)
        let all = patterns(mapping, "all", in: path)
        var fields: [RuleField] = [.title, .text]
        if mapping["in"] != nil {
            fields = []
            for name in strings(mapping, "in", in: path) {
                if let field = RuleField(rawValue: name.trimmingWhitespace().lowercased()) {
                    fields.append(field)
                } else {
                    fail(mapping["in"], Self.path(path, "in"), "unknown field '\(name)' (expected one of: \(fieldKeys.joined(separator: ", ")))")
                }
            }
        }
        if !any.isEmpty || !all.isEmpty {
            conditions.append(RuleCondition(any: any, all: all, fields: fields))
        } else if mapping["in"] != nil {
            fail(mapping["in"], Self.path(path, "in"), "`in` needs `any` or `all` beside it")
        }
        for field in RuleField.allCases where mapping[field.rawValue] != nil {
            let words = patterns(mapping, field.rawValue, in: path)
            if !words.isEmpty { conditions.append(RuleCondition(any: words, fields: [field])) }
        }
        guard errors.count == before else { return nil }
        guard !conditions.isEmpty else {
            fail(node, path, "expected any, all or a field (\(fieldKeys.joined(separator: ", "))) with words to look for")
            return nil
        }
        return conditions
    }

    /// Words and `/regular expressions/` at `key`; a regular expression that does not compile, or an
    /// empty word, is reported at its line.
    private mutating func patterns(_ mapping: Node.Mapping, _ key: String, in context: String) -> [RulePattern] {
        let values = strings(mapping, key, in: context)
        var patterns: [RulePattern] = []
        for value in values {
            let pattern = RulePattern(parsing: value)
            switch pattern {
            case .keyword(let word) where word.trimmingWhitespace().isEmpty:
                fail(mapping[key], Self.path(context, key), "an empty word matches everything; remove it")
                continue
            case .regex(let source):
                if (try? NSRegularExpression(pattern: source)) == nil {
                    fail(mapping[key], Self.path(context, key), "not a valid regular expression: \(value)")
                    continue
                }
            default: break
            }
            patterns.append(pattern)
        }
        return patterns
    }

    /// The `match:` settings: `traditional: true` makes rules match traditional and simplified forms alike.
    mutating func matchVariants(_ node: Node?) -> CharacterVariants? {
        guard let node else { return nil }
        guard let mapping = node.mapping else {
            fail(node, "match", "expected a mapping such as { traditional: true }")
            return nil
        }
        checkKeys(mapping, allowed: ["traditional"], context: "match")
        switch string(mapping, "traditional", in: "match")?.lowercased() {
        case nil, "false", "no", "off": return nil
        case "true", "yes", "on": return .traditionalToSimplified
        case let other?:
            fail(mapping["traditional"], "match.traditional", "expected true or false, not '\(other)'")
            return nil
        }
    }

    /// The `tags:` settings: `stocks` (true, false, or a code list CSV from `newsmill stocks refresh`)
    /// and `keywords` (tag → words, looked for in the title and the text).
    mutating func tagSettings(_ node: Node?, directory: URL) -> (tags: [TagRule], stocks: StockRecognizer?) {
        guard let node else { return ([], nil) }
        guard let mapping = node.mapping else {
            fail(node, "tags", "expected a mapping with stocks and/or keywords")
            return ([], nil)
        }
        checkKeys(mapping, allowed: ["stocks", "keywords"], context: "tags")
        var stocks: StockRecognizer?
        if let value = string(mapping, "stocks", in: "tags") {
            switch value.lowercased() {
            case "true", "yes", "on", "a-share", "bundled": stocks = .bundled
            case "false", "no", "off": stocks = nil
            default:
                let path = value.hasPrefix("/") ? value : directory.appendingPathComponent(value).standardizedFileURL.path
                do {
                    let text = try String(contentsOfFile: path, encoding: .utf8)
                    stocks = StockRecognizer(listings: try StockListCSV.parse(text))
                } catch let problem as StockListCSV.Problem {
                    fail(mapping["stocks"], "tags.stocks", "\(path): \(problem)")
                } catch {
                    fail(mapping["stocks"], "tags.stocks", "cannot read the stock list \(path): \(error.localizedDescription)")
                }
            }
        }
        var tags: [TagRule] = []
        if let keywords = mapping["keywords"] {
            if let entries = keywords.mapping {
                for (key, value) in entries {
                    guard let tag = key.string?.trimmingWhitespace(), !tag.isEmpty else {
                        fail(key, "tags.keywords", "tag names must be strings")
                        continue
                    }
                    let words = strings(entries, tag, in: "tags.keywords").filter { !$0.trimmingWhitespace().isEmpty }
                    if words.isEmpty && value.scalar == nil && value.sequence == nil { continue }
                    tags.append(TagRule(tag: tag, condition: RuleCondition(any: words.map(RulePattern.init(parsing:)))))
                }
            } else {
                fail(keywords, "tags.keywords", "expected a mapping of tag names to lists of words")
            }
        }
        return (tags, stocks)
    }
}
