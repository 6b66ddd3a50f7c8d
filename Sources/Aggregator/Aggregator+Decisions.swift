import NewsCore
import Topics

// The rules' step: after an item is normalised and before it is stored (and so published), the
// configured keep/block rules decide whether it is published, and give it its topics and tags.
extension Aggregator {
    /// Decides each item with the global, group and source rules.
    func decide(_ items: inout [Item], source: Source) {
        topicRules.apply(to: &items, source: source)
    }

    /// When the archive's items were decided by other rules: decides them all again, so the outputs
    /// publish the items now kept and remove those now filtered out. Returns how many changed, or the error.
    func redecideIfRulesChanged() async -> (Int, String?) {
        await RuleRedecision.ifRulesChanged(store: store, rules: topicRules, sources: knownSources)
    }
}

/// Deciding the archive's items again after the rules changed: for `run` (before it fetches) and for
/// `build` (before it publishes the archive), so both publish what the rules now keep.
public enum RuleRedecision {
    /// When the archive's items were decided by rules other than `rules` (the archive keeps their hash):
    /// decides every item again with them, each with its configured source's rules. Items whose decision,
    /// topics or tags change get a new revision in the publish journal.
    /// - Returns: how many items changed, or the error that stopped it (named for the operator).
    public static func ifRulesChanged(store: any ArticleStore, rules: RuleSet, sources: [Source]) async -> (changed: Int, error: String?) {
        let sources = Dictionary(sources.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        do {
            let changed = try await store.redecide(rulesHash: rules.hash) { item in
                rules.apply(to: &item, source: sources[item.sourceKey])
            }
            return (changed, nil)
        } catch {
            return (0, "cannot decide the archive's items again for the changed rules: \(error)")
        }
    }
}
