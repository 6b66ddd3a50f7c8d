import Foundation
import Testing

@testable import HTML5Parser

struct EncodingTests {
    /// html5lib-tests/encoding: the `<meta>` prescan (windows-1252 when it finds nothing).
    @Test func html5libEncodingCasesPass() throws {
        var tally = ConformanceTally()
        for file in Html5libFixtures.files(in: "encoding", withExtension: "dat") {
            let text = try String(contentsOf: file, encoding: .isoLatin1)
            var passed = 0
            var total = 0
            for chunk in text.components(separatedBy: "#data\n").dropFirst() {
                let parts = chunk.components(separatedBy: "#encoding\n")
                guard parts.count == 2 else { continue }
                var data = parts[0]
                if data.hasSuffix("\n") { data.removeLast() }
                let expected = parts[1].split(separator: "\n").first.map(String.init) ?? ""
                total += 1
                let found = HTMLEncoding.sniff(data.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }) ?? "windows-1252"
                if found.lowercased() == expected.lowercased() {
                    passed += 1
                } else {
                    tally.failures.append("\(file.lastPathComponent): expected \(expected), got \(found): \(data.prefix(80))")
                }
            }
            tally.rows.append((file.lastPathComponent, passed, total))
        }
        print(tally.report("html5lib encoding"))
        #expect(tally.total >= 80)
        #expect(tally.rate >= 0.99)
    }

    static let chinese = "新浪财经：海量资讯、精准解读"

    static func gbk(_ text: String) -> [UInt8] {
        IconvDecoder.decodeBack(text, to: "GB18030")
    }

    @Test func unlabelledGBKIsRecognisedFromTheBytes() {
        let bytes = Array("<html><body><p>".utf8) + Self.gbk(Self.chinese) + Array("</p>".utf8)
        let decoded = HTMLEncoding.decode(bytes)
        #expect(decoded.encoding == "gb18030")
        #expect(decoded.text.contains(Self.chinese))
    }

    @Test func metaLabelledGB2312IsDecoded() {
        let bytes = Array("<meta charset=gb2312><p>".utf8) + Self.gbk(Self.chinese)
        let decoded = HTMLEncoding.decode(bytes)
        #expect(decoded.encoding == "gbk")
        #expect(decoded.evidence == .meta)
        #expect(decoded.text.contains(Self.chinese))
    }

    @Test func utf8LabelledGB2312IsReadAsUTF8() {
        let bytes = Array("<meta http-equiv=Content-Type content='text/html; charset=gb2312'><p>\(Self.chinese)".utf8)
        let decoded = HTMLEncoding.decode(bytes)
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.text.contains(Self.chinese))
    }

    @Test func transportCharsetAndBOMWin() {
        let big5 = IconvDecoder.decodeBack("繁體中文", to: "BIG5-HKSCS")
        #expect(HTMLEncoding.decode(big5, transportCharset: "big5").text == "繁體中文")
        #expect(HTMLEncoding.decode([0xEF, 0xBB, 0xBF] + Array("é".utf8), transportCharset: "iso-8859-1").text == "é")
        let sjis = IconvDecoder.decodeBack("日本語", to: "CP932")
        #expect(HTMLEncoding.decode(sjis, transportCharset: "shift_jis").text == "日本語")
        #expect(HTMLEncoding.decode([0xE9], transportCharset: "latin1").text == "é")
        #expect(HTMLEncoding.decode([0x80], transportCharset: "windows-1252").text == "€")
    }
}

extension IconvDecoder {
    /// Test helper: encodes UTF-8 text into `encoding` (iconv the other way).
    static func decodeBack(_ text: String, to encoding: String) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", encoding]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try! process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try! input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}
