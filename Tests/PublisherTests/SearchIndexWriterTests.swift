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

    @Test func aPatchedIndexHoldsTheBytesOfAFullBuildAfterEveryKindOfChange() throws {
        let site = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: site) }
        let writer = SearchIndexWriter(directory: site)
        var documents = SearchTestCorpus.documents
        try writer.write(documents)
        var edited = documents[1]
        edited.text = "改写后的正文：银行与 AI 芯片。"
        let steps: [(String, ([SearchDocument]) -> [SearchDocument])] = [
            ("a new story", { $0 + [SearchTestCorpus.document(50, title: "新增 银行", text: "新的 AI 正文", minutes: 90_000)] }),
            ("an edited text", { docs in docs.map { $0.path == edited.path ? edited : $0 } }),
            ("a removed story", { docs in docs.filter { $0.path != "2022/07/story-004.html" } }),
            ("a story in a taken minute", { $0 + [SearchTestCorpus.document(51, title: "同分钟", text: "挤占编号", minutes: 37)] }),
            ("a story in a new bucket, then its removal", { $0 + [SearchTestCorpus.document(52, title: "远", text: "远期", minutes: 9_000_000)] }),
            ("the removal", { docs in docs.filter { $0.path != "2022/07/story-052.html" } }),
        ]
        for (change, step) in steps {
            documents = step(documents)
            // The patch itself, not the full build it falls back to.
            let result = try #require(try writer.patch(SearchIndexBuilder.numbered(documents)), "after \(change)")
            let fresh = try SearchTestCorpus.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: fresh) }
            try SearchIndexWriter(directory: fresh).write(documents)
            let differing = SearchTestCorpus.changes(from: try SearchTestCorpus.files(in: site), to: try SearchTestCorpus.files(in: fresh))
            #expect(differing.isEmpty, "after \(change): \(differing.sorted().prefix(5))")
            #expect(result.written + result.removed < 60, "after \(change): \(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("search/docs/\(SearchIndexLayout.preferredNumber(for: SearchTestCorpus.start.addingTimeInterval(540_000_000)) / SearchIndexLayout.bucketSize)").path))
    }

    @Test func aDamagedShardThatAChangeTouchesIsRebuiltNotPatched() throws {
        let site = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: site) }
        let writer = SearchIndexWriter(directory: site)
        try writer.write(SearchTestCorpus.documents)
        let story = SearchTestCorpus.document(60, title: "银行", text: "", minutes: 100_000)
        let shard = site.appendingPathComponent(SearchIndexLayout.shardPath(SearchTerm("银行").shard))
        try Data("银行\t!!!\t\n".utf8).write(to: shard)
        try writer.write(SearchTestCorpus.documents + [story])
        let fresh = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: fresh) }
        try SearchIndexWriter(directory: fresh).write(SearchTestCorpus.documents + [story])
        #expect(try SearchTestCorpus.files(in: site) == SearchTestCorpus.files(in: fresh))
    }

    /// Stories of pseudo-random text over many scripts (CJK of the basic and the supplementary planes,
    /// kana, Hangul, Latin with accents, Cyrillic, digits, full-width forms), so that terms fall in every
    /// spill group and every UTF-8 length.
    static func mixedDocuments(_ count: Int) -> [SearchDocument] {
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = ["银行", "芯片", "AI", "ＡＩ", "café", "Ünïcode", "москва", "かな", "한국", "𠀀𠀁", "2024", "５Ｇ", "的", "x"]
        return (0..<count).map { number in
            var text = ""
            for _ in 0..<(20 + next(60)) {
                if next(3) == 0 {
                    text += pieces[next(pieces.count)] + (next(2) == 0 ? " " : "")
                } else {
                    text.unicodeScalars.append(Unicode.Scalar(0x4E00 + UInt32(next(3_000)))!)
                }
            }
            let title = pieces[next(pieces.count)] + "快讯 \(number)" + String(text.prefix(next(8)))
            return SearchTestCorpus.document(100 + number, title: title, text: text, minutes: number * 3 + next(3))
        }
    }

    @Test func aFullBuildThroughTheSpillWritesTheBytesOfTheIndexBuiltInMemory() throws {
        let documents = SearchTestCorpus.documents + Self.mixedDocuments(400)
        let site = try SearchTestCorpus.temporaryDirectory()
        let scratch = try SearchTestCorpus.temporaryDirectory().appendingPathComponent("scratch")
        defer { try? FileManager.default.removeItem(at: site); try? FileManager.default.removeItem(at: scratch.deletingLastPathComponent()) }
        // Texts read one at a time, as the site reads them from its files.
        let texts = Dictionary(uniqueKeysWithValues: documents.map { ($0.path, $0.text) })
        var reads = 0
        let headers = documents.map { SearchDocument(path: $0.path, title: $0.title, date: $0.date, source: $0.source, text: "") }
        try SearchIndexWriter(directory: site, stateFolder: scratch).write(headers.shuffled()) { document in
            reads += 1
            return texts[document.path]!
        }
        #expect(reads == documents.count)
        #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("spill").path))
        let index = SearchIndexBuilder(documents)
        var expected: [String: Data] = [SearchIndexLayout.manifestPath: Data(SearchIndexWriter.manifest(documents: documents.count).utf8)]
        for (shard, contents) in index.shardFiles() { expected[SearchIndexLayout.shardPath(shard)] = Data(contents.utf8) }
        for (number, document) in index.documents { expected[SearchIndexLayout.documentPath(number)] = Data(SearchDocumentFile.json(document).utf8) }
        let written = try SearchTestCorpus.files(in: site)
        #expect(expected.count > 1_000)
        #expect(Set(written.keys) == Set(expected.keys))
        let differing = SearchTestCorpus.changes(from: expected, to: written)
        #expect(differing.isEmpty, "\(differing.count) files differ, e.g. \(differing.sorted().prefix(3))")
    }

    @Test func theShardOfACJKKeyIsTheShardOfItsText() {
        for (first, second) in [("银", nil), ("银", "行"), ("か", "な"), ("한", nil), ("𠀀", "𠀁"), ("丽", "𠀀")] as [(Character, Character?)] {
            let a = first.unicodeScalars.first!
            let b = second?.unicodeScalars.first
            let key = SearchTerm.cjkKey(a, b)
            #expect(SearchTerm.shard(ofCJKKey: key) == SearchTerm(cjkKey: key).shard, "\(first)\(second.map(String.init) ?? "")")
        }
    }

    @Test func aDocumentWithTheFingerprintOfTheLastWriteIsNotReadAgain() throws {
        let site = try SearchTestCorpus.temporaryDirectory()
        let state = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: site); try? FileManager.default.removeItem(at: state) }
        var documents = SearchTestCorpus.documents
        func headers() -> [SearchDocument] {
            documents.map { SearchDocument(path: $0.path, title: $0.title, date: $0.date, source: $0.source, text: "", fingerprint: $0.path + "@" + $0.text) }
        }
        let writer = SearchIndexWriter(directory: site, stateFolder: state)
        var read: [String] = []
        func text(_ document: SearchDocument) -> String {
            read.append(document.path)
            return documents.first { $0.path == document.path }!.text
        }
        try writer.write(headers(), text: text)
        #expect(read.count == documents.count)
        read = []
        #expect(try writer.write(headers(), text: text) == PublishResult())
        #expect(read.isEmpty)
        // One edited text (a new fingerprint) and one document file deleted behind the writer's back.
        documents[3].text = "改写：银行 AI。"
        let deleted = SearchIndexLayout.documentPath(SearchIndexBuilder.numbered(documents).first { $0.document.path == documents[8].path }!.number)
        try FileManager.default.removeItem(at: site.appendingPathComponent(deleted))
        read = []
        try writer.write(headers(), text: text)
        #expect(Set(read) == [documents[3].path, documents[8].path])
        let fresh = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: fresh) }
        try SearchIndexWriter(directory: fresh).write(documents)
        #expect(try SearchTestCorpus.files(in: site) == SearchTestCorpus.files(in: fresh))
    }

    @Test func scratchFilesAKilledFullBuildLeftAreRemovedByTheNextWrite() throws {
        let site = try SearchTestCorpus.temporaryDirectory()
        let state = try SearchTestCorpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: site); try? FileManager.default.removeItem(at: state) }
        let writer = SearchIndexWriter(directory: site, stateFolder: state)
        try writer.write(SearchTestCorpus.documents)
        let leftover = state.appendingPathComponent("spill/7.terms")
        try FileManager.default.createDirectory(at: leftover.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(repeating: 1, count: 4096).write(to: leftover)
        // Nothing new: the patch path, which writes nothing.
        #expect(try writer.write(SearchTestCorpus.documents) == PublishResult())
        #expect(!FileManager.default.fileExists(atPath: leftover.deletingLastPathComponent().path))
    }

    @Test func theSpillsRadixSortOrdersAsSortDoes() {
        var state: UInt64 = 0xC0FFEE
        for (count, bits) in [(0, 8), (3, 64), (257, 1), (1_000, 9), (5_000, 54), (20_000, 64), (4_096, 17)] {
            let records = (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return bits == 64 ? state : state >> UInt64(64 - bits)
            }
            var sorted = records
            SearchShardSpill.radixSort(&sorted)
            #expect(sorted == records.sorted(), "\(count) records of \(bits) bits")
        }
    }

    /// Sorting only the bits above the low ones keeps records of equal high bits in the order they came
    /// (the spill's records come in ascending document order, so their ranks need no sorting).
    @Test func theSpillsRadixSortOfTheHighBitsKeepsTheOrderOfTheLowOnes() {
        var state: UInt64 = 0xBEEF
        for (count, highBits, lowBits) in [(300, 3, 15), (5_000, 38, 15), (20_000, 24, 9), (3_000, 4, 6), (100, 20, 4), (200, 2, 3)] {
            var low: UInt64 = 0
            let records = (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                low += 1
                return (state >> UInt64(64 - highBits)) << UInt64(lowBits) | (low & ((1 << UInt64(lowBits)) - 1))
            }
            // The low bits ascend within each run of equal high bits only if the input order is kept.
            let ascending = records.enumerated().sorted { ($0.element >> UInt64(lowBits), $0.offset) < ($1.element >> UInt64(lowBits), $1.offset) }.map(\.element)
            var sorted = records
            SearchShardSpill.radixSort(&sorted, above: lowBits)
            let kept = sorted == ascending
            #expect(kept, "\(count) records of \(highBits) + \(lowBits) bits")
        }
    }

    @Test func postingListsAreBase32DeltasMostSignificantDigitFirst() {
        // Deltas 0, 1, 31, 32 (x0: one continuing digit), 1025 (xw1).
        let numbers: [Int32] = [0, 1, 32, 64, 1_089]
        #expect(PostingCode.encode(numbers) == "01vx0xw1")
        #expect(PostingCode.decode(Substring(PostingCode.encode(numbers))) == numbers.map(Int.init))
        #expect(PostingCode.encode([Int32.max]) == "x_____v")
        #expect(PostingCode.decode("x_____v") == [Int(Int32.max)])
    }
}
