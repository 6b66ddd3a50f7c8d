import Foundation
import NewsCore
import Publisher
import Testing

/// Issue 12, item 2: Hexo renders posts with marked, which ends an HTML block at the first blank
/// line and reads what follows as Markdown. Whatever the article holds, the body stays one HTML
/// block: rendered by the real marked, no link, heading or code block comes out of article text.
@Suite(.enabled(if: Marked.isAvailable, "needs node and marked (apt-get install -y node-marked); skipped: \(Marked.missing)"))
struct MarkdownInjectionTests {
    static let hostileBodies: [String] = [
        // Blank lines in ordinary text.
        "<p>Intro</p><p>text\n\n[click](javascript:alert(1))\n\n# Heading one\n\n    indented code\n\n```\nfenced code\n```\n</p>",
        // Lines of spaces and tabs only.
        "<p>a\n   \n[spaces](javascript:alert(2))\n\t\n## Heading two</p>",
        // Carriage returns written as character references reach the text raw.
        "<p>a&#13;&#13;[cr](javascript:alert(3))&#13;&#13;### Heading three</p>",
        "<p>a&#13;&#10;&#13;&#10;[crlf](javascript:alert(4))</p>",
        // Preformatted text keeps its blank lines: inside <pre> they are the text.
        "<pre>line one\n\n[pre](javascript:alert(5))\n\n# Pre heading\n\n    pre code</pre><p>after</p>",
        "<pre>\n\nleading blank lines\n\n[lead](javascript:alert(6))</pre>",
        // Attribute values.
        "<p><img src=\"https://example.com/a.jpg\" alt=\"a\n\n[alt](javascript:alert(7))\n\n# Alt heading\" title=\"t\n\n#### Title heading\"></p>",
        "<p><a href=\"https://example.com/\" title=\"x\n \n[title](javascript:alert(8))\">link</a></p>",
        // Nested wrappers whose whitespace-only text spans lines.
        "<div>\n\n<div>\n \n<p>deep</p>\n\n</div>\n\n</div>\n\n[after](javascript:alert(9))\n\n# After heading",
    ]

    static let source = Source(group: "g", site: "s", channel: "c", url: "file:///feed.xml", timeZone: TimeZone(identifier: "UTC")!)
    static let renderer = HexoPostRenderer(options: HexoOptions(directory: URL(fileURLWithPath: "/tmp")))

    static func post(_ html: String) -> String {
        let item = Item(key: "id:md", sourceKey: source.key, title: "Markdown", link: "https://example.com/a",
                        date: Date(timeIntervalSince1970: 1_700_000_000), dateOrigin: .feed,
                        firstSeen: Date(timeIntervalSince1970: 1_700_000_000), author: nil, html: html)
        return renderer.render(item, source: source)
    }

    static func body(of post: String) -> String {
        post.components(separatedBy: "\n---\n").dropFirst().joined(separator: "\n---\n")
    }

    @Test(arguments: hostileBodies)
    func markedReadsTheBodyAsOneHTMLBlock(html: String) throws {
        let body = Self.body(of: Self.post(html))
        let rendered = try Marked.render(body)
        #expect(!rendered.contains("href=\"javascript:"), "a link came out of article text:\n\(rendered)")
        #expect(rendered.range(of: "<h[1-6]", options: .regularExpression) == nil, "a heading came out of article text:\n\(rendered)")
        #expect(!rendered.contains("<code"), "a code block came out of article text:\n\(rendered)")
        #expect(!rendered.contains("<p><div") && !rendered.contains("&lt;div"), "the body was split:\n\(rendered)")
        // marked passed the block through as it was written.
        #expect(rendered.trimmingCharacters(in: .whitespacesAndNewlines) == body.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test(arguments: hostileBodies)
    func theBodyHasNoBlankLine(html: String) {
        let lines = Self.body(of: Self.post(html)).split(separator: "\n", omittingEmptySubsequences: false)
        // The post's blank line after the front matter, then the <div> block: no blank line until its end.
        #expect(lines.first == "" && lines[1] == "<div>")
        for line in lines.dropFirst().dropLast() {
            #expect(!line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }, "blank line in \(lines)")
        }
        #expect(!Self.body(of: Self.post(html)).contains("\r"))
    }

    @Test func preformattedTextKeepsItsLinesAsCharacterReferences() {
        let body = Self.body(of: Self.post("<pre>one\n\ntwo</pre>"))
        #expect(body.contains("<pre>one&#10;&#10;two</pre>"))
        // The parser drops a line feed right after <pre>: a text that opens with one is written after
        // one more (the serializer's rule), raw, so the line it opens is never blank.
        #expect(Self.body(of: Self.post("<pre>\nx\n</pre>")).contains("<pre>x&#10;</pre>"))
        #expect(Self.body(of: Self.post("<pre>\n\nx</pre>")).contains("<pre>\n&#10;x</pre>"))
    }
}

/// The marked that Debian's node-marked package installs, run by node.
enum Marked {
    static let modulePaths = ["/usr/share/nodejs", "/usr/lib/nodejs", "/usr/local/lib/node_modules"]

    static func node() -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/node"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static var missing: String {
        if node() == nil { return "node is not on PATH" }
        return modulePaths.contains { FileManager.default.fileExists(atPath: "\($0)/marked/package.json") }
            ? "" : "no marked module in \(modulePaths.joined(separator: ", "))"
    }

    static var isAvailable: Bool { missing.isEmpty }

    /// The HTML marked makes of `markdown`, with its default options (what hexo-renderer-marked
    /// builds on; it does not sanitize URLs by default).
    static func render(_ markdown: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(node()))
        process.arguments = ["-e", "const {marked} = require('marked'); let s = ''; process.stdin.on('data', d => s += d);"
            + " process.stdin.on('end', () => process.stdout.write(marked.parse(s)));"]
        var environment = ProcessInfo.processInfo.environment
        environment["NODE_PATH"] = modulePaths.joined(separator: ":")
        process.environment = environment
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "node exited with \(process.terminationStatus)")
        return String(decoding: data, as: UTF8.self)
    }
}
