public import NewsCore

/// Asks the XML reader for entry digests (see ``EntryDigest``): each feed entry's markup hashed from
/// `seed` (with what the elements around it say), and the entries `memory` holds left unread.
public struct EntryDigests: Sendable {
    public var seed: UInt64
    public var memory: EntryMemory

    public init(seed: UInt64, memory: EntryMemory) {
        self.seed = seed
        self.memory = memory
    }
}

extension Feed {
    /// The feed's entries from their elements, in order: each read one mapped by `entry` with its
    /// digest, each repeat (see ``XMLElement/isRepeat``) kept as its digest and place.
    mutating func setEntries(_ elements: [XMLElement], _ entry: (XMLElement) -> FeedEntry) {
        entries = []
        repeatedEntries = []
        for element in elements {
            if element.isRepeat, let digest = element.entryDigest {
                repeatedEntries.append(RepeatedEntry(digest: digest, position: entries.count))
                continue
            }
            var mapped = entry(element)
            mapped.digest = element.entryDigest
            entries.append(mapped)
        }
    }
}
