import Extraction
import Foundation
import Testing

/// Golden tests on real pages: the 62 Chinese pages of html-zh that hold an article and 22 English
/// news pages of html-en, each with its article text labelled by hand and the headline, publication
/// time, authors and editor the page shows, written by hand (Fixtures/golden/README.md says how).
///
/// The text must match the labelled text with a token F1 of at least 0.9 (Chinese characters and
/// Latin words as tokens); the metadata must match exactly (the time to the minute). Where the
/// extractor is known to be wrong, the expectation names the field and why, and the check runs as a
/// known issue: it is reported, and it fails the suite the day the extractor gets it right, so that
/// the note is removed.
struct GoldenPageTests {
    struct Expectation: Decodable, Sendable, CustomTestStringConvertible {
        let page: String
        let url: String?
        let text: String
        let title: String?
        /// ISO 8601, UTC.
        let published: String?
        let authors: [String]?
        let editor: String?
        let knownIssues: [String: String]?

        var testDescription: String { page }
    }

    static let expectations: [Expectation] = {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/golden/expectations.json"),
              let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([Expectation].self, from: data)) ?? []
    }()

    static let extractor = ArticleExtractor(now: ISO8601DateFormatter().date(from: "2026-11-24T00:00:00Z")!)

    @Test func everyPageHasItsExpectations() {
        #expect(Self.expectations.count(where: { $0.page.hasPrefix("zh/") }) >= 30)
        #expect(Self.expectations.count(where: { $0.page.hasPrefix("en/") }) >= 20)
    }

    @Test(arguments: expectations)
    func page(_ expected: Expectation) throws {
        let url = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/golden/\(expected.page)"))
        let article = Self.extractor.extract([UInt8](try Data(contentsOf: url)), url: expected.url)
        let known = expected.knownIssues ?? [:]

        check("text", known) {
            let score = TokenF1(article.text, expected.text)
            #expect(score.f1 >= 0.9, "precision \(score.precision), recall \(score.recall)")
        }
        if let title = expected.title {
            check("title", known) { #expect(article.title == title) }
        }
        if let published = expected.published {
            let date = try #require(ISO8601DateFormatter().date(from: published))
            check("published", known) {
                #expect(article.published.map { abs($0.timeIntervalSince(date)) < 60 } == true,
                        "got \(article.published.map { ISO8601DateFormatter().string(from: $0) } ?? "none")")
            }
        }
        if let authors = expected.authors {
            check("authors", known) { #expect(Set(authors).isSubset(of: Set(article.authors)), "got \(article.authors)") }
        }
        if let editor = expected.editor {
            check("editor", known) { #expect(article.editor == editor) }
        }
    }

    private func check(_ field: String, _ known: [String: String], _ body: () -> Void) {
        if let reason = known[field] {
            withKnownIssue(Comment(rawValue: reason)) { body() }
        } else {
            body()
        }
    }
}

/// Token-level precision, recall and F1 of a text against the expected one (bags of tokens: each
/// CJK character, and each run of Latin letters and digits, lowercased), as the quality benchmark
/// scores them.
struct TokenF1 {
    let precision: Double
    let recall: Double
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    init(_ predicted: String, _ expected: String) {
        let got = Self.tokens(predicted), want = Self.tokens(expected)
        let common = got.reduce(0) { $0 + min($1.value, want[$1.key] ?? 0) }
        let gotCount = got.values.reduce(0, +), wantCount = want.values.reduce(0, +)
        precision = gotCount == 0 ? 0 : Double(common) / Double(gotCount)
        recall = wantCount == 0 ? 0 : Double(common) / Double(wantCount)
    }

    static func tokens(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        var word = ""
        for scalar in text.lowercased().unicodeScalars {
            if (0x4E00...0x9FFF).contains(scalar.value) {
                if !word.isEmpty { counts[word, default: 0] += 1; word = "" }
                counts[String(scalar), default: 0] += 1
            } else if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                counts[word, default: 0] += 1
                word = ""
            }
        }
        if !word.isEmpty { counts[word, default: 0] += 1 }
        return counts
    }
}
