import Foundation
import Testing

@testable import HTML5Parser

/// One case of an html5lib `.dat` file.
struct TreeConstructionCase {
    var data = ""
    var fragmentContext: String?
    var scripting: Bool?
    var expected = ""

    /// Splits a `.dat` file into cases.
    static func parse(_ text: String) -> [TreeConstructionCase] {
        var cases: [TreeConstructionCase] = []
        var current: TreeConstructionCase?
        var section = ""
        var buffer: [Substring] = []
        func finishSection() {
            guard current != nil else { return }
            var value = buffer.joined(separator: "\n")
            switch section {
            case "data": current!.data = value
            case "document-fragment": current!.fragmentContext = value.trimmingCharacters(in: .whitespaces)
            case "document":
                while value.hasSuffix("\n") { value.removeLast() }
                current!.expected = value
            default: break
            }
            buffer = []
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            if line.hasPrefix("#") && ["#data", "#errors", "#new-errors", "#document-fragment", "#document",
                "#script-on", "#script-off"].contains(String(line)) {
                if line == "#data" {
                    finishSection()
                    if let done = current { cases.append(done) }
                    current = TreeConstructionCase()
                } else {
                    finishSection()
                }
                section = String(line.dropFirst())
                if line == "#script-on" { current?.scripting = true }
                if line == "#script-off" { current?.scripting = false }
                continue
            }
            buffer.append(line)
        }
        finishSection()
        if let done = current { cases.append(done) }
        return cases
    }

    func run() -> String {
        let output: String
        if let context = fragmentContext {
            let parts = context.split(separator: " ")
            let (namespace, name): (HTMLNamespace, String) = parts.count == 2
                ? (parts[0] == "svg" ? .svg : .mathml, String(parts[1])) : (.html, context)
            let root = HTMLParser.parseFragment(data, context: name, contextNamespace: namespace,
                                                scripting: scripting ?? false)
            output = root.testFormatTree()
        } else {
            output = HTMLParser.parse(data, scripting: scripting ?? false).root.testFormatTree()
        }
        var trimmed = output
        while trimmed.hasSuffix("\n") { trimmed.removeLast() }
        return trimmed
    }
}

struct TreeConstructionConformanceTests {
    @Test func html5libTreeConstructionCasesPass() throws {
        var tally = ConformanceTally()
        for file in Html5libFixtures.files(in: "tree-construction", withExtension: "dat") {
            let cases = TreeConstructionCase.parse(try String(contentsOf: file, encoding: .utf8))
            var passed = 0
            for testCase in cases {
                let actual = testCase.run()
                if actual == testCase.expected {
                    passed += 1
                } else {
                    tally.failures.append("""
                        --- \(file.lastPathComponent) [\(testCase.fragmentContext ?? "document")] \
                        script=\(String(describing: testCase.scripting))
                        \(testCase.data)
                        expected:
                        \(testCase.expected)
                        actual:
                        \(actual)
                        """)
                }
            }
            tally.rows.append((file.lastPathComponent, passed, cases.count))
        }
        print(tally.report("html5lib tree construction"))
        #expect(tally.total >= 1_700)
        #expect(tally.rate >= 0.995, "tree construction conformance \(tally.passed)/\(tally.total)")
    }
}
