import Foundation
import NewsCore
@testable import Publisher
import Testing

/// The sharded index on disk: deterministic, and rewritten only where it changes.
struct SearchIndexWriterTests {
    /// The shard files a document's terms live in.
    static func shardPaths(of document: SearchDocument) -> Set<String> {
        var paths: Set<String> = []
        for text in [document.title, document.text] {
            for run in SearchTerms.runs(of: text) {
                switch run {
                case .word(let word):
                    paths.insert(SearchIndexLayout.shardPath(SearchTerm(word).shard))
                case .cjk(let characters):
                    for (index, character) in characters.enumerated() {
                        let keys = [SearchTerm.cjkKey(character, nil)]
                            + (index > 0 ? [SearchTerm.cjkKey(characters[index - 1], character)] : [])
                        for key in keys { paths.insert(SearchIndexLayout.shardPath(SearchTerm(cjkKey: key).shard)) }
                    }
                }
            }
        }
        return paths
    }

    @Test func theSameDocumentsInAnyOrderGiveTheSameBytes() throws {
        let first = try SearchTestCorpus.temporaryDirectory()
        let second = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        try SearchIndexWriter(directory: first).write(SearchTestCorpus.documents)
        try SearchIndexWriter(directory: second).write(SearchTestCorpus.documents.reversed())
        let files = try SearchTestCorpus.files(in: first)
        #expect(files.count > 40)
        #expect(files == (try SearchTestCorpus.files(in: second)))
    }

    @Test func aSecondWriteWithNothingNewChangesNoFile() throws {
        let site = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: site) }
        let writer = SearchIndexWriter(directory: site)
        let first = try writer.write(SearchTestCorpus.documents)
        #expect(first.written == (try SearchTestCorpus.files(in: site)).count)
        let manifest = site.appendingPathComponent(SearchIndexLayout.manifestPath)
        let modified = try FileManager.default.attributesOfItem(atPath: manifest.path)[.modificationDate] as? Date
        #expect(try writer.write(SearchTestCorpus.documents.shuffled()) == PublishResult())
        #expect(try FileManager.default.attributesOfItem(atPath: manifest.path)[.modificationDate] as? Date == modified)
    }

    @Test func oneNewStoryRewritesItsFileTheManifestAndTheShardsOfItsTermsOnly() throws {
        let site = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: site) }
        let writer = SearchIndexWriter(directory: site)
        try writer.write(SearchTestCorpus.documents)
        let before = try SearchTestCorpus.files(in: site)
        let story = SearchTestCorpus.document(41, title: "银行业绩快报", text: "招商银行 Q3 净利润增长。", minutes: 100_000)
        let result = try writer.write(SearchTestCorpus.documents + [story])
        let changed = SearchTestCorpus.changes(from: before, to: try SearchTestCorpus.files(in: site))
        let number = SearchIndexLayout.preferredNumber(for: story.date)
        let expected = Self.shardPaths(of: story).union([SearchIndexLayout.manifestPath, SearchIndexLayout.documentPath(number)])
        #expect(changed == expected)
        #expect(result == PublishResult(written: expected.count, removed: 0))
        #expect(changed.count < 40)
    }

    @Test func aBackdatedStoryRenumbersNoOtherStory() throws {
        let site = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: site) }
        let writer = SearchIndexWriter(directory: site)
        try writer.write(SearchTestCorpus.documents)
        let before = try SearchTestCorpus.files(in: site)
        let story = SearchTestCorpus.document(42, title: "旧闻补录", text: "一年前的报道。", minutes: -500_000)
        try writer.write(SearchTestCorpus.documents + [story])
        let changed = SearchTestCorpus.changes(from: before, to: try SearchTestCorpus.files(in: site))
        let number = SearchIndexLayout.preferredNumber(for: story.date)
        #expect(changed == Self.shardPaths(of: story).union([SearchIndexLayout.manifestPath, SearchIndexLayout.documentPath(number)]))
    }

    @Test func storiesOfTheSameMinuteTakeTheNextFreeNumbers() {
        let same = (1...3).map { SearchTestCorpus.document($0, title: "同一分钟 \($0)", text: "", minutes: 5) }
        let numbers = SearchIndexBuilder(same.reversed()).documents.map(\.number)
        let minute = SearchIndexLayout.preferredNumber(for: same[0].date)
        #expect(numbers == [minute, minute + 1, minute + 2])
    }

    @Test func aRemovedStoryLosesItsFileAndItsPostings() throws {
        let site = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: site) }
        let writer = SearchIndexWriter(directory: site)
        try writer.write(SearchTestCorpus.documents)
        let gone = SearchTestCorpus.documents[6]
        let result = try writer.write(SearchTestCorpus.documents.filter { $0 != gone })
        let number = SearchIndexLayout.preferredNumber(for: gone.date)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(SearchIndexLayout.documentPath(number)).path))
        #expect(result.removed >= 1)
        let fresh = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: fresh) }
        try SearchIndexWriter(directory: fresh).write(SearchTestCorpus.documents.filter { $0 != gone })
        #expect(try SearchTestCorpus.files(in: site) == SearchTestCorpus.files(in: fresh))
    }

    @Test func documentFilesAreJSONWithScriptsAsText() throws {
        let json = SearchDocumentFile.json(SearchTestCorpus.documents[6])
        #expect(!json.contains("<"))
        let decoded = try JSONDecoder().decode(SearchIndexReader.Hit.self, from: Data(json.utf8))
        #expect(decoded.title == "<script>alert(1)</script> 银行 标题")
    }

    @Test func aSiteThatCannotBeWrittenIsNamedInTheError() throws {
        let site = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: site) }
        try Data().write(to: site.appendingPathComponent("search"))  // a file where the folder should be
        let error = #expect(throws: FileWriteError.self) {
            try SearchIndexWriter(directory: site).write(SearchTestCorpus.documents)
        }
        #expect(error?.description.contains(site.appendingPathComponent("search").path) == true)
    }
}
