import Foundation

/// A document's file in the index: one JSON object with the story's path, title, date (seconds since
/// 1970), source and text, written byte for byte the same for the same document.
enum SearchDocumentFile {
    static func json(_ document: SearchDocument) -> String {
        let seconds = document.date.timeIntervalSince1970.rounded(.down)
        let date = seconds.isFinite ? Int(max(-1e15, min(seconds, 1e15))) : 0
        return "{\"path\":\(quoted(document.path)),\"title\":\(quoted(document.title)),\"date\":\(date),"
            + "\"source\":\(quoted(document.source)),\"text\":\(quoted(document.text))}\n"
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped, and `<` too, so the
    /// file reads as text even where something treats it as HTML.
    static func quoted(_ text: String) -> String {
        let special = text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "<") }
        guard special else { return "\"" + text + "\"" }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(text.utf8.count + 2)
        let hex = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: Array("\\n".utf8))
            case 0..<0x20, UInt8(ascii: "<"):
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 15)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }
}
