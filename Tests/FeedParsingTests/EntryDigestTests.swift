import Foundation
import NewsCore
import Testing

@testable import FeedParsing

/// Entry digests: every entry of an RSS or Atom feed is hashed from its raw markup, and the entries
/// an ``EntryMemory`` holds are not read, while the rest of the document reads exactly as before.
struct EntryDigestTests {
    static let seed = EntryDigest.seed(["test"])

    static func rss(_ items: [String], channel: String = "<channel>", title: String = "<title>频道</title>") -> String {
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
            + "\(channel)\(title)<link>https://example.com/</link>\(items.joined())</channel></rss>"
    }

    static func item(_ id: String, _ text: String = "正文") -> String {
        "<item><guid>\(id)</guid><title>第\(id)条</title><link>https://example.com/\(id).html</link>"
            + "<description><![CDATA[<p>\(text)</p>]]></description></item>"
    }

    static func parse(_ document: String, memory: EntryMemory = EntryMemory(), seed: UInt64 = seed) throws -> Feed {
        try FeedParser.parse(Array(document.utf8), baseURL: "https://example.com/feed", digests: EntryDigests(seed: seed, memory: memory))
    }

    /// A memory holding the digests of `entries` (any key hash: the reader only asks whether one is there).
    static func memory(_ entries: [FeedEntry]) -> EntryMemory {
        EntryMemory(keys: Dictionary(entries.compactMap(\.digest).map { ($0, 0) }) { first, _ in first })
    }

    /// An entry as a full read gives it, without its digest (what a read with a memory must give too).
    static func withoutDigest(_ entry: FeedEntry) -> FeedEntry {
        var entry = entry
        entry.digest = nil
        return entry
    }

    @Test func everyEntryCarriesADigestOfItsOwnBytes() throws {
        let first = try Self.parse(Self.rss([Self.item("1"), Self.item("2"), Self.item("3")]))
        let digests = first.entries.map(\.digest)
        #expect(digests.allSatisfy { $0 != nil })
        #expect(Set(digests).count == 3)
        // The same bytes give the same digests; one changed character changes only its entry's.
        #expect(try Self.parse(Self.rss([Self.item("1"), Self.item("2"), Self.item("3")])).entries.map(\.digest) == digests)
        let changed = try Self.parse(Self.rss([Self.item("1"), Self.item("2", "正文！"), Self.item("3")])).entries.map(\.digest)
        #expect(changed[0] == digests[0] && changed[1] != digests[1] && changed[2] == digests[2])
        // Without a request, no digests: the feed reads as it always did.
        #expect(try FeedParser.parse(Self.rss([Self.item("1")])).entries[0].digest == nil)
    }

    @Test func theSeedAndTheElementsAroundAnEntryShapeItsDigest() throws {
        let items = [Self.item("1")]
        let plain = try Self.parse(Self.rss(items)).entries[0].digest
        #expect(try Self.parse(Self.rss(items), seed: EntryDigest.seed(["other source"])).entries[0].digest != plain)
        // A base URL or a namespace prefix on the channel changes how the same bytes read.
        #expect(try Self.parse(Self.rss(items, channel: "<channel xml:base=\"https://other.example/\">")).entries[0].digest != plain)
        #expect(try Self.parse(Self.rss(items, channel: "<channel xmlns:dc=\"http://purl.org/dc/elements/1.1/\">")).entries[0].digest != plain)
        // The channel's text (its title, a build date) does not.
        #expect(try Self.parse(Self.rss(items, title: "<title>另一个标题</title>")).entries[0].digest == plain)
    }

    @Test func rememberedEntriesAreSkippedInTheirPlaces() throws {
        let document = Self.rss([Self.item("1"), Self.item("2"), Self.item("3"), Self.item("4")])
        let full = try Self.parse(document)
        let memory = Self.memory([full.entries[0], full.entries[2], full.entries[3]])
        let read = try Self.parse(document, memory: memory)
        #expect(read.entries == [full.entries[1]])
        #expect(read.repeatedEntries == [
            RepeatedEntry(digest: full.entries[0].digest!, position: 0),
            RepeatedEntry(digest: full.entries[2].digest!, position: 1),
            RepeatedEntry(digest: full.entries[3].digest!, position: 1),
        ])
        #expect(read.title == full.title && read.link == full.link && read.warnings == full.warnings)
    }

    /// Markup that could hide an entry's end, or that the reader closes an entry on: each entry is
    /// either skipped whole or read as a full read reads it, and nothing after it changes.
    @Test(arguments: [
        // `</item>` inside CDATA, a comment, a processing instruction and quoted attribute values.
        EntryDigestTests.rss([EntryDigestTests.item("1", "a]]><![CDATA[</item>b"), EntryDigestTests.item("2")]),
        EntryDigestTests.rss([EntryDigestTests.item("1", "a > b </item> c"), EntryDigestTests.item("2")]),
        EntryDigestTests.rss(["<item><guid>1</guid><!-- </item> --><title>t</title></item>", EntryDigestTests.item("2")]),
        EntryDigestTests.rss(["<item><guid>1</guid><?pi </item> ?><title>t</title></item>", EntryDigestTests.item("2")]),
        EntryDigestTests.rss(["<item><guid>1</guid><a title=\"</item>\" alt='>'>x</a></item>", EntryDigestTests.item("2")]),
        EntryDigestTests.rss(["<item><guid>1</guid><a title= </item>x</item>", EntryDigestTests.item("2")]),
        // An entry left open: the next one closes it, or the channel's end, or the document's.
        EntryDigestTests.rss(["<item><guid>1</guid><title>open", EntryDigestTests.item("2"), EntryDigestTests.item("3")]),
        EntryDigestTests.rss([EntryDigestTests.item("1"), "<item><guid>2</guid><title>t</title>"]),
        "<rss version=\"2.0\"><channel><title>t</title>" + EntryDigestTests.item("1") + "<item><guid>2</guid><title>cut",
        // An end tag of the channel inside an entry closes both.
        EntryDigestTests.rss(["<item><guid>1</guid><title>t</channel>" + EntryDigestTests.item("2"), EntryDigestTests.item("3")]),
        // Unclosed elements inside, and an end tag that closes nothing.
        EntryDigestTests.rss(["<item><guid>1</guid><b><i>t</item>", "<item><guid>2</guid></p></item>", EntryDigestTests.item("3")]),
        // Items beside the channel (RSS 0.9x), RDF and Atom.
        "<rss version=\"0.91\"><channel><title>t</title>" + EntryDigestTests.item("1") + "</channel>" + EntryDigestTests.item("2") + "</rss>",
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel><title>t</title></channel>"
            + EntryDigestTests.item("1") + EntryDigestTests.item("2") + "</rdf:RDF>",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry><id>1</id><title>a</title><content type=\"html\">&lt;p&gt;x&lt;/p&gt;</content></entry>"
            + "<entry><id>2</id><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">b</div></title></entry></feed>",
        // A title after the entries.
        "<rss version=\"2.0\"><channel>" + EntryDigestTests.item("1") + EntryDigestTests.item("2") + "<title>late</title></channel></rss>",
    ])
    func anEntryIsSkippedWholeOrReadAsAlways(document: String) throws {
        let full = try Self.parse(document)
        let fullRead = try FeedParser.parse(Array(document.utf8), baseURL: "https://example.com/feed")
        #expect(full.entries.map(Self.withoutDigest) == fullRead.entries)
        let read = try Self.parse(document, memory: Self.memory(full.entries))
        // The entries with a digest are skipped; those without (left open, cut off) are read as before.
        #expect(read.entries == full.entries.filter { $0.digest == nil })
        #expect(read.repeatedEntries.map(\.digest) == full.entries.compactMap(\.digest))
        #expect(read.title == full.title && read.link == full.link)
        // A skip that ended inside an entry would leave markup that warns where a full read does not.
        #expect(Set(read.warnings).isSubset(of: Set(full.warnings)))
        #expect(full.entries.contains { $0.digest != nil })
    }

    @Test func nestedEntriesAndDeepOnesGetNoDigest() throws {
        // A second <item> inside the first: the reader closes the first there, so neither the first's
        // extent nor a digest for it is guessed.
        let feed = try Self.parse(Self.rss(["<item><guid>1</guid>" + Self.item("2") + "</item>", Self.item("3")]))
        #expect(feed.entries.count == 3)
        #expect(feed.entries[0].digest == nil)
        #expect(feed.entries[2].digest != nil)
    }

    @Test func theMemoryRoundTripsAndTheHashIsStable() {
        let memory = EntryMemory(keys: [1: 2, 0xFFFF_FFFF_FFFF_FFFF: 7, 42: 0])
        #expect(EntryMemory(encoded: memory.encoded) == memory)
        #expect(memory.encoded.count == 48)
        #expect(EntryMemory(encoded: [1, 2, 3]).isEmpty)
        // Stored digests must read the same in every version: the values for fixed input are fixed.
        let bytes = Array("<item><title>新闻</title></item>".utf8)
        let digest = bytes.withUnsafeBytes { EntryDigest.value($0, seed: 7) }
        #expect(digest == bytes.withUnsafeBytes { EntryDigest.value($0, seed: 7) })
        #expect(digest != bytes.withUnsafeBytes { EntryDigest.value($0, seed: 8) })
        #expect(digest == 13_974_438_253_781_041_882)
        // Every length up to two words, and every byte of it, reaches the hash.
        let long = Array("0123456789abcdefg".utf8)
        var seen = Set<UInt64>()
        for length in 0...long.count {
            #expect(seen.insert(Array(long.prefix(length)).withUnsafeBytes { EntryDigest.value($0, seed: 1) }).inserted)
        }
        for position in long.indices {
            var changed = long
            changed[position] ^= 1
            #expect(seen.insert(changed.withUnsafeBytes { EntryDigest.value($0, seed: 1) }).inserted)
        }
    }
}
