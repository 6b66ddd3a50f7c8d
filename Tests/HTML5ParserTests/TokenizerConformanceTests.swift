import Foundation
import Testing

@testable import HTML5Parser

/// Runs html5lib-tests/tokenizer: every case, every initial state.
struct TokenizerConformanceTests {
    @Test func html5libTokenizerCasesPass() throws {
        var tally = ConformanceTally()
        for file in Html5libFixtures.files(in: "tokenizer", withExtension: "test") {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
            let key = json["tests"] != nil ? "tests" : "xmlViolationTests"
            let tests = json[key] as? [[String: Any]] ?? []
            var passed = 0
            var total = 0
            for test in tests {
                let states = test["initialStates"] as? [String] ?? ["Data state"]
                for stateName in states {
                    total += 1
                    if let failure = Self.run(test, stateName: stateName) {
                        tally.failures.append("\(file.lastPathComponent): \(test["description"] ?? "") [\(stateName)] \(failure)")
                    } else {
                        passed += 1
                    }
                }
            }
            tally.rows.append((file.lastPathComponent, passed, total))
        }
        print(tally.report("html5lib tokenizer"))
        #expect(tally.total >= 6_810)
        #expect(tally.rate >= 0.995, "tokenizer conformance \(tally.passed)/\(tally.total)")
    }

    /// Returns nil when the case passes, or a description of the difference.
    static func run(_ test: [String: Any], stateName: String) -> String? {
        let doubleEscaped = test["doubleEscaped"] as? Bool ?? false
        guard var input = test["input"] as? String else { return "no input" }
        if doubleEscaped {
            guard let unescaped = unescape(input) else { return "input not representable in UTF-8" }
            input = unescaped
        }
        let state: HTMLTokenizer.State
        switch stateName {
        case "RCDATA state": state = .rcdata
        case "RAWTEXT state": state = .rawtext
        case "Script data state": state = .scriptData
        case "PLAINTEXT state": state = .plaintext
        case "CDATA section state": state = .cdataSection
        default: state = .data
        }
        let tokenizer = HTMLTokenizer(Array(input.utf8), state: state, lastStartTagName: test["lastStartTag"] as? String)
        var actual: [[Any]] = []
        var pendingText = ""
        func flush() {
            if !pendingText.isEmpty { actual.append(["Character", pendingText]) }
            pendingText = ""
        }
        loop: while true {
            switch tokenizer.nextToken() {
            case .characters(let text): pendingText += text
            case .endOfFile:
                flush()
                break loop
            case .comment(let text):
                flush()
                actual.append(["Comment", text])
            case .doctype(let doctype):
                flush()
                actual.append([
                    "DOCTYPE", doctype.name as Any, doctype.publicIdentifier as Any, doctype.systemIdentifier as Any,
                    !doctype.forceQuirks,
                ])
            case .startTag(let tag):
                flush()
                var attributes: [String: String] = [:]
                for attribute in tag.attributes { attributes[attribute.name] = attribute.value }
                actual.append(tag.selfClosing ? ["StartTag", tag.name, attributes, true] : ["StartTag", tag.name, attributes])
            case .endTag(let tag):
                flush()
                actual.append(["EndTag", tag.name])
            }
        }
        guard var expected = test["output"] as? [[Any]] else { return "no output" }
        if doubleEscaped {
            expected = expected.map { token in token.map { ($0 as? String).flatMap(unescape) ?? $0 } }
        }
        // Merge adjacent character tokens in the expectation too.
        var merged: [[Any]] = []
        for token in expected {
            if token.first as? String == "Character", let last = merged.last, last.first as? String == "Character" {
                merged[merged.count - 1] = ["Character", (last[1] as! String) + (token[1] as! String)]
            } else {
                merged.append(token)
            }
        }
        let lhs = normalize(actual)
        let rhs = normalize(merged)
        return lhs == rhs ? nil : "expected \(rhs) got \(lhs)"
    }

    static func normalize(_ tokens: [[Any]]) -> String {
        tokens.map { token in
            token.map { value -> String in
                switch value {
                case let dict as [String: String]:
                    return dict.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                case let string as String: return "\"\(string)\""
                case let bool as Bool: return bool ? "true" : "false"
                case is NSNull: return "null"
                case Optional<String>.none: return "null"
                default: return "\(value)"
                }
            }.joined(separator: " ")
        }.joined(separator: " | ")
    }

    /// Decodes `\uXXXX` escapes; nil when a lone surrogate makes the text unrepresentable.
    static func unescape(_ text: String) -> String? {
        var scalars: [UInt32] = []
        var chars = Array(text.unicodeScalars)
        var index = 0
        while index < chars.count {
            if chars[index] == "\\", index + 5 < chars.count + 0, chars[index + 1] == "u",
                let value = UInt32(String(String.UnicodeScalarView(chars[(index + 2)..<(index + 6)])), radix: 16)
            {
                scalars.append(value)
                index += 6
            } else {
                scalars.append(chars[index].value)
                index += 1
            }
        }
        chars = []
        var result = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let value = scalars[i]
            if value >= 0xD800 && value <= 0xDBFF, i + 1 < scalars.count, scalars[i + 1] >= 0xDC00, scalars[i + 1] <= 0xDFFF {
                let combined = 0x10000 + ((value - 0xD800) << 10) + (scalars[i + 1] - 0xDC00)
                result.append(Unicode.Scalar(combined)!)
                i += 2
                continue
            }
            guard let scalar = Unicode.Scalar(value) else { return nil }
            result.append(scalar)
            i += 1
        }
        return String(result)
    }
}
