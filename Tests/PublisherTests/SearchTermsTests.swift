@testable import Publisher
import Testing

/// How text becomes index terms: CJK characters and pairs, folded words.
struct SearchTermsTests {
    @Test func cjkRunsAndWordsAreSplitAtSeparators() {
        #expect(SearchTerms.runs(of: "AI芯片，5G 银行业!") == [
            .word("ai"), .cjk(["芯", "片"]), .word("5g"), .cjk(["银", "行", "业"]),
        ])
    }

    @Test func fullWidthFormsAndCaseFoldToLowerASCII() {
        #expect(SearchTerms.runs(of: "ＡＩ　Ｃｈｉｐ１２ CAFÉ") == [.word("ai"), .word("chip12"), .word("café")])
    }

    @Test func kanaAndHangulAreCJK() {
        #expect(SearchTerms.runs(of: "ニュース 뉴스") == [.cjk(["ニ", "ュ", "ー", "ス"]), .cjk(["뉴", "스"])])
    }

    @Test func aLongWordIsCutAtTheMaximumLength() {
        let runs = SearchTerms.runs(of: String(repeating: "a", count: 10_000))
        #expect(runs == [.word(String(repeating: "a", count: SearchTerms.maximumWordLength))])
    }

    @Test func aQueryHasCharacterPairsWordsAndPhrasesToConfirm() {
        let query = SearchQuery("AI 芯片 人工智能 税 ＡＩ")
        #expect(query.terms == ["ai", "芯片", "人工", "工智", "智能", "税"])
        #expect(query.phrases == ["人工智能"])
        #expect(query.phrasesMatch(title: "", text: "发展人工智能"))
        #expect(!query.phrasesMatch(title: "人工", text: "智能"))
    }

    @Test func punctuationAloneIsNoQuery() {
        #expect(SearchQuery("，。！？ -- ").isEmpty)
    }

    @Test(arguments: [[Int32](), [0], [0, 1, 2], [31, 32, 1023, 1024, 29_000_000, 29_000_001, 2_000_000_000]])
    func postingListsRoundTrip(numbers: [Int32]) throws {
        let encoded = PostingCode.encode(numbers)
        #expect(try #require(PostingCode.decode(encoded[...])) == numbers.map(Int.init))
    }

    @Test func aStoryAMinuteAfterTheLastCostsOneCharacter() {
        #expect(PostingCode.encode([29_000_000, 29_000_001, 29_000_002]).count == PostingCode.encode([29_000_000]).count + 2)
    }

    @Test func shardsAreTheFNVHashOfTheTermsBytes() {
        // FNV-1a of "a" is 0xE40C292C; search.js computes the same (SearchScriptTests).
        #expect(SearchTerm("a").shard == 0x92C)
        #expect(SearchIndexLayout.shardPath(SearchTerm("a").shard) == "search/terms/92c.txt")
        #expect(SearchIndexLayout.shardPath(5) == "search/terms/005.txt")
    }
}
