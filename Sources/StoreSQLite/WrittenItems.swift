import Foundation
import NewsCore
import Synchronization

/// The items this process inserted, each as its row holds it at the revision that inserted it, kept
/// until every output of the run has published that revision: the journal's read then takes the
/// item from here instead of reading its row back (a cold import read back every item it had just
/// written, its text decoded again). Only a row whose revision is still the kept one is taken from
/// here: any later write of the item (an update, new topics, a copy's promotion) gives it a new
/// revision, and the row is read.
///
/// Nothing is kept until a run says which outputs will read the journal (``expect(outputs:)``), so a
/// run without outputs holds no item longer than its write.
final class WrittenItems: Sendable {
    private struct State {
        /// The outputs that will read the journal, with the revision each has published through.
        var outputs: [String: Int64] = [:]
        var items: [String: (revision: Int64, item: Item)] = [:]
    }

    private let state = Mutex(State())

    /// At most this many items are kept: an output that stopped publishing (its error ends publishing
    /// for the run) must not make the rest of a large run stay in memory.
    static let limit = 4_000

    /// Starts keeping inserted items until each of `outputs` has published them.
    func expect(outputs: [String]) {
        state.withLock { state in
            state.outputs = Dictionary(outputs.map { ($0, Int64.min) }, uniquingKeysWith: { first, _ in first })
            if outputs.isEmpty { state.items = [:] }
        }
    }

    /// Keeps `items`, inserted by one committed write at `revision`, when outputs will read them.
    func keep(_ items: [Item], revision: Int64) {
        guard !items.isEmpty else { return }
        state.withLock { state in
            guard !state.outputs.isEmpty else { return }
            // Over the limit, everything goes: the journal then reads those rows, as it would anyway.
            if state.items.count + items.count > Self.limit { state.items = [:] }
            for item in items { state.items[item.key] = (revision, Self.asRead(item)) }
        }
    }

    /// The item under `key` as written at `revision`, when it is kept.
    func item(key: String, revision: Int64) -> Item? {
        state.withLock { state in
            guard let kept = state.items[key], kept.revision == revision else { return nil }
            return kept.item
        }
    }

    /// Notes that `output` has published through `revision`, and lets go of what every output has.
    func published(output: String, through revision: Int64) {
        state.withLock { state in
            guard state.outputs[output] != nil else { return }
            state.outputs[output] = max(state.outputs[output] ?? .min, revision)
            guard let all = state.outputs.values.min(), all > .min else { return }
            state.items = state.items.filter { $0.value.revision > all }
        }
    }

    /// Lets go of every item.
    func removeAll() {
        state.withLock { $0.items = [:] }
    }

    /// The item as reading its row gives it: dates go through the seconds since 1970 the row holds.
    static func asRead(_ item: Item) -> Item {
        var item = item
        item.date = Date(timeIntervalSince1970: item.date.timeIntervalSince1970)
        item.firstSeen = Date(timeIntervalSince1970: item.firstSeen.timeIntervalSince1970)
        return item
    }
}
