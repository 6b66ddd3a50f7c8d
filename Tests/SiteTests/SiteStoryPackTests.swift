import Foundation
import NewsCore
@testable import Publisher
import SiteTestSupport
import Testing

/// The stories' texts and bodies live in one append-only pack with an index: a run appends only
/// stories whose revision changed, a crash's half-written end is cut off, a lost index is rebuilt from
/// the pack, and the pack is rewritten without its dead entries once they outweigh the live ones.
struct SiteStoryPackTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func story(_ number: Int, revision: String = "r1") -> SiteStoryPack.Story {
        SiteStoryPack.Story(stem: "stem\(number)", revision: revision, text: "第\(number)篇的正文 \(revision)", body: "<p>第\(number)篇 \(revision)</p>")
    }

    static func opened(_ folder: URL) throws -> SiteStoryPack {
        let pack = SiteStoryPack(directory: folder)
        try pack.load(revisions: [:])
        return pack
    }

    static func size(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
    }

    @Test func storiesAreReadBackAndTheSameRevisionIsNotAppendedAgain() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pack = try Self.opened(folder)
        #expect(try pack.write((1...3).map { Self.story($0) }) == 3)
        let size = try Self.size(pack.packPath(generation: 0))
        #expect(try pack.write((1...3).map { Self.story($0) }) == 0)
        #expect(try Self.size(pack.packPath(generation: 0)) == size)
        #expect(try pack.write([Self.story(2, revision: "r2")]) == 1)
        let reopened = try Self.opened(folder)
        for (number, revision) in [(1, "r1"), (2, "r2"), (3, "r1")] {
            #expect(reopened.text(stem: "stem\(number)") == Self.story(number, revision: revision).text)
            #expect(reopened.body(stem: "stem\(number)") == Self.story(number, revision: revision).body)
        }
        try reopened.remove(stems: ["stem3"])
        #expect(try Self.opened(folder).body(stem: "stem3") == "")
        #expect(try Self.opened(folder).stems == ["stem1", "stem2"])
    }

    @Test func aHalfWrittenEntryIsCutOffAndALostIndexLineIsReadBackFromThePack() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pack = try Self.opened(folder)
        _ = try pack.write([Self.story(1)])
        let indexAfterOne = try Data(contentsOf: URL(fileURLWithPath: pack.indexPath))
        _ = try pack.write([Self.story(2)])
        let whole = try Self.size(pack.packPath(generation: 0))
        // A crash: the second entry's index line is lost, and a third entry is half in the pack.
        try indexAfterOne.write(to: URL(fileURLWithPath: pack.indexPath))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: pack.packPath(generation: 0)))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("stem3 500 20 r1\n第三".utf8))
        try handle.close()
        let reopened = try Self.opened(folder)
        #expect(reopened.stems == ["stem1", "stem2"])
        #expect(reopened.text(stem: "stem2") == Self.story(2).text && reopened.body(stem: "stem2") == Self.story(2).body)
        #expect(try Self.size(pack.packPath(generation: 0)) == whole)
        _ = try reopened.write([Self.story(3)])
        #expect(try Self.opened(folder).body(stem: "stem3") == Self.story(3).body)
        // No index at all: it is made again from the pack.
        try FileManager.default.removeItem(atPath: pack.indexPath)
        let rebuilt = try Self.opened(folder)
        #expect(rebuilt.stems == ["stem1", "stem2", "stem3"] && rebuilt.text(stem: "stem1") == Self.story(1).text)
    }

    /// Two packs opened on one folder (two publishers of the same site in one process, one after the
    /// other): each batch's entries are indexed where they really went, at the file's end.
    @Test func aBatchIsIndexedAtThePacksRealEndWhenAnotherPackAppendedMeanwhile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Self.opened(folder)
        let second = try Self.opened(folder)
        let long = SiteStoryPack.Story(stem: "stem2", revision: "r1", text: String(repeating: "长文", count: 200), body: "<p>长文</p>")
        _ = try second.write([Self.story(1)])
        _ = try first.write([long])
        for reader in [first, try Self.opened(folder)] {
            #expect(reader.text(stem: "stem2") == long.text && reader.body(stem: "stem2") == long.body)
        }
        #expect(try Self.opened(folder).text(stem: "stem1") == Self.story(1).text)
    }

    @Test func thePackIsCompactedOnceItsDeadEntriesOutweighItsLiveOnes() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pack = try Self.opened(folder)
        let long = String(repeating: "数字化转型", count: 20_000)
        for round in 0..<20 {
            _ = try pack.write([SiteStoryPack.Story(stem: "big", revision: "r\(round)", text: long + "\(round)", body: "<p>\(round)</p>"), Self.story(round)])
        }
        try pack.compactIfWorthIt()
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(names == ["stories-1.pack", SiteStoryPack.indexName], "\(names)")
        #expect(try Self.size(pack.packPath(generation: 1)) < 2 * (long.utf8.count + 2000))
        for reader in [pack, try Self.opened(folder)] {
            #expect(reader.text(stem: "big") == long + "19" && reader.body(stem: "big") == "<p>19</p>")
            #expect(reader.body(stem: "stem7") == Self.story(7).body && reader.stems.count == 21)
        }
        _ = try pack.write([Self.story(30)])
        #expect(try Self.opened(folder).body(stem: "stem30") == Self.story(30).body)
    }

    /// A site whose state a version before the pack wrote (a `.story` file per story, its pages and
    /// search index in place), then runs of this version: the files go into the pack, and the site
    /// ends as a full build of the same stories.
    @Test func aSiteOfTheVersionBeforeThePackGetsNewStoriesAndEndsAsAFullBuild() async throws {
        let fixture = try SiteFixture(pageSize: 4)
        defer { fixture.remove() }
        var items = (1...12).map { fixture.item($0) }
        try await fixture.run(items)
        _ = try SiteStateTests.downgrade(fixture, twoFiles: false)
        #expect(try SiteStateTests.bodyFiles(fixture).count == 12)
        items.append(fixture.item(13))
        try await fixture.run([items[12]])
        #expect(try SiteStateTests.bodyFiles(fixture) == SiteStateTests.packFiles)
        try await SiteIncrementalEquivalenceTests.expectSameFiles(fixture, asFullBuildOf: items, step: "upgraded, one new story")
        // A story changed afterwards, and a run with nothing new.
        items[3] = fixture.item(4, title: "改过的标题")
        try await fixture.run([items[3]])
        try await SiteIncrementalEquivalenceTests.expectSameFiles(fixture, asFullBuildOf: items, step: "upgraded, one changed story")
        let before = fixture.fileStamps()
        #expect(try await fixture.run(items) == PublishResult())
        #expect(fixture.fileStamps() == before)
    }
}
