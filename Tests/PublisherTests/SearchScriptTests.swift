import Foundation
@testable import Publisher
import Testing

/// The site's own assets/search.js, run under node against a written index (Tests/Fixtures/Search/run-search.js).
@Suite(.enabled(if: SearchTools.node != nil, "node is not installed: search.js is not tested"))
struct SearchScriptTests {
    struct QueryOutput: Decodable {
        var paths: [String]
        var firstPageBytes: Int
        var firstPageFiles: Int
        var html: [String]
        var shard: Int
    }

    static func run(_ queries: [String], documents: [SearchDocument] = SearchTestCorpus.documents) throws -> [String: QueryOutput] {
        let site = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: site) }
        try SearchIndexWriter(directory: site).write(documents)
        for asset in SearchIndexWriter.assets {
            let url = site.appendingPathComponent(asset.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try asset.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        let script = SearchTools.fixtures.appendingPathComponent("run-search.js").path
        let output = try SearchTools.run(SearchTools.node!, [script, site.path] + queries)
        return try JSONDecoder().decode([String: QueryOutput].self, from: Data(output.utf8))
    }

    @Test func yinhangFindsEveryStoryThatContainsItInTheReadersOrder() throws {
        let output = try #require(try Self.run(["银行"])["银行"])
        #expect(Set(output.paths) == SearchTestCorpus.paths(containing: "银行"))
        let reader = try SearchQueryEvaluatorTests.withIndex { try $0.search("银行").hits.map(\.path) }
        #expect(output.paths == reader)
    }

    @Test func aMixedQueryAndALongerPhraseAgreeWithTheReader() throws {
        let output = try Self.run(["AI 芯片", "人工智能", "ａｉ　芯片", "区块链"])
        // story 4 has both terms in its title, so it comes first.
        #expect(output["AI 芯片"]?.paths == ["2022/07/story-004.html", "2022/07/story-005.html"])
        #expect(output["ａｉ　芯片"]?.paths == output["AI 芯片"]?.paths)
        #expect(output["人工智能"]?.paths == ["2022/07/story-008.html", "2022/07/story-006.html"])
        #expect(output["区块链"]?.paths == [])
    }

    @Test func theScriptHashesTermsToTheWritersShards() throws {
        let terms = ["a", "银行", "ai", "5g", "ニュ"]
        let output = try Self.run(terms)
        for term in terms {
            #expect(output[term]?.shard == SearchTerm(term).shard, "shard of \(term)")
        }
        #expect(output["a"]?.shard == 0x92C)
    }

    @Test func aScriptTitleIsRenderedAsTextWithTheMatchMarked() throws {
        let output = try #require(try Self.run(["银行"])["银行"])
        let first = try #require(output.html.first)
        #expect(first.contains("&lt;script&gt;alert(1)&lt;/script&gt; <mark>银行</mark> 标题"))
        #expect(!first.contains("<script"))
        #expect(first.contains("href=\"../2022/07/story-007.html\""))
        #expect(output.html.allSatisfy { $0.contains("<mark>银行</mark>") })
    }
}
