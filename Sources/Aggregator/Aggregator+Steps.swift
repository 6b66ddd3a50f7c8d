import FeedParsing
import Foundation
import NewsCore

/// What the sources of one run share: the page texts already accepted (one page never serves two
/// links), and the archive's write order (copies are decided and stored one source at a time, so
/// two sources delivering the same story at once still give one original).
struct RunContext: Sendable {
    let acceptedPages = AcceptedPages()
    let archiveWrites = SerialGate()
}

extension Aggregator {
    /// The feed's document, or nil when the server says it has not changed (recorded as a fetch).
    func fetchFeed(_ source: Source, result: inout RunReport.SourceResult, at startedAt: Date) async throws -> LoadedDocument? {
        let request = LoadRequest(url: source.url, kind: .feed, headers: source.headers,
                                  validators: try await store.validators(sourceKey: source.key))
        switch try await loader.load(request) {
        case .notModified:
            result.notModified = true
            result.freshFor = nil
            try await store.recordFetch(sourceKey: source.key, at: startedAt, error: nil, validators: request.validators)
            return nil
        case .loaded(let document):
            return document
        }
    }

    /// The feed in the document, with its warnings and freshness hints on the result. With the
    /// source's entry memory, the entries it holds are not read (``Feed/repeatedEntries``).
    func parseFeed(_ document: LoadedDocument, source: Source, memory: EntryMemory?, result: inout RunReport.SourceResult) throws -> Feed {
        let feed: Feed
        let digests = memory.map { EntryDigests(seed: Self.entryDigestSeed(source, document: document), memory: $0) }
        do {
            feed = try FeedParser.parse(document.bytes, transportCharset: document.charset, baseURL: document.finalURL, digests: digests)
        } catch {
            throw SourceError(source: source.label, url: source.url, message: "not a feed: \(error)")
        }
        result.warnings = feed.warnings
        result.freshFor = [document.maxAge, feed.ttl].compactMap { $0 }.max()
        return feed
    }

    /// What an entry's digest depends on besides its bytes: the source's key and the settings that
    /// shape its item, and the URL its links resolve against.
    static func entryDigestSeed(_ source: Source, document: LoadedDocument) -> UInt64 {
        EntryDigest.seed([source.key, source.timeZone.identifier, source.fulltext.rawValue, document.finalURL])
    }

    /// The feed's entries, cleaned of control characters, each once under its archive key, and what
    /// the archive holds under those keys. A URL (guid or link) that another source's item already
    /// holds makes this source's item a copy under a key of its own: it never rewrites the other one.
    /// Entries the feed repeats exactly as the archive remembers them (title, `updated`, HTML, link)
    /// are only counted: their items are never read whole. So are the entries the reader did not read
    /// (repeated byte for byte, see ``EntryMemory``): their keys come from `memory`, so that an entry
    /// under the key of an earlier one is still the feed's duplicate.
    /// - Returns: also the memory to store with the items, when the feed was read with one.
    func identify(_ feed: Feed, source: Source, normalizer: ItemNormalizer, memory: EntryMemory?) async throws
        -> (entries: [(key: String, entry: FeedEntry)], existing: [String: Item], unchanged: Int, memory: EntryMemory?)
    {
        var (entries, remembered, repeated) = Self.keyed(feed, source: source, memory: memory)
        var summaries = try await store.summaries(keys: entries.map(\.key))
        let claimed = entries.indices.filter { summaries[entries[$0].key].map { $0.sourceKey != source.key } ?? false }
        if !claimed.isEmpty {
            for index in claimed { entries[index].key = ItemIdentity.copyKey(entries[index].key, sourceKey: source.key) }
            summaries.merge(try await store.summaries(keys: claimed.map { entries[$0].key })) { $1 }
        }
        let changed = entries.filter { key, entry in
            guard let summary = summaries[key], let remembered = summary.feedSnapshot else { return true }
            return remembered != normalizer.snapshot(of: entry) || summary.link != entry.link
        }
        let existing = try await store.items(keys: changed.map(\.key).filter { summaries[$0] != nil })
        return (changed, existing, repeated + entries.count - changed.count, memory == nil ? nil : remembered)
    }

    /// The feed's entries read, sanitised, each once under its archive key, in the feed's order with
    /// the repeated ones (whose keys `memory` gives) in their places: an entry under the key of an
    /// earlier one is dropped. Returns them, the memory of every entry (read or repeated), and how many
    /// repeated entries were first under their key.
    static func keyed(_ feed: Feed, source: Source, memory: EntryMemory?)
        -> (entries: [(key: String, entry: FeedEntry)], memory: EntryMemory, repeated: Int)
    {
        var seen = Set<UInt64>()
        var remembered = EntryMemory()
        var repeated = 0
        var repeats = feed.repeatedEntries[...]
        func takeRepeats(upTo position: Int) {
            while let next = repeats.first, next.position <= position {
                repeats.removeFirst()
                guard let key = memory?.keys[next.digest] else { continue }
                remembered.keys[next.digest] = key
                if seen.insert(key).inserted { repeated += 1 }
            }
        }
        var entries: [(key: String, entry: FeedEntry)] = []
        for (position, read) in feed.entries.enumerated() {
            takeRepeats(upTo: position)
            let entry = ItemNormalizer.sanitized(read)
            let key = ItemIdentity.key(for: entry, sourceKey: source.key)
            let keyHash = EntryDigest.key(key)
            if let digest = entry.digest { remembered.keys[digest] = keyHash }
            if seen.insert(keyHash).inserted { entries.append((key, entry)) }
        }
        takeRepeats(upTo: .max)
        return (entries, remembered, repeated)
    }

    /// Fingerprints for the new and changed texts (an item whose text is as stored keeps its own).
    /// Text the source repeats across its items (a disclaimer, a template) says nothing about which
    /// story an item tells: fingerprints leave it out.
    /// `bodies` holds the items' HTML as already parsed, by key (another item's HTML is parsed here).
    static func fingerprint(_ items: inout [Item], existing: [String: Item], bodies: [String: HTMLText]) -> [String: TextFingerprint] {
        let changed = items.indices.filter { existing[items[$0].key]?.contentHash != items[$0].contentHash }
        let blocks = changed.map { (bodies[items[$0].key] ?? HTMLText(items[$0].html)).storyBlocks }
        let hashes = blocks.map { $0.map(StableHash.value) }
        let boilerplate = ItemNormalizer.repeatedBlocks(hashes)
        var fingerprints: [String: TextFingerprint] = [:]
        for (position, index) in changed.enumerated() {
            let story = zip(blocks[position], hashes[position]).filter { !boilerplate.contains($0.1) }.map(\.0)
            let fingerprint = TextFingerprint(blocks: story)
            items[index].sketch = fingerprint.sketch
            fingerprints[items[index].key] = fingerprint
        }
        return fingerprints
    }

    /// The clean bodies the outputs will publish (see `CleanStory`), made once here for the new and
    /// changed texts from the trees that gave their text and fingerprint, outside the archive's write.
    /// An item whose text is as stored keeps the body stored with it.
    static func cleanBodies(_ items: inout [Item], existing: [String: Item], bodies: [String: HTMLText]) {
        for index in items.indices where existing[items[index].key]?.contentHash != items[index].contentHash {
            let body = bodies[items[index].key].flatMap { $0.html == items[index].html ? $0 : nil } ?? HTMLText(items[index].html)
            items[index].cleanBody = body.cleanBody(for: items[index])
        }
    }

    /// Stores the items, each new one first compared with the recent originals whose sketches it
    /// shares (and with the feed's earlier originals): the first that tells the same story becomes
    /// its original. The comparison reads texts outside the archive's write transaction. Items the
    /// archive already holds keep their standing (an update never makes a copy). The fetch is recorded in
    /// the same write.
    func storeDecidingCopies(_ items: [Item], fingerprints: [String: TextFingerprint], existing: [String: Item],
                             recording fetched: FetchRecord) async throws -> [StoreOutcome]
    {
        var items = items
        let new = items.filter { existing[$0.key] == nil && fingerprints[$0.key] != nil && !$0.sketch.isEmpty }
        let candidates = try await store.nearDuplicateCandidates(for: new)
        // Each text's shingle set made once, however many texts it is compared with; the feed's earlier
        // originals named by their place in `items` (copying whole items per comparison showed in profiles).
        var candidateShingles: [String: ShingleSet] = [:]
        var earlier: [Int] = []
        for index in items.indices {
            guard let fingerprint = fingerprints[items[index].key], !items[index].sketch.isEmpty else { continue }
            guard existing[items[index].key] == nil else {
                earlier.append(index)
                continue
            }
            let sketch = items[index].sketch, title = items[index].title
            var shingles: ShingleSet?
            func isSameStory(asKey key: String, title otherTitle: String, fingerprint other: () -> TextFingerprint) -> Bool {
                let theirs = candidateShingles[key] ?? (fingerprints[key] ?? other()).shingleSet
                candidateShingles[key] = theirs
                let mine = shingles ?? fingerprint.shingleSet
                shingles = mine
                return TextFingerprint.isSameStory(mine, theirs, title: title, otherTitle: otherTitle)
            }
            var original: String?
            for candidate in candidates[items[index].key] ?? []
            where isSameStory(asKey: candidate.key, title: candidate.title, fingerprint: { ItemNormalizer.fingerprint(of: candidate) }) {
                original = candidate.duplicateOf ?? candidate.key
                break
            }
            if original == nil {
                // The feed's earlier originals, looked at only when no archived candidate matched.
                let fromBatch = earlier.filter {
                    TextFingerprint.matchingSlots(items[$0].sketch, sketch) >= TextFingerprint.candidateSlots
                }
                for other in fromBatch
                where isSameStory(asKey: items[other].key, title: items[other].title, fingerprint: { ItemNormalizer.fingerprint(of: items[other]) }) {
                    original = items[other].duplicateOf ?? items[other].key
                    break
                }
            }
            if let original { items[index].duplicateOf = original }
            if let shingles { candidateShingles[items[index].key] = shingles }
            if items[index].duplicateOf == nil { earlier.append(index) }
        }
        return try await store.store(items, recordingFetchOf: fetched.sourceKey, at: fetched.at, validators: fetched.validators,
                                     entryMemory: fetched.entryMemory)
    }
}

/// A successful fetch of a source's feed, recorded with the items it gave.
struct FetchRecord: Sendable {
    var sourceKey: String
    var at: Date
    var validators: CacheValidators?
    /// The entries the feed held, to store with its items (nil keeps the memory as it is).
    var entryMemory: EntryMemory?
}

extension RunReport.SourceResult {
    mutating func count(_ outcomes: [StoreOutcome]) {
        for outcome in outcomes {
            switch outcome {
            case .inserted: inserted += 1
            case .updated: updated += 1
            case .unchanged: unchanged += 1
            case .duplicate: duplicates += 1
            case .tombstoned: tombstoned += 1
            }
        }
    }
}

/// Runs one body at a time, in the order they asked (an async mutex).
actor SerialGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    nonisolated func serialized<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        // The releasing body hands the gate over: `busy` stays set.
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
