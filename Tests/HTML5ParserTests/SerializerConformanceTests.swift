import Foundation
import Testing

@testable import HTML5Parser

/// Runs html5lib-tests/serializer against ``HTMLStreamSerializer``, and checks the tree walker
/// that feeds it from a parsed document.
struct SerializerConformanceTests {
    @Test func html5libSerializerCasesPass() throws {
        var tally = ConformanceTally()
        for file in Html5libFixtures.files(in: "serializer", withExtension: "test") {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
            let tests = json["tests"] as? [[String: Any]] ?? []
            var passed = 0
            for test in tests {
                let description = test["description"] as? String ?? ""
                guard let tokens = Self.tokens(test["input"]) else {
                    tally.failures.append("\(file.lastPathComponent): \(description): unreadable input")
                    continue
                }
                let serializer = HTMLStreamSerializer(options: Self.options(test["options"] as? [String: Any] ?? [:]))
                let actual = serializer.serialize(tokens)
                let expected = test["expected"] as? [String] ?? []
                if expected.contains(actual) {
                    passed += 1
                } else {
                    tally.failures.append("\(file.lastPathComponent): \(description)\n    got      \(actual)\n    expected \(expected)")
                }
            }
            tally.rows.append((file.lastPathComponent, passed, tests.count))
        }
        print(tally.report("html5lib serializer"))
        #expect(tally.total >= 230)
        #expect(tally.passed == tally.total, "serializer conformance \(tally.passed)/\(tally.total)")
    }

    @Test func parsedDocumentSerializesCompactly() {
        let document = HTMLParser.parse(
            "<!DOCTYPE html><html><head><title>T</title></head><body><p class=\"a b\">one<p>two & <b>three</b><ul><li>1<li>2</ul><input disabled=\"\"></body></html>")
        let compact = HTMLStreamSerializer().serialize(HTMLStreamSerializer.tokens(of: document.root))
        #expect(compact == "<!DOCTYPE html><title>T</title><p class=\"a b\">one<p>two &amp; <b>three</b><ul><li>1<li>2</ul><input disabled>")

        var full = HTMLStreamSerializer.Options()
        full.omitOptionalTags = false
        full.quoteAttributeValues = .always
        full.minimizeBooleanAttributes = false
        let body = document.root.descendants.first { $0.isHTMLElement("body") }!
        #expect(HTMLStreamSerializer(options: full).serialize(HTMLStreamSerializer.tokens(of: body)) == body.outerHTML)
    }

    @Test func templateContentsAndDeepTreesAreWalked() {
        let template = HTMLParser.parse("<template><p>in</p></template><div>after</div>")
        let text = HTMLStreamSerializer().serialize(HTMLStreamSerializer.tokens(of: template.root))
        #expect(text == "<template><p>in</template><div>after</div>")

        let depth = 50_000
        let deep = HTMLParser.parse(String(repeating: "<span>", count: depth) + "x")
        let tokens = HTMLStreamSerializer.tokens(of: deep.root)
        #expect(tokens.count(where: { if case .startTag(name: "span", _, _) = $0 { true } else { false } }) == depth)
    }

    static func options(_ json: [String: Any]) -> HTMLStreamSerializer.Options {
        var options = HTMLStreamSerializer.Options()
        // The suite's expectations list attributes by name, as html5lib's own harness writes them.
        options.alphabeticalAttributes = true
        if let quote = json["quote_attr_values"] {
            switch quote {
            case let flag as Bool: options.quoteAttributeValues = flag ? .always : .whenNeeded
            case let mode as String: options.quoteAttributeValues = mode == "always" ? .always : .whenNeeded
            default: break
            }
        }
        if let quoteCharacter = json["quote_char"] as? String, let first = quoteCharacter.first {
            options.quoteCharacter = first
            options.useBestQuoteCharacter = false
        }
        if let flag = json["use_trailing_solidus"] as? Bool { options.useTrailingSolidus = flag }
        if let flag = json["space_before_trailing_solidus"] as? Bool { options.spaceBeforeTrailingSolidus = flag }
        if let flag = json["minimize_boolean_attributes"] as? Bool { options.minimizeBooleanAttributes = flag }
        // escape_lt_in_attrs needs no option: `<` and `>` in attribute values are always escaped.
        if let flag = json["escape_rcdata"] as? Bool { options.escapeRawText = flag }
        if let flag = json["omit_optional_tags"] as? Bool { options.omitOptionalTags = flag }
        if let flag = json["strip_whitespace"] as? Bool { options.stripWhitespace = flag }
        if json["inject_meta_charset"] as? Bool == true { options.injectMetaCharset = json["encoding"] as? String }
        return options
    }

    static func tokens(_ json: Any?) -> [HTMLStreamSerializer.Token]? {
        guard let list = json as? [[Any]] else { return nil }
        var tokens: [HTMLStreamSerializer.Token] = []
        for item in list {
            guard let type = item.first as? String else { return nil }
            let namespace: HTMLNamespace = (item.count > 1 && (item[1] as? String)?.contains("svg") == true) ? .svg : .html
            switch type {
            case "StartTag":
                tokens.append(.startTag(name: item[2] as! String, namespace: namespace, attributes: attributes(item.count > 3 ? item[3] : nil)))
            case "EndTag":
                tokens.append(.endTag(name: item[2] as! String, namespace: namespace))
            case "EmptyTag":
                tokens.append(.emptyTag(name: item[1] as! String, attributes: attributes(item.count > 2 ? item[2] : nil)))
            case "Characters":
                tokens.append(.characters(item[1] as! String))
            case "SpaceCharacters":
                tokens.append(.spaceCharacters(item[1] as! String))
            case "Comment":
                tokens.append(.comment(item[1] as! String))
            case "Doctype":
                tokens.append(.doctype(
                    name: item[1] as! String,
                    publicIdentifier: item.count > 2 ? item[2] as? String : nil,
                    systemIdentifier: item.count > 3 ? item[3] as? String : nil))
            default:
                return nil
            }
        }
        return tokens
    }

    static func attributes(_ json: Any?) -> [HTMLAttribute] {
        if let list = json as? [[String: Any]] {
            return list.map { HTMLAttribute(name: $0["name"] as! String, value: $0["value"] as! String) }
        }
        if let map = json as? [String: String] {
            return map.keys.sorted().map { HTMLAttribute(name: $0, value: map[$0]!) }
        }
        return []
    }
}
