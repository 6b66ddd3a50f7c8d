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

    /// The rules' keywords (ids below ``ruleKeywordCount``) and, with a stock list, its company names
    /// after them: title and text are scanned once for both.
    let automaton: KeywordAutomaton
    let ruleKeywordCount: Int
    let regexes: [CompiledRegex]
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
        ruleKeywordCount = folded.count
        automaton = KeywordAutomaton(keywords: folded + (stocks?.nameKeywords ?? []))
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
        decide(item, scope: Scope(self, source: source))
    }

    /// The decision of ``decide(_:source:)`` for rules already chosen for the item's source.
    func decide(_ item: Item, scope: Scope) -> RuleDecision {
        var subject = Subject(item: item, set: self)
        var decision = decide(&subject, scope)
        var tags: [String] = []
        for category in item.categories {
            let tag = category.trimmingWhitespace()
            if !tag.isEmpty { tags.append(tag) }
        }
        for index in tagRules.indices where subject.matches(compiledTags[index], in: self) { tags.append(tagRules[index].tag) }
        if let stocks { tags += subject.companies(stocks, in: self) }
        decision.tags = Self.unique(tags)
        return decision
    }

    /// Whether output `index` publishes the item: its own block and keep rules (an output with none publishes it).
    public func decide(_ item: Item, output index: Int) -> RuleDecision {
        let scope = Scope(self, output: index)
        guard !scope.indices.isEmpty else { return RuleDecision() }
        var subject = Subject(item: item, set: self)
        return decide(&subject, scope)
    }

    /// Whether output `index` has rules of its own.
    public func hasRules(forOutput index: Int) -> Bool { rules.contains { $0.scope == .output(index) } }

    /// A hash of output `index`'s own rules (part of that output's identity).
    public func outputHash(_ index: Int) -> String {
        StableHash.hex(rules.filter { $0.scope == .output(index) }.map(\.label).joined(separator: "\n"))
    }

    /// The rules that apply to one source's items (or one output's), and what says so when none of
    /// the deciding keep rules matches: the same for every item of the source, so made once.
    struct Scope {
        let indices: [Int]
        /// The rank of the most specific scope with keep rules; nil when no keep rule applies.
        let keepRank: Int?
        let noKeepMatched: String

        init(_ set: RuleSet, source: Source?) {
            self.init(set, set.rules.indices.filter { index in
                switch set.rules[index].scope {
                case .global: true
                case .group(let name): name == source?.group
                case .source(let key): key == source?.key
                case .output: false
                }
            })
        }

        init(_ set: RuleSet, output index: Int) {
            self.init(set, set.rules.indices.filter { set.rules[$0].scope == .output(index) })
        }

        private init(_ set: RuleSet, _ indices: [Int]) {
            self.indices = indices
            let keeps = indices.filter { set.rules[$0].action == .keep }
            let rank = keeps.map { set.rules[$0].scope.rank }.max()
            keepRank = rank
            let deciding = keeps.map { set.rules[$0] }.filter { $0.scope.rank == rank }
            let which = deciding.count <= 3 ? deciding.map(\.path).joined(separator: ", ") : "\(deciding.count) keep rules"
            noKeepMatched = deciding.first.map { "no keep rule of the \($0.scope) scope matched (\(which))" } ?? ""
        }
    }

    private func decide(_ subject: inout Subject, _ scope: Scope) -> RuleDecision {
        var decision = RuleDecision()
        var block: Int?
        var keep: Int?
        for index in scope.indices where compiledRules[index].contains(where: { subject.matches($0, in: self) }) {
            let rule = rules[index]
            if rule.action == .block {
                if block == nil { block = index }
                continue
            }
            if let name = rule.name, !decision.topics.contains(name) { decision.topics.append(name) }
            if keep == nil, rule.scope.rank == scope.keepRank { keep = index }
        }
        if let block {
            decision.blockedBy = labels[block]
            return decision
        }
        guard scope.keepRank != nil else { return decision }
        if let keep {
            decision.keptBy = labels[keep]
        } else {
            decision.blockedBy = scope.noKeepMatched
        }
        return decision
    }

    static func unique(_ values: [String]) -> [String] {
        guard values.count > 8 else {
            var result: [String] = []
            for value in values where !result.contains(value) { result.append(value) }
            return result
        }
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
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
        apply(decide(item, source: source), to: &item)
    }

    /// ``apply(to:source:)`` for items of one source, which share the rules that apply to them.
    public func apply(to items: inout [Item], source: Source?) {
        let scope = Scope(self, source: source)
        for index in items.indices { apply(decide(items[index], scope: scope), to: &items[index]) }
    }

    private func apply(_ decision: RuleDecision, to item: inout Item) {
        item.topics = decision.topics
        item.tags = decision.tags
        item.filteredOutBy = decision.blockedBy
    }
}

