import Foundation
import NewsCore
@testable import Publisher
import SiteTestSupport
import Testing

/// The site's state keeps each story's plain text in a file of its own (`bodies/<stem>.txt`), not in
/// the log or in memory; a log written by an earlier version, which held the texts, is read alike.
struct SiteStateTests {
    /// Every search document of the built site, by page path: its title and text.
    static func searchTexts(_ fixture: SiteFixture) throws -> [String: String] {
        var texts: [String: String] = [:]
        let documents = fixture.options.directory.appendingPathComponent(SearchIndexLayout.documentsFolder)
        for bucket in try FileManager.default.contentsOfDirectory(atPath: documents.path) {
            for name in try FileManager.default.contentsOfDirectory(atPath: documents.appendingPathComponent(bucket).path) {
                let hit = try JSONDecoder().decode(SearchIndexReader.Hit.self, from: Data(contentsOf: documents.appendingPathComponent(bucket + "/" + name)))
                texts[hit.path] = hit.title + "|" + hit.text
            }
        }
        return texts
    }

    @Test func theLogHoldsNoTextsAndEachStoryHasATextFile() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        // Past the summary's 140 characters, the text goes only to the search index.
        let long = "<p>" + String(repeating: "数字化转型。", count: 30) + "</p><p>只在正文末尾的句子</p>"
        try await fixture.run((1...4).map { fixture.item($0, html: long) })
        let state = fixture.options.directory.appendingPathComponent(".newsmill-site")
        let log = try String(contentsOf: state.appendingPathComponent("stories.log"), encoding: .utf8)
        #expect(!log.contains("只在正文末尾的句子"))
        let texts = try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("bodies").path).filter { $0.hasSuffix(".txt") }
        #expect(texts.count == 4)
        let search = try Self.searchTexts(fixture)
        #expect(search.count == 4 && search.values.allSatisfy { $0.hasSuffix("只在正文末尾的句子") })
    }

    @Test func aLogOfAnEarlierVersionWithTextsBuildsTheSameSearchIndex() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await fixture.run((1...4).map { fixture.item($0) })
        let expected = try Self.searchTexts(fixture)
        // What an earlier version left: each story's text inside its log line, no text files, and (to
        // make the build write the index again) no search index and no stamp of a complete build.
        let state = fixture.options.directory.appendingPathComponent(".newsmill-site")
        let bodies = state.appendingPathComponent("bodies")
        let logURL = state.appendingPathComponent("stories.log")
        var lines: [String] = []
        for line in try String(contentsOf: logURL, encoding: .utf8).split(separator: "\n") {
            var fields = SiteRecordCoding.fields(of: line)
            if fields.first == SiteStory.tag, let story = SiteStory(record: fields) {
                let textFile = bodies.appendingPathComponent(story.stem + ".txt")
                fields[13] = try String(contentsOf: textFile, encoding: .utf8)
                try FileManager.default.removeItem(at: textFile)
            }
            lines.append(SiteRecordCoding.line(fields))
        }
        try lines.joined().write(to: logURL, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: state.appendingPathComponent("built"))
        try FileManager.default.removeItem(at: fixture.options.directory.appendingPathComponent("search"))
        _ = try await fixture.publisher.finish()
        #expect(try Self.searchTexts(fixture) == expected)
        #expect(fixture.crawler.crawl().problems == [])
    }
}
