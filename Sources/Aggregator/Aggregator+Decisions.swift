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
        let rules = topicRules
        let sources = Dictionary((knownSources).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
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
