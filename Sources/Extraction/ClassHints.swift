import HTML5Parser
import SiteKnowledge

/// What an element's class and id say about it: boilerplate (`share-bar`, `sidebar`, `ad`), content
/// (`article-body`, `artibody`), or reader comments and bylines. Words are matched whole or by their
/// start (`share` matches `share-bar` and `sharing` no; `nav` matches `navbar`, not `canvas`), and
/// each element is read once.
struct ClassHints {
    struct Flags: OptionSet {
        let rawValue: UInt8
        static let read = Flags(rawValue: 1)
        static let negative = Flags(rawValue: 2)
        static let positive = Flags(rawValue: 4)
        static let commentsOrByline = Flags(rawValue: 8)
    }

    static let negativePrefixes = bytes([
        "comment", "share", "social", "related", "recommend", "footer", "sidebar", "nav", "menu", "breadcrumb",
        "advert", "sponsor", "promo", PromoVocabulary.qrCode, "popup", "modal", "banner", "subscribe", "newsletter", "toolbar",
        "download", "copyright", "rank", "hotnews", "outbrain", "taboola", "cookie", "masthead", "credit", "control",
    ])
    static let negativeWords = bytes(["ad", "ads", "tags", "tag", "hot", "app", "widget", "aside"])
    static let positivePrefixes = bytes(["article", "content", "text", "body", "main", "post", "entry", "detail", "story", "artibody", "news"])
    static let commentsPrefixes = bytes(["comment", "byline"])
    static let commentsWords = bytes(["disqus", "dateline", "writtenby"])
    static let commentary = Array("commentary".utf8)

    private static func bytes(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }

    let document: HTMLDocument
    private var flags: [Flags]

    init(_ document: HTMLDocument) {
        self.document = document
        flags = Array(repeating: [], count: document.capacity)
    }

    mutating func flags(_ index: Int) -> Flags {
        if index < flags.count, flags[index].contains(.read) { return flags[index] }
        var result: Flags = .read
        for name in ["class", "id"] {
            guard var value = document.attribute(name, at: index) else { continue }
            value.withUTF8 { bytes in Self.forEachWord(in: bytes) { result.formUnion(Self.flags(of: $0)) } }
        }
        if index < flags.count { flags[index] = result }
        return result
    }

    private static func flags(of word: UnsafeBufferPointer<UInt8>) -> Flags {
        var result: Flags = []
        if negativeWords.contains(where: { equals(word, $0) }) || negativePrefixes.contains(where: { starts(word, $0) }) {
            result.insert(.negative)
        }
        if positivePrefixes.contains(where: { starts(word, $0) }) { result.insert(.positive) }
        if (commentsPrefixes.contains(where: { starts(word, $0) }) && !starts(word, commentary)) || commentsWords.contains(where: { equals(word, $0) }) {
            result.insert(.commentsOrByline)
        }
        return result
    }

    /// Calls `body` with each run of letters and digits (non-ASCII bytes count as letters).
    private static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var start = -1
        for i in 0...bytes.count {
            let isWordByte: Bool
            if i < bytes.count {
                let byte = bytes[i]
                isWordByte = (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte >= 0x80
            } else {
                isWordByte = false
            }
            if isWordByte {
                if start < 0 { start = i }
            } else if start >= 0 {
                body(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                start = -1
            }
        }
    }

    /// Whether `word` starts with `prefix` (lowercase), ignoring ASCII case.
    @inline(__always)
    private static func starts(_ word: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard word.count >= prefix.count else { return false }
        for i in 0..<prefix.count {
            let byte = word[i]
            if ((0x41...0x5A).contains(byte) ? byte | 0x20 : byte) != prefix[i] { return false }
        }
        return true
    }

    @inline(__always)
    private static func equals(_ word: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Bool {
        word.count == other.count && starts(word, other)
    }

    /// +25 for content words, -25 for boilerplate words.
    mutating func weight(_ index: Int) -> Double {
        let flags = flags(index)
        return (flags.contains(.positive) ? 25 : 0) - (flags.contains(.negative) ? 25 : 0)
    }
}
