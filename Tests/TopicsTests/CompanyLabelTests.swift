import Foundation
import Testing
import Topics

/// Company recognition against hand-labelled texts (Fixtures/companies/README.md): precision and
/// recall must not drop below what BENCHMARKS.md reports.
struct CompanyLabelTests {
    struct Label: Decodable {
        var file: String
        var companies: [String]
    }

    static let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/companies")

    @Test func precisionAndRecallHoldOnTheLabelledTexts() throws {
        let labels = try JSONDecoder().decode([Label].self, from: Data(contentsOf: Self.directory.appendingPathComponent("labels.json")))
        #expect(labels.count >= 67)
        var truePositives = 0
        var falsePositives: [String] = []
        var missed: [String] = []
        for label in labels {
            let text = try String(contentsOf: Self.directory.appendingPathComponent("texts/" + label.file), encoding: .utf8)
            let found = Set(StockRecognizer.bundled.tags(in: text))
            let expected = Set(label.companies)
            truePositives += found.intersection(expected).count
            falsePositives += found.subtracting(expected).map { "\(label.file): \($0)" }
            missed += expected.subtracting(found).map { "\(label.file): \($0)" }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives.count))
        let recall = Double(truePositives) / Double(max(1, truePositives + missed.count))
        print("companies: precision \(precision) (\(truePositives) of \(truePositives + falsePositives.count)), "
              + "recall \(recall) (\(truePositives) of \(truePositives + missed.count))")
        print("false positives: \(falsePositives)")
        print("missed: \(missed)")
        #expect(precision >= Self.minimumPrecision, "false positives: \(falsePositives)")
        #expect(recall >= Self.minimumRecall, "missed: \(missed)")
    }

    static let minimumPrecision = 1.0
    static let minimumRecall = 0.6
}
