import Aggregator
import Extraction
import Foundation
import HTML5Parser
import Testing

/// Real article pages are always their item's story: every golden page, and every page of the
/// extraction benchmark's corpora, is accepted for an item titled by its headline whose feed text
/// is a teaser of the page's text. (In the serialized network suite only so that its CPU time
/// never competes with the timing assertions there.)
extension NetworkSuite {
struct GoldenPageAcceptanceTests {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let golden = testsDirectory.appendingPathComponent("ExtractionTests/Fixtures/golden")
    static let corpora = testsDirectory.deletingLastPathComponent().appendingPathComponent("../shared/corpora").standardizedFileURL

    struct Expectation: Decodable, Sendable, CustomTestStringConvertible {
        let page: String
        let url: String?
        let text: String
        let title: String?
        var testDescription: String { page }
    }

    static let expectations: [Expectation] = {
        guard let data = try? Data(contentsOf: golden.appendingPathComponent("expectations.json")) else { return [] }
        return (try? JSONDecoder().decode([Expectation].self, from: data)) ?? []
    }()

    static let extractor = ArticleExtractor(now: ISO8601DateFormatter().date(from: "2026-11-24T00:00:00Z")!)

    /// A feed's teaser of `text`: its first 100 characters and an ellipsis.
    static func teaser(_ text: String) -> String {
        String(text.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(100)) + "…"
    }

    static func verdicts(_ bytes: [UInt8], url: String?, title: String?, text: String) -> (both: PageAcceptance.Verdict, titleOnly: PageAcceptance.Verdict, teaserOnly: PageAcceptance.Verdict) {
        let link = url ?? "https://golden.example/article/1.html"
        let article = extractor.extract(bytes, url: link)
        let html = HTMLEncoding.decode(bytes).text
        func judge(_ title: String?, _ feedText: String) -> PageAcceptance.Verdict {
            PageAcceptance(itemTitle: title, feedText: feedText, link: link).judge(article, finalURL: link, pageHTML: html)
        }
        return (judge(title, teaser(text)), judge(title, ""), judge(nil, teaser(text)))
    }

    static func isAccepted(_ verdict: PageAcceptance.Verdict) -> Bool {
        if case .accepted = verdict { return true }
        return false
    }

    @Test func thereAreGoldenPages() {
        #expect(Self.expectations.count(where: { $0.title != nil }) >= 80)
    }

    @Test(arguments: expectations.filter { $0.title != nil })
    func goldenPageIsAccepted(_ expected: Expectation) async throws {
        let bytes = [UInt8](try Data(contentsOf: Self.golden.appendingPathComponent(expected.page)))
        let verdict = Self.verdicts(bytes, url: expected.url, title: expected.title, text: expected.text).both
        #expect(Self.isAccepted(verdict), "\(verdict)")
    }

    /// How many golden pages each piece of evidence alone accepts (printed for the record; the
    /// teaser alone must accept every one).
    @Test func eachPieceOfEvidenceAlone() async throws {
        var byTitle: [String] = [], byTeaser: [String] = []
        let titled = Self.expectations.filter { $0.title != nil }
        for expected in titled {
            let bytes = [UInt8](try Data(contentsOf: Self.golden.appendingPathComponent(expected.page)))
            let verdicts = Self.verdicts(bytes, url: expected.url, title: expected.title, text: expected.text)
            if !Self.isAccepted(verdicts.titleOnly) { byTitle.append("\(expected.page): \(verdicts.titleOnly)") }
            if !Self.isAccepted(verdicts.teaserOnly) { byTeaser.append("\(expected.page): \(verdicts.teaserOnly)") }
        }
        print("golden pages accepted by the title alone: \(titled.count - byTitle.count) of \(titled.count); "
              + "by the teaser alone: \(titled.count - byTeaser.count) of \(titled.count)")
        for refusal in byTitle { print("  not by its title: \(refusal)") }
        #expect(byTeaser.isEmpty, "\(byTeaser)")
    }

    /// The benchmark's pages (html-en: 181 with the scrapinghub ground truth; html-zh: the 62 we
    /// labelled), with a teaser of the ground truth and no title. Runs where ../shared/corpora exists.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpora.path)))
    func benchmarkPagesAreAccepted() async throws {
        struct Truth: Decodable { let articleBody: String; let url: String? }
        var pages: [(name: String, bytes: [UInt8], truth: Truth)] = []
        let english = try JSONDecoder().decode([String: Truth].self, from: Data(contentsOf: Self.corpora.appendingPathComponent("html-en/ground-truth.json")))
        for (key, truth) in english.sorted(by: { $0.key < $1.key }) {
            let path = Self.corpora.appendingPathComponent("html-en/\(key).html.gz").path
            guard FileManager.default.fileExists(atPath: path) else { continue }
            pages.append(("html-en/\(key)", try Self.gunzip(path), truth))
        }
        let chinese = try JSONDecoder().decode(
            [String: Truth].self, from: Data(contentsOf: Self.testsDirectory.appendingPathComponent("ExtractionTests/Fixtures/html-zh/ground-truth.json")))
        for (file, truth) in chinese.sorted(by: { $0.key < $1.key }) {
            pages.append(("html-zh/\(file)", [UInt8](try Data(contentsOf: Self.corpora.appendingPathComponent("html-zh/\(file)"))), truth))
        }
        var refused: [String] = []
        for page in pages {
            let verdict = Self.verdicts(page.bytes, url: page.truth.url, title: nil, text: page.truth.articleBody).teaserOnly
            if !Self.isAccepted(verdict) { refused.append("\(page.name): \(verdict)") }
        }
        print("page acceptance on the benchmark corpora: \(pages.count - refused.count) of \(pages.count) accepted")
        #expect(pages.count >= 240)
        #expect(refused.isEmpty, "\(refused.joined(separator: "\n"))")
    }

    static func gunzip(_ path: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}
}
