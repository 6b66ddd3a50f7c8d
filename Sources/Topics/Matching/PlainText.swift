/// The text of an HTML fragment for matching, without building a DOM: tags are dropped (a block
/// tag becomes a line break, so words of two paragraphs never join), comments and `<script>` and
/// `<style>` content are skipped, and the common character references are decoded. Rules and company
/// recognition read every item, so this runs in one pass over the bytes.
public enum PlainText {
    /// - Complexity: O(n) in the HTML's bytes.
    public static func of(html: String) -> String {
        String(decoding: utf8(of: html), as: UTF8.self)
    }

    /// The text of ``of(html:)`` as its UTF-8 bytes (valid UTF-8: a tag, comment or reference is cut
    /// out whole, and never inside a character).
    public static func utf8(of html: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count / 2)
        forEachPiece(of: html) { out.append(contentsOf: $0) }
        return out
    }

    /// Appends the text of ``of(html:)``, folded as ``FoldedText`` folds it, to `bytes`: in the same
    /// pass, with no text in between.
    static func appendFolded(html: String, to bytes: inout [UInt8], variants: CharacterVariants?) {
        forEachPiece(of: html) { FoldedText.append(utf8: $0, to: &bytes, variants: variants) }
    }

    /// Calls `emit` with the text's pieces in order: runs of the HTML's own bytes between markup, the
    /// line breaks that stand for tags and comments, and the decoded references.
    @inline(__always)
    private static func forEachPiece(of html: String, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var html = html
        html.withUTF8 { bytes in
            var endsInLineBreak = false
            func piece(_ text: UnsafeBufferPointer<UInt8>) {
                guard let last = text.last else { return }
                emit(text)
                endsInLineBreak = last == 0x0A
            }
            func lineBreak() {
                guard !endsInLineBreak else { return }
                var newline: UInt8 = 0x0A
                withUnsafePointer(to: &newline) { emit(UnsafeBufferPointer(start: $0, count: 1)) }
                endsInLineBreak = true
            }
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<"), Self.startsComment(bytes, at: index) {
                    // A comment ends at `-->`, whatever markup it holds (an unclosed one at the end).
                    index = Self.commentEnd(bytes, from: index + 4)
                    lineBreak()
                    continue
                }
                if byte == UInt8(ascii: "<") {
                    let close = Self.tagEnd(bytes, from: index)
                    let name = Self.tagName(bytes, from: index + 1, to: close)
                    index = close + 1
                    if name == "script" || name == "style" {
                        index = Self.skipRawText(bytes, from: index, closing: name)
                    }
                    lineBreak()
                    continue
                }
                if byte == UInt8(ascii: "&") {
                    if let (decoded, length) = Self.reference(bytes, at: index) {
                        var decoded = decoded
                        decoded.withUTF8 { piece($0) }
                        index += length
                    } else {
                        piece(UnsafeBufferPointer(rebasing: bytes[index..<(index + 1)]))
                        index += 1
                    }
                    continue
                }
                // Text up to the next markup or reference, as it is.
                let start = index
                while index < count, bytes[index] != UInt8(ascii: "<"), bytes[index] != UInt8(ascii: "&") { index += 1 }
                piece(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            }
        }
    }

    private static func startsComment(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 3 < bytes.count && bytes[index + 1] == UInt8(ascii: "!") && bytes[index + 2] == UInt8(ascii: "-")
            && bytes[index + 3] == UInt8(ascii: "-")
    }

    private static func commentEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: "-") && bytes[index + 1] == UInt8(ascii: "-") && bytes[index + 2] == UInt8(ascii: ">") {
                return index + 3
            }
            index += 1
        }
        return bytes.count
    }

    private static func tagEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
        return index
    }

    private static func tagName(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String {
        var name: [UInt8] = []
        var index = start
        while index < end, index < bytes.count, name.count < 8 {
            let byte = bytes[index] | 0x20
            guard byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") else { break }
            name.append(byte)
            index += 1
        }
        return String(decoding: name, as: UTF8.self)
    }

    private static func skipRawText(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, closing name: String) -> Int {
        let closing = Array("</\(name)".utf8)
        var index = start
        while index + closing.count <= bytes.count {
            var matched = true
            for offset in 0..<closing.count where (bytes[index + offset] | (offset >= 2 ? 0x20 : 0)) != closing[offset] {
                matched = false
                break
            }
            if matched { return tagEnd(bytes, from: index) + 1 }
            index += 1
        }
        return bytes.count
    }

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ldquo": "“", "rdquo": "”",
        "lsquo": "‘", "rsquo": "’", "mdash": "—", "hellip": "…", "middot": "·",
    ]

    /// A character reference at `start` (`&amp;`, `&#38;`, `&#x26;`) and its length in bytes.
    private static func reference(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        var index = start + 1
        var body: [UInt8] = []
        while index < bytes.count, body.count < 10, bytes[index] != UInt8(ascii: ";") {
            body.append(bytes[index])
            index += 1
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ";"), !body.isEmpty else { return nil }
        let text = String(decoding: body, as: UTF8.self)
        let length = body.count + 2
        if body[0] == UInt8(ascii: "#") {
            let digits = text.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return (String(scalar), length)
        }
        return named[text].map { ($0, length) }
    }
}

extension FoldedText {
    /// The folded text of an HTML fragment: ``PlainText/of(html:)``, folded, made in one pass.
    public init(html: String, variants: CharacterVariants? = nil) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(html.utf8.count)
        PlainText.appendFolded(html: html, to: &bytes, variants: variants)
        self.init(folded: bytes)
    }
}
