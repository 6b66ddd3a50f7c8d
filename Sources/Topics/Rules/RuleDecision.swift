/// Why an item is published or not, and what it is about: the answer of ``RuleSet/decide(_:)``.
public struct RuleDecision: Sendable, Hashable {
    /// The rule that filtered the item out; nil when it is kept.
    public var blockedBy: String?
    /// The rule that kept it (nil when no keep rule applies, or when it is blocked).
    public var keptBy: String?
    public var topics: [String] = []
    public var tags: [String] = []

    public var isKept: Bool { blockedBy == nil }

    /// One line for `rules test`: `kept by …`, `blocked by …`, `kept: no keep rule applies`.
    public var explanation: String {
        if let blockedBy { return "blocked by \(blockedBy)" }
        if let keptBy { return "kept by \(keptBy)" }
        return "kept: no keep rule applies"
    }
}
