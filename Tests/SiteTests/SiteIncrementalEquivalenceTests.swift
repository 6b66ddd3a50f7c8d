import Foundation
import NewsCore
@testable import Publisher
import SiteTestSupport
import Testing

/// However a site got to its stories, run by run, its files are byte for byte those of one full build
/// of the same stories into an empty folder: the incremental path renders only what can have changed,
/// and this is what catches a page it wrongly left alone.
struct SiteIncrementalEquivalenceTests {
    /// Every served file of the site (the state folder left out), by site-relative path.
    static func files(of fixture: SiteFixture) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = fixture.options.directory
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            guard !path.hasPrefix(".newsmill-site") else { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            files[path] = try Data(contentsOf: root.appendingPathComponent(path))
        }
        return files
    }

    static func expectSameFiles(_ incremental: SiteFixture, asFullBuildOf items: [PublishedItem], step: String) async throws {
        let full = try SiteFixture(pageSize: incremental.options.pageSize)
        defer { full.remove() }
        try await full.run(items)
        let built = try files(of: incremental)
        let expected = try files(of: full)
        #expect(Set(built.keys) == Set(expected.keys), "\(step): files differ in name")
        let differing = expected.keys.filter { built[$0] != nil && built[$0] != expected[$0] }.sorted()
        #expect(differing.isEmpty, "\(step): \(differing.count) file(s) differ from a full build, e.g. \(differing.prefix(5))")
    }

    @Test func newOlderUpdatedAndRemovedStoriesLeaveTheFilesOfAFullBuild() async throws {
        let fixture = try SiteFixture(pageSize: 4)
        defer { fixture.remove() }
        var live: [Int: PublishedItem] = [:]
        for number in (1...40) where number != 12 { live[number] = fixture.item(number) }
        try await fixture.run(live.keys.sorted().map { live[$0]! })

        // The newest story.
        live[41] = fixture.item(41)
        try await fixture.run([live[41]!])
        try await Self.expectSameFiles(fixture, asFullBuildOf: live.keys.sorted().map { live[$0]! }, step: "a new story")

        // A story older than most: every page from its place on in its lists moves.
        live[12] = fixture.item(12)
        try await fixture.run([live[12]!])
        try await Self.expectSameFiles(fixture, asFullBuildOf: live.keys.sorted().map { live[$0]! }, step: "an older story")

        // A story whose title changed: it shows on its neighbours' pages (related) and in its lists.
        live[20] = fixture.item(20, title: "更新后的标题 <b>二十</b>")
        try await fixture.run([live[20]!])
        try await Self.expectSameFiles(fixture, asFullBuildOf: live.keys.sorted().map { live[$0]! }, step: "an updated story")

        // A removed story.
        let gone = live.removeValue(forKey: 30)!.item
        try await fixture.run([], removals: [RemovedItem(itemKey: gone.key, postKey: gone.postKey)])
        try await Self.expectSameFiles(fixture, asFullBuildOf: live.keys.sorted().map { live[$0]! }, step: "a removed story")
    }

    /// A story page lists five older stories of its channel with their time to the second: when one of
    /// them is re-dated within its minute, the pages that list it show the new time.
    @Test func aRelatedStoryRedatedWithinItsMinuteIsShownWithItsNewTime() async throws {
        let fixture = try SiteFixture(pageSize: 4)
        defer { fixture.remove() }
        var live = (1...12).map { fixture.item($0) }
        try await fixture.run(live)
        // Story 5 is related on the pages of stories 8 and 11 (the same source, one hour apart).
        live[4].item.date += 20
        try await fixture.run([live[4]])
        try await Self.expectSameFiles(fixture, asFullBuildOf: live, step: "a related story re-dated by 20 s")
    }

    @Test func aPageDeletedByHandComesBackWithTheNextRunThatChangesTheSite() async throws {
        let fixture = try SiteFixture(pageSize: 4)
        defer { fixture.remove() }
        try await fixture.run((1...20).map { fixture.item($0) })
        let page = try #require(try Self.files(of: fixture).keys.first { $0.hasPrefix("2022/") && $0.hasSuffix(".html") })
        let listPage = "page/1.html"
        try FileManager.default.removeItem(at: fixture.options.directory.appendingPathComponent(page))
        try FileManager.default.removeItem(at: fixture.options.directory.appendingPathComponent(listPage))
        try await fixture.run([fixture.item(21)])
        #expect(FileManager.default.fileExists(atPath: fixture.options.directory.appendingPathComponent(page).path))
        #expect(FileManager.default.fileExists(atPath: fixture.options.directory.appendingPathComponent(listPage).path))
        try await Self.expectSameFiles(fixture, asFullBuildOf: (1...21).map { fixture.item($0) }, step: "pages deleted by hand")
    }
}
