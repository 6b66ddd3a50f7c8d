import Foundation
import Publisher
import Testing

/// Queries against a written index (SearchIndexReader answers them as search.js does).
struct SearchQueryEvaluatorTests {
    static func withIndex<T>(_ documents: [SearchDocument] = SearchTestCorpus.documents, _ body: (SearchIndexReader) throws -> T) throws -> T {
        let site = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: site) }
        try SearchIndexWriter(directory: site).write(documents)
        return try body(SearchIndexReader(directory: site))
    }

    @Test func aTwoCharacterQueryFindsEveryStoryThatContainsIt() throws {
        let hits = try Self.withIndex { try $0.search("银行").hits }
        #expect(Set(hits.map(\.path)) == SearchTestCorpus.paths(containing: "银行"))
        #expect(hits.count == SearchTestCorpus.paths(containing: "银行").count)
    }

    @Test func aMixedQueryNeedsEveryTerm() throws {
        let hits = try Self.withIndex { try $0.search("AI 芯片").hits }
        // story 4 (AI芯片) and story 5 (full-width ＡＩ … 芯片); not story 6 (Aid … 芯片).
        #expect(Set(hits.map(\.path)) == ["2022/07/story-004.html", "2022/07/story-005.html"])
    }

    @Test func aLongerPhraseIsConfirmedOnTheText() throws {
        let hits = try Self.withIndex { try $0.search("人工智能").hits }
        // story 9 has every pair (人工, 工智, 智能) but not the phrase.
        #expect(Set(hits.map(\.path)) == ["2022/07/story-006.html", "2022/07/story-008.html"])
    }

    @Test func titleHitsComeFirstThenNewerStories() throws {
        let hits = try Self.withIndex { try $0.search("银行").hits }
        let titled = hits.prefix { $0.title.contains("银行") }
        #expect(titled.map(\.path) == ["2022/07/story-007.html", "2022/07/story-001.html"])
        let rest = hits.dropFirst(titled.count)
        #expect(rest.allSatisfy { !$0.title.contains("银行") })
        #expect(rest.map(\.date) == rest.map(\.date).sorted(by: >))
    }

    @Test func aQueryDownloadsItsShardsAndTheFilesOfItsResults() throws {
        let read = try Self.withIndex { try $0.search("AI 芯片").filesRead }
        #expect(read.filter { $0.hasPrefix("search/terms/") }.count == 2)
        #expect(read.filter { $0.hasPrefix("search/docs/") }.count == 2)
    }

    @Test func aTermNoStoryHasFindsNothing() throws {
        #expect(try Self.withIndex { try $0.search("区块链 银行").hits }.isEmpty)
    }
}
