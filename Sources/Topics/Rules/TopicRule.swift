/// Where a rule applies: to every item, to one group's, to one source's, or to what one output publishes.
public enum RuleScope: Sendable, Hashable, CustomStringConvertible {
    case global
    case group(String)
    /// A source, by ``NewsCore/Source/key``.
    case source(String)
    /// An output, by its position in `outputs:`.
    case output(Int)

    /// How specific the scope is: a source's keep rules decide over its group's, and a group's over the global ones.
    var rank: Int {
        switch self {
        case .global: 0
        case .group: 1
        case .source: 2
        case .output: 3
        }
    }

    public var description: String {
        switch self {
        case .global: "global"
        case .group(let name): "group \(name)"
        case .source: "source"
        case .output(let index): "outputs[\(index)]"
        }
    }
}

/// A part of an item a rule reads.
public enum RuleField: String, Sendable, Hashable, CaseIterable {
    case title, text, author, link, category

    /// The field's position in ``allCases``, for per-field tables.
    var ordinal: Int {
        switch self {
        case .title: 0
        case .text: 1
        case .author: 2
        case .link: 3
        case .category: 4
        }
    }
}

/// One thing to look for: a keyword (a substring of the folded text) or a regular expression,
/// written `/…/` in the configuration.
public enum RulePattern: Sendable, Hashable, CustomStringConvertible {
    case keyword(String)
    case regex(String)

    /// `/…/` is a regular expression; anything else a keyword.
    public init(parsing text: String) {
        if text.count >= 2, text.hasPrefix("/"), text.hasSuffix("/") {
            self = .regex(String(text.dropFirst().dropLast()))
        } else {
            self = .keyword(text)
        }
    }

    public var description: String {
        switch self {
        case .keyword(let word): word
        case .regex(let pattern): "/\(pattern)/"
        }
    }
}

/// What a rule asks of an item: any of `any` and all of `all`, each in one of the fields.
public struct RuleCondition: Sendable, Hashable {
    public var any: [RulePattern]
    public var all: [RulePattern]
    public var fields: [RuleField]

    public init(any: [RulePattern] = [], all: [RulePattern] = [], fields: [RuleField] = [.title, .text]) {
        self.any = any
        self.all = all
        self.fields = fields
    }

    var description: String {
        var parts: [String] = []
        if !any.isEmpty { parts.append("any \(any.map(\.description).joined(separator: "|"))") }
        if !all.isEmpty { parts.append("all \(all.map(\.description).joined(separator: "&"))") }
        return parts.joined(separator: " ") + " in \(fields.map(\.rawValue).joined(separator: ","))"
    }
}

/// A keep or block rule as configured. A keep rule with a name is a topic: every item it matches
/// belongs to that topic.
public struct TopicRule: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable {
        case keep, block
    }

    public var action: Action
    public var name: String?
    /// Any one condition matching makes the rule match (each field shorthand, `author: [...]`, is one).
    public var conditions: [RuleCondition]
    public var scope: RuleScope
    /// Where the rule is written (`filters[0]`, `groups[1].sources[0].filters[2]`): how `rules test` names it.
    public var path: String

    public init(action: Action, name: String? = nil, conditions: [RuleCondition], scope: RuleScope = .global, path: String) {
        self.action = action
        self.name = name
        self.conditions = conditions
        self.scope = scope
        self.path = path
    }

    /// How a decision names the rule: `filters[0] 数字化转型 (keep any 数字化转型 in title,text)`.
    public var label: String {
        let what = conditions.map(\.description).joined(separator: "; or ")
        return [path, name].compactMap { $0 }.joined(separator: " ") + " (\(action.rawValue) \(what))"
    }
}

/// A user keyword list: an item whose title or text holds one of the keywords gets the tag.
public struct TagRule: Sendable, Hashable {
    public var tag: String
    public var condition: RuleCondition

    public init(tag: String, condition: RuleCondition) {
        self.tag = tag
        self.condition = condition
    }
}
