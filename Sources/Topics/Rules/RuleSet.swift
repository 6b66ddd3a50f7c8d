public import Foundation
public import NewsCore

/// The configured keep/block rules, topics and tags, compiled once for every item of a run.
///
/// Precedence (what ``decide(_:source:)`` does):
/// 1. Block rules of every scope that applies (global, the item's group, its source) come first:
///    the first that matches filters the item out.
/// 2. Keep rules: the most specific scope that has keep rules decides (source over group over
///    global); the item is kept when one of that scope's keep rules matches, and filtered out when
///    none does. With no keep rule at all, every item not blocked is kept.
/// 3. Output rules (``decide(_:output:)``) then apply the same way to what one output publishes.
///
/// Topics are the names of the keep rules (of any applicable scope) that match; tags are the feed's
/// categories, the keyword lists' tags and the companies recognised.
///
/// ```swift
/// let rules = try RuleSet(rules: [TopicRule(action: .keep, name: "数字化转型",
///     conditions: [RuleCondition(any: [.keyword("数字化转型")])], path: "filters[0]")])
/// rules.decide(item, source: source).topics   // ["数字化转型"] when the item mentions it
/// ```
public struct RuleSet: Sendable {
    public let rules: [TopicRule]
    public let tagRules: [TagRule]
    public let stocks: StockRecognizer?
    public let variants: CharacterVariants?
    /// Names every rule, tag list and option that shapes decisions: when it changes, the archive's
    /// items are decided again.
    public let hash: String

    private let automaton: KeywordAutomaton
    private let regexes: [CompiledRegex]
    /// Each rule's conditions with their patterns as automaton ids and regex indexes, parallel to ``rules``.
    private let compiledRules: [[CompiledCondition]]
    private let compiledTags: [CompiledCondition]
    /// ``TopicRule/label`` of each rule, made once (a decision names its rule for every item).
    private let labels: [String]

    /// A pattern resolved once: a keyword's id in the automaton, or a regular expression's index.
    enum CompiledPattern {
        case keyword(Int)
        case regex(Int)
    }

    struct CompiledCondition {
        var any: [CompiledPattern]
        var all: [CompiledPattern]
        var fields: [RuleField]
    }

    /// A problem with one rule, located by the rule's path and key.
    public struct Problem: Error, Sendable, Hashable {
        public var path: String
        public var message: String
    }

    /// - Throws: ``Problem`` for the first regular expression that does not compile.
    public init(rules: [TopicRule] = [], tags: [TagRule] = [], stocks: StockRecognizer? = nil, variants: CharacterVariants? = nil) throws {
        self.rules = rules
        self.tagRules = tags
        self.stocks = stocks
        self.variants = variants
        var keywords: [String: Int] = [:]
        var foldedIDs: [String: Int] = [:]
        var folded: [[UInt8]] = []
        var regexIndexes: [String: Int] = [:]
        var regexes: [CompiledRegex] = []
        let conditions = rules.flatMap { rule in rule.conditions.map { (rule.path, $0) } }
            + tags.map { ("tags.\($0.tag)", $0.condition) }
        for (path, condition) in conditions {
            for pattern in condition.any + condition.all {
                switch pattern {
                case .keyword(let word):
                    let bytes = FoldedText(word, variants: variants).bytes
                    let key = String(decoding: bytes, as: UTF8.self)
                    if foldedIDs[key] == nil {
                        foldedIDs[key] = folded.count
                        folded.append(bytes)
                    }
                    keywords[word] = foldedIDs[key]
                case .regex(let source):
                    guard regexIndexes[source] == nil else { continue }
                    do {
                        let pattern = CompiledRegex.folded(source, variants: variants)
                        var regex = CompiledRegex(try NSRegularExpression(pattern: pattern, options: [.caseInsensitive]))
                        if let literal = CompiledRegex.requiredPrefix(of: pattern) {
                            let bytes = FoldedText(literal, variants: variants).bytes
                            let key = String(decoding: bytes, as: UTF8.self)
                            if foldedIDs[key] == nil {
                                foldedIDs[key] = folded.count
                                folded.append(bytes)
                            }
                            regex.prefilter = foldedIDs[key]
                        }
                        regexes.append(regex)
                        regexIndexes[source] = regexes.count - 1
                    } catch {
                        throw Problem(path: path, message: "not a valid regular expression: /\(source)/")
                    }
                }
            }
        }
        automaton = KeywordAutomaton(keywords: folded)
        self.regexes = regexes
        func compile(_ condition: RuleCondition) -> CompiledCondition {
            func resolve(_ pattern: RulePattern) -> CompiledPattern {
                switch pattern {
                case .keyword(let word): .keyword(keywords[word]!)
                case .regex(let source): .regex(regexIndexes[source]!)
                }
            }
            return CompiledCondition(any: condition.any.map(resolve), all: condition.all.map(resolve), fields: condition.fields)
        }
        compiledRules = rules.map { $0.conditions.map(compile) }
        compiledTags = tags.map { compile($0.condition) }
        labels = rules.map(\.label)
        var signature = rules.map { "\($0.scope)|\($0.label)" } + tags.map { "tag \($0.tag) \($0.condition.description)" }
        signature.append("stocks=\(stocks?.signature ?? "off") variants=\(variants == nil ? "off" : "t2s")")
        hash = StableHash.hex(signature.joined(separator: "\n"))
    }

    /// Whether there is anything to decide: no rules, no tags and no stock list decide nothing.
    public var isEmpty: Bool { rules.isEmpty && tagRules.isEmpty && stocks == nil }

    /// The item's decision from the global, group and source rules (see the type's precedence).
    public func decide(_ item: Item, source: Source?) -> RuleDecision {
        let subject = Subject(item: item, set: self)
        let applicable = rules.indices.filter { index in
            switch rules[index].scope {
            case .global: true
            case .group(let name): name == source?.group
            case .source(let key): key == source?.key
            case .output: false
            }
        }
        var decision = decide(subject, applicable)
        var tags = item.categories.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        tags += tagRules.indices.filter { subject.matches(compiledTags[$0]) }.map { tagRules[$0].tag }
        if let stocks { tags += stocks.tags(in: subject.folded(.title).bytes + [0x0A] + subject.folded(.text).bytes) }
        decision.tags = Self.unique(tags)
        return decision
    }

    /// Whether output `index` publishes the item: its own block and keep rules (an output with none publishes it).
    public func decide(_ item: Item, output index: Int) -> RuleDecision {
        let applicable = rules.indices.filter { rules[$0].scope == .output(index) }
        guard !applicable.isEmpty else { return RuleDecision() }
        return decide(Subject(item: item, set: self), applicable)
    }

    /// Whether output `index` has rules of its own.
    public func hasRules(forOutput index: Int) -> Bool { rules.contains { $0.scope == .output(index) } }

    /// A hash of output `index`'s own rules (part of that output's identity).
    public func outputHash(_ index: Int) -> String {
        StableHash.hex(rules.filter { $0.scope == .output(index) }.map(\.label).joined(separator: "\n"))
    }

    private func decide(_ subject: Subject, _ indices: [Int]) -> RuleDecision {
        var decision = RuleDecision()
        let matching = indices.filter { compiledRules[$0].contains(where: subject.matches) }
        decision.topics = Self.unique(matching.filter { rules[$0].action == .keep }.compactMap { rules[$0].name })
        if let block = matching.first(where: { rules[$0].action == .block }) {
            decision.blockedBy = labels[block]
            return decision
        }
        let keeps = indices.filter { rules[$0].action == .keep }
        guard let rank = keeps.map({ rules[$0].scope.rank }).max() else { return decision }
        if let keep = matching.first(where: { rules[$0].action == .keep && rules[$0].scope.rank == rank }) {
            decision.keptBy = labels[keep]
        } else {
            let deciding = keeps.map { rules[$0] }.filter { $0.scope.rank == rank }
            let which = deciding.count <= 3 ? deciding.map(\.path).joined(separator: ", ") : "\(deciding.count) keep rules"
            decision.blockedBy = "no keep rule of the \(deciding[0].scope) scope matched (\(which))"
        }
        return decision
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    /// An item's fields, folded and scanned for keywords once each, when a rule first reads them.
    final class Subject {
        let item: Item
        let set: RuleSet
        // Per field (by ``RuleField/ordinal``): its folded text, its regex string, and which keywords it holds,
        // one bit per keyword in `found` (a field's words start at `ordinal * wordsPerField`).
        private var foldedFields = [FoldedText?](repeating: nil, count: RuleField.allCases.count)
        private var strings = [String?](repeating: nil, count: RuleField.allCases.count)
        private var scanned = [Bool](repeating: false, count: RuleField.allCases.count)
        private var found: [UInt64]
        private let wordsPerField: Int

        init(item: Item, set: RuleSet) {
            self.item = item
            self.set = set
            wordsPerField = (set.automaton.keywordCount + 63) / 64
            found = [UInt64](repeating: 0, count: wordsPerField * RuleField.allCases.count)
        }

        func folded(_ field: RuleField) -> FoldedText {
            if let text = foldedFields[field.ordinal] { return text }
            let raw: String = switch field {
            case .title: item.title
            case .text: PlainText.of(html: item.html)
            case .author: item.author ?? ""
            case .link: item.link ?? ""
            case .category: item.categories.joined(separator: "\n")
            }
            let text = FoldedText(raw, variants: set.variants)
            foldedFields[field.ordinal] = text
            return text
        }

        /// Whether keyword `id` occurs in `field` (the field is scanned once, on the first question).
        func holds(_ id: Int, in field: RuleField) -> Bool {
            let base = field.ordinal * wordsPerField
            if !scanned[field.ordinal] {
                scanned[field.ordinal] = true
                set.automaton.scan(folded(field).bytes) { match in
                    found[base + match.keyword >> 6] |= 1 << UInt64(match.keyword & 63)
                }
            }
            return found[base + id >> 6] & (1 << UInt64(id & 63)) != 0
        }

        func string(_ field: RuleField) -> String {
            if let text = strings[field.ordinal] { return text }
            let text = folded(field).string
            strings[field.ordinal] = text
            return text
        }

        func matches(_ condition: CompiledCondition) -> Bool {
            guard !condition.any.isEmpty || !condition.all.isEmpty else { return false }
            if !condition.any.isEmpty && !condition.any.contains(where: { occurs($0, in: condition.fields) }) { return false }
            return condition.all.allSatisfy { occurs($0, in: condition.fields) }
        }

        func occurs(_ pattern: CompiledPattern, in fields: [RuleField]) -> Bool {
            switch pattern {
            case .keyword(let id):
                return fields.contains { holds(id, in: $0) }
            case .regex(let index):
                let regex = set.regexes[index]
                // A regular expression runs only on fields holding the literal it must start with.
                return fields.contains { field in
                    if let literal = regex.prefilter, !holds(literal, in: field) { return false }
                    return regex.matches(string(field))
                }
            }
        }
    }
}

/// A compiled regular expression (NSRegularExpression is immutable and safe to share).
struct CompiledRegex: @unchecked Sendable {
    let regex: NSRegularExpression
    /// The automaton id of a literal every match starts with, when there is one.
    var prefilter: Int?

    init(_ regex: NSRegularExpression) { self.regex = regex }

    /// A pattern written for the text as folded for matching: full-width forms half-width (punctuation
    /// escaped, so `（` still means a bracket in the text), the ideographic space a space, and traditional
    /// characters simplified when the rules ask. Letter case is left to the case-insensitive option
    /// (lowering the pattern would turn `\B` into `\b`).
    static func folded(_ source: String, variants: CharacterVariants?) -> String {
        var result = ""
        for scalar in source.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E:
                let half = Character(Unicode.Scalar(scalar.value - 0xFEE0)!)
                if half.isLetter || half.isNumber { result.append(half) } else { result += "\\" + String(half) }
            case 0x3000: result += " "
            default: result.unicodeScalars.append(variants?.simplified(scalar) ?? scalar)
            }
        }
        return result
    }

    /// The literal text every match of `source` starts with (after a leading `\b`): the characters
    /// before the first metacharacter, without the last one when a quantifier follows it. Nil when
    /// there is none, or when an alternation outside brackets could match without it.
    static func requiredPrefix(of source: String) -> String? {
        var scalars = Substring(source)
        if scalars.hasPrefix("\\b") { scalars = scalars.dropFirst(2) }
        var depth = 0
        var escaped = false
        for character in source {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "(", "[": depth += 1
            case ")", "]": depth -= 1
            case "|" where depth == 0: return nil
            default: break
            }
        }
        let metacharacters: Set<Character> = [".", "^", "$", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "\\"]
        var literal = ""
        var rest = scalars[...]
        while let next = rest.first, !metacharacters.contains(next) {
            literal.append(next)
            rest = rest.dropFirst()
        }
        if let quantifier = rest.first, ["*", "+", "?", "{"].contains(quantifier), !literal.isEmpty { literal.removeLast() }
        return literal.isEmpty ? nil : literal
    }

    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

extension RuleSet {
    /// No rules, no tags: every item is kept, tagged with its feed's categories only.
    public static let empty: RuleSet = {
        do { return try RuleSet() } catch { preconditionFailure("a rule set without rules has no regular expression to fail") }
    }()

    /// Sets the item's topics, tags and decision (``Item/filteredOutBy``) from the rules of its source.
    public func apply(to item: inout Item, source: Source?) {
        let decision = decide(item, source: source)
        item.topics = decision.topics
        item.tags = decision.tags
        item.filteredOutBy = decision.blockedBy
    }
}

