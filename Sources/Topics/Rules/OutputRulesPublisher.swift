public import Foundation
public import NewsCore

/// An output with keep/block rules of its own: it publishes only the items they keep, and removes the
/// files of the others. Its identity names its rules, so a rule change publishes the whole archive to
/// it again (kept items are written, filtered ones removed).
public struct OutputRulesPublisher: Publisher {
    let inner: any Publisher
    let output: Int
    let rules: RuleSet

    public init(_ inner: any Publisher, output: Int, rules: RuleSet) {
        self.inner = inner
        self.output = output
        self.rules = rules
    }

    public var identity: String { inner.identity + " rules=" + rules.outputHash(output) }
    public var summary: String { inner.summary + " (filtered)" }
    public var directories: [URL] { inner.directories }

    public func publish(_ batch: PublishBatch) async throws -> PublishResult {
        var filtered = PublishBatch(removals: batch.removals)
        for published in batch.items {
            if rules.decide(published.item, output: output).isKept {
                filtered.items.append(published)
            } else {
                filtered.removals.append(RemovedItem(itemKey: published.item.key, postKey: published.item.postKey))
            }
        }
        return try await inner.publish(filtered)
    }

    public func finish() async throws -> PublishResult { try await inner.finish() }
}
