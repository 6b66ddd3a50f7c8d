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
        var items: [String: KeptItem] = [:]
        /// The keys each write kept, in revision order: letting go of what every output has published
        /// removes those keys only (filtering the whole dictionary copied every item still kept, once a
        /// batch: 2 % of a cold import).
        var kept: [(revision: Int64, keys: [String])] = []

        mutating func removeAll() {
            items = [:]
            kept = []
        }
    }

    /// An item with the revision it was kept at, boxed: reading a dictionary entry copies it, and a
    /// copy of the item itself retains every text it holds (checking a revision copied the item).
    private final class KeptItem: Sendable {
        let revision: Int64
        let item: Item

        init(revision: Int64, item: Item) {
            self.revision = revision
            self.item = item
        }
    }

    private let state = Mutex(State())

    /// At most this many items are kept: an output that stopped publishing (its error ends publishing
    /// for the run) must not make the rest of a large run stay in memory.
    static let limit = 4_000

    /// Starts keeping inserted items until each of `outputs` has published them.
    func expect(outputs: [String]) {
        state.withLock { state in
            state.outputs = Dictionary(outputs.map { ($0, Int64.min) }, uniquingKeysWith: { first, _ in first })
            if outputs.isEmpty { state.removeAll() }
        }
    }

    /// Keeps `items`, inserted by one committed write at `revision`, when outputs will read them.
    func keep(_ items: [Item], revision: Int64) {
        guard !items.isEmpty else { return }
        state.withLock { state in
            guard !state.outputs.isEmpty else { return }
            // Over the limit, everything goes: the journal then reads those rows, as it would anyway.
            if state.items.count + items.count > Self.limit { state.removeAll() }
            for item in items { state.items[item.key] = KeptItem(revision: revision, item: Self.asRead(item)) }
            // Writes answered together may keep out of revision order: the list stays sorted.
            let place = state.kept.lastIndex { $0.revision <= revision }.map { $0 + 1 } ?? 0
            state.kept.insert((revision, items.map(\.key)), at: place)
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
            let done = state.kept.prefix { $0.revision <= all }.count
            for (revision, keys) in state.kept[..<done] {
                // A key kept again by a later write stays for that write.
                for key in keys where state.items[key]?.revision == revision { state.items[key] = nil }
            }
            state.kept.removeFirst(done)
        }
    }

    /// Lets go of every item.
    func removeAll() {
        state.withLock { $0.removeAll() }
    }

    /// The item as reading its row gives it: dates go through the seconds since 1970 the row holds.
    static func asRead(_ item: Item) -> Item {
        var item = item
        item.date = Date(timeIntervalSince1970: item.date.timeIntervalSince1970)
        item.firstSeen = Date(timeIntervalSince1970: item.firstSeen.timeIntervalSince1970)
        return item
    }
}
