import Foundation

/// Locates the vendored html5lib-tests data.
enum Html5libFixtures {
    static var root: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/html5lib-tests")
    }

    static func files(in folder: String, withExtension ext: String) -> [URL] {
        let directory = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { directory.appendingPathComponent($0) }
    }
}

/// Pass counts per file, printed as a table so that the run shows them and BENCHMARKS.md can quote them.
struct ConformanceTally {
    var rows: [(file: String, passed: Int, total: Int)] = []
    var failures: [String] = []

    var passed: Int { rows.reduce(0) { $0 + $1.passed } }
    var total: Int { rows.reduce(0) { $0 + $1.total } }
    var rate: Double { total == 0 ? 0 : Double(passed) / Double(total) }

    func report(_ title: String) -> String {
        var lines = ["\(title): \(passed)/\(total) passed (\(String(format: "%.2f", rate * 100)) %)"]
        for row in rows { lines.append("  \(row.file): \(row.passed)/\(row.total)") }
        if ProcessInfo.processInfo.environment["SHOW_FAILURES"] != nil {
            lines.append(contentsOf: failures)
        }
        return lines.joined(separator: "\n")
    }
}
