import Foundation
import NewsCore
@testable import Publisher
import SiteTestSupport
import Testing

/// The site's state keeps each story's plain text and body in one pack file (`bodies/stories-<n>.pack`),
/// not in the log or in memory, and not in a file per story; the state of earlier versions (a `.story`
/// file per story, or a body and a text file, or a log that held the texts) is moved into the pack.
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

    /// The files of the state's `bodies/` folder.
    static func bodyFiles(_ fixture: SiteFixture) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: fixture.options.directory.appendingPathComponent(".newsmill-site/bodies").path))
    }

    static let packFiles: Set<String> = ["stories-0.pack", SiteStoryPack.indexName]

    @Test func theLogHoldsNoTextsAndTheStoriesShareOnePackFile() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        // Past the summary's 140 characters, the text goes only to the search index.
        let long = "<p>" + String(repeating: "数字化转型。", count: 30) + "</p><p>只在正文末尾的句子</p>"
        try await fixture.run((1...4).map { fixture.item($0, html: long) })
        let state = fixture.options.directory.appendingPathComponent(".newsmill-site")
        let log = try String(contentsOf: state.appendingPathComponent("stories.log"), encoding: .utf8)
        #expect(!log.contains("只在正文末尾的句子"))
        #expect(try Self.bodyFiles(fixture) == Self.packFiles)
        let search = try Self.searchTexts(fixture)
        #expect(search.count == 4 && search.values.allSatisfy { $0.hasSuffix("只在正文末尾的句子") })
    }

    @Test func aLogOfAnEarlierVersionWithTextsBuildsTheSameSearchIndex() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await fixture.run((1...4).map { fixture.item($0) })
        let expected = try Self.searchTexts(fixture)
        // What an earlier version left: each story's text inside its log line, its body in a file of its
        // own, no text files, and (to make the build write the index again) no search index and no stamp
        // of a complete build.
        let state = fixture.options.directory.appendingPathComponent(".newsmill-site")
        let pack = try Self.openPack(fixture)
        let files = pack.earlierFiles
        let logURL = state.appendingPathComponent("stories.log")
        var lines: [String] = []
        for line in try String(contentsOf: logURL, encoding: .utf8).split(separator: "\n") {
            var fields = SiteRecordCoding.fields(of: line)
            if fields.first == SiteStory.tag, let story = SiteStory(record: fields) {
                fields[13] = pack.text(stem: story.stem)
                try pack.body(stem: story.stem).write(to: files.earlierURLs(stem: story.stem).body, atomically: true, encoding: .utf8)
            }
            lines.append(SiteRecordCoding.line(fields))
        }
        try Self.removePack(fixture)
        try lines.joined().write(to: logURL, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: state.appendingPathComponent("built"))
        try FileManager.default.removeItem(at: fixture.options.directory.appendingPathComponent("search"))
        _ = try await fixture.publisher.finish()
        #expect(try Self.searchTexts(fixture) == expected)
        #expect(fixture.crawler.crawl().problems == [])
        #expect(try Self.bodyFiles(fixture) == Self.packFiles)
    }

    /// The pack of a built site, read by a pack of its own.
    static func openPack(_ fixture: SiteFixture) throws -> SiteStoryPack {
        let pack = SiteStoryPack(directory: fixture.options.directory.appendingPathComponent(".newsmill-site/bodies"))
        try pack.load(revisions: [:])
        return pack
    }

    static func removePack(_ fixture: SiteFixture) throws {
        let bodies = fixture.options.directory.appendingPathComponent(".newsmill-site/bodies")
        for name in try FileManager.default.contentsOfDirectory(atPath: bodies.path) where name.hasPrefix("stories") {
            try FileManager.default.removeItem(at: bodies.appendingPathComponent(name))
        }
    }

    /// The state a site built by an earlier version keeps: a body and a text file per story (`twoFiles`),
    /// or one `.story` file per story (the version before the pack).
    static func downgrade(_ fixture: SiteFixture, twoFiles: Bool = true) throws -> SiteStoryFiles {
        let pack = try openPack(fixture)
        let files = pack.earlierFiles
        for stem in pack.stems {
            let (body, text) = (pack.body(stem: stem), pack.text(stem: stem))
            if twoFiles {
                let earlier = files.earlierURLs(stem: stem)
                try body.write(to: earlier.body, atomically: true, encoding: .utf8)
                try text.write(to: earlier.text, atomically: true, encoding: .utf8)
            } else {
                try SiteStoryFiles.contents(body: body, text: text)
                    .write(to: files.directory.appendingPathComponent(files.name(stem: stem)), atomically: true, encoding: .utf8)
            }
        }
        try removePack(fixture)
        return files
    }

    @Test(arguments: [true, false])
    func aSiteBuiltByAnEarlierVersionBuildsTheSamePagesAndMovesItsFilesIntoThePack(twoFiles: Bool) async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let items = (1...6).map { fixture.item($0) }
        try await fixture.run(items)
        let site = fixture.options.directory
        let pages = fixture.crawler.allFiles()
        var expected: [String: Data] = [:]
        for page in pages { expected[page] = try Data(contentsOf: site.appendingPathComponent(page)) }
        let searchTexts = try Self.searchTexts(fixture)
        _ = try Self.downgrade(fixture, twoFiles: twoFiles)
        // Everything rendered again from the earlier state: no stamp, no pages, no index.
        try FileManager.default.removeItem(at: site.appendingPathComponent(".newsmill-site/built"))
        try FileManager.default.removeItem(at: site.appendingPathComponent(".newsmill-site/pages.tsv"))
        for page in pages { try FileManager.default.removeItem(at: site.appendingPathComponent(page)) }
        _ = try await fixture.publisher.finish()
        #expect(fixture.crawler.allFiles() == pages)
        for page in pages { #expect(try Data(contentsOf: site.appendingPathComponent(page)) == expected[page], "\(page)") }
        #expect(try Self.searchTexts(fixture) == searchTexts)
        // Every story's files went into the pack.
        #expect(try Self.bodyFiles(fixture) == Self.packFiles)
        // A story published again is shown changed; the others keep their bodies.
        var changed = items[0]
        changed.item.html = "<p>改过的正文：数字化转型。</p>"
        try await fixture.run([changed])
        #expect(try Self.bodyFiles(fixture) == Self.packFiles)
        #expect(try Self.searchTexts(fixture).values.filter { $0.contains("改过的正文") }.count == 1)
        #expect(try Self.searchTexts(fixture).count == 6)
        let shown = fixture.crawler.crawl().pages.filter { (try? String(contentsOf: site.appendingPathComponent($0), encoding: .utf8))?.contains("改过的正文") == true }
        #expect(shown.contains { $0.hasPrefix("2022/") })
        #expect(fixture.crawler.crawl().problems == [])
    }

    @Test func plainTextScalarByScalarIsWhatSplittingByCharacterGives() throws {
        func byCharacter(_ text: String) -> String { text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
        var texts = [
            "", " ", "  数字化 转型\n\n银行\r\n　芯片\u{A0}AI\t ", "“引号”……——《书名》【括号】、，。！？～￥", "café naïve Œuvre ß",
            " a\u{301} b", "e\u{301} \u{301}x", "\u{200D} z", "a\u{2028}b\u{202F}c", "かな カナ", "한국 어", "👩‍💻 x", "\u{85}next\u{1C}",
            "\u{302A}声 调", "ＡＩ　芯片",
        ]
        var state: UInt64 = 7
        let alphabet: [Unicode.Scalar] = [" ", "\n", "\r", "\t", "\u{3000}", "\u{A0}", "a", "Z", "5", "，", "。", "“", "—", "银", "行", "ｘ", "é", "\u{301}", "ア"]
        for round in 0..<300 {
            var text = String.UnicodeScalarView()
            // Every other text without the combining mark and the kana, so that it takes the scalar path.
            let letters = round % 2 == 0 ? alphabet.count - 2 : alphabet.count
            for _ in 0..<30 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int(state >> 33) % letters])
            }
            texts.append(String(text))
        }
        var fast = 0
        for text in texts {
            #expect(SiteStory.plainText(text) == byCharacter(text), "\(text.unicodeScalars.map(\.value))")
            if let scalarWise = SiteStory.plainTextByScalars(text) {
                fast += 1
                #expect(scalarWise == byCharacter(text), "\(text.unicodeScalars.map(\.value))")
            }
        }
        #expect(fast > 150 && SiteStory.plainTextByScalars(" a\u{301} b") == nil)
    }
}
