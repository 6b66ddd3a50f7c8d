import Foundation
import Testing

/// `newsmill html parse --format text`: the document's text, read from a file or standard input and
/// written out piece by piece.
@Suite(.serialized)
struct HTMLParseCommandTests {
    static func scratchFile(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("html-parse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file
    }

    /// Far more text than one output piece (64 kB), in many text nodes and one very large one, with
    /// CRLF line ends: every byte comes out, in order, with LF line ends.
    @Test func largeDocumentTextComesOutWholeAndInOrder() throws {
        var html = "<!doctype html><title>T</title><body>\r\n"
        var expected = "T\n"
        for index in 0..<20_000 {
            html += "<p>段落 \(index)\r\n</p>"
            expected += "段落 \(index)\n"
        }
        let big = String(repeating: "长文本ab", count: 30_000)
        html += "<div>\(big)</div>"
        expected += big
        let file = try Self.scratchFile("big.html", Array(html.utf8))
        let result = try CommandRunner.run(["html", "parse", "--format", "text", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected + "\n")
    }

    @Test func legacyEncodedStandardInputIsDecoded() throws {
        let gbk: [UInt8] = Array("<meta charset=gbk><p>".utf8) + [0xD6, 0xD0, 0xCE, 0xC4] + Array("</p>".utf8)  // 中文
        let result = try CommandRunner.run(["html", "parse", "--format", "text", "-"], input: Data(gbk))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "中文\n")
    }

    @Test func anEmptyFileHasEmptyText() throws {
        let file = try Self.scratchFile("empty.html", [])
        let result = try CommandRunner.run(["html", "parse", "--format", "text", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\n")
    }

    @Test func aMissingFileIsAnErrorNamingItAndTheCause() throws {
        let result = try CommandRunner.run(["html", "parse", "--format", "text", "/nonexistent/page.html"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("/nonexistent/page.html"), "\(result.stderr)")
        #expect(result.stderr.contains("No such file or directory"), "\(result.stderr)")
    }

    @Test func aDirectoryIsAnErrorNotACrash() throws {
        let directory = try Self.scratchFile("x.html", []).deletingLastPathComponent()
        let result = try CommandRunner.run(["html", "parse", "--format", "text", directory.path])
        #expect(result.status != 0 && result.status < 128, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains(directory.path), "\(result.stderr)")
    }

    /// `html parse --format text FILE` runs without ArgumentParser; the same command spelt otherwise
    /// goes through it. Both print the same text, and help is still help.
    @Test func theDirectFormAndTheParsedFormsAgree() throws {
        let html = "<title>标题</title><p>一<b>二</b>\r\n<script>x()</script><noscript>三</noscript><template>四</template>"
        let file = try Self.scratchFile("same.html", Array(html.utf8))
        let direct = try CommandRunner.run(["html", "parse", "--format", "text", file.path])
        let reordered = try CommandRunner.run(["html", "parse", file.path, "--format", "text"])
        let joined = try CommandRunner.run(["html", "parse", "--format=text", file.path])
        #expect(direct.status == 0 && reordered.status == 0 && joined.status == 0)
        #expect(direct.stdout == "标题一二\nx()三\n")
        #expect(reordered.stdout == direct.stdout && joined.stdout == direct.stdout)
        let help = try CommandRunner.run(["html", "parse", "--format", "text", "--help"])
        #expect(help.status == 0 && help.stdout.contains("--fragment"), "\(help.stdout)")
    }
}
