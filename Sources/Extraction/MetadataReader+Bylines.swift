import Foundation
import HTML5Parser

/// Authors and editor: meta tags and JSON-LD first, then byline patterns such as 记者 X, 作者：X,
/// 责任编辑：X over the page text. A name must look like a person's: meta tags often carry the
/// site, the CMS or an account id instead.
extension MetadataReader {
    static let authorPattern = #"(?:记者|作者)[:：\h]+([\p{Han}·]{2,4})(?=[\s，,。)）]|$)"#
    static let editorPattern = #"责任编辑[:：\h]*([\p{Han}A-Za-z·]{2,12})"#

    /// Authors from meta tags, JSON-LD, the site rule's patterns over the page text, and the
    /// built-in 记者/作者 pattern over the page's byline lines (``bylineLines(_:)``).
    func authors(text: String, bylines: String, rule: SiteRule?) -> [String] {
        var declared: [String] = []
        if let name = meta("author", "article:author", "sailthru.author") { declared.append(name) }
        for object in jsonLD {
            let authors = (object["author"] as? [Any]) ?? (object["author"].map { [$0] } ?? [])
            for author in authors {
                if let name = (author as? [String: Any])?["name"] as? String ?? author as? String { declared.append(name) }
            }
        }
        var found = declared.filter { looksLikeAPersonsName($0) }
        for pattern in rule?.authorPatterns ?? [] { found += Self.captures(pattern, in: text) }
        found += Self.captures(Self.authorPattern, in: bylines)
        var seen = Set<String>()
        return found.map { FastText.trimmed($0) }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    func editor(text: String, bylines: String, rule: SiteRule?) -> String? {
        for pattern in rule?.editorPatterns ?? [] {
            if let editor = Self.captures(pattern, in: text).first { return editor }
        }
        return Self.captures(Self.editorPattern, in: bylines).first
    }

    /// Not a URL, a domain, a list, an account id, the site's own name or a publisher.
    func looksLikeAPersonsName(_ name: String) -> Bool {
        let name = FastText.trimmed(name)
        guard !name.isEmpty, name.count <= 40 else { return false }
        let lowered = name.lowercased()
        let giveaways = ["http", "www.", ".com", ".cn", ".net", ",", "，", "team", "publisher", "出版社", "集团", "网络", "新闻网"]
        if giveaways.contains(where: lowered.contains) { return false }
        if name.contains("_"), name.contains(where: \.isNumber) { return false }
        if let site = siteName(), lowered == site.lowercased() { return false }
        return true
    }

    /// Whether any text on the page holds a word the built-in byline patterns start from (记者, 作者, 编辑).
    func mayHaveBylines() -> Bool {
        let scope = document.root.index
        var index = document.firstChildIndex(of: scope)
        while index >= 0 {
            switch document.kind(at: index) {
            case .text:
                if Self.holdsBylineWord(document.data(at: index)) { return true }
            case .element:
                if document.tag(at: index).holdsNoPageText {
                    index = document.followingIndex(skippingChildrenOf: index, within: scope)
                    continue
                }
            default:
                break
            }
            index = document.followingIndex(after: index, within: scope)
        }
        return false
    }

    static func holdsBylineWord(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { holdsBylineWord($0) }
    }

    /// One pass over the bytes for 记者 (E8 AE B0 E8 80 85), 作者 (E4 BD 9C E8 80 85) and 编辑 (E7 BC 96 E8 BE 91).
    static func holdsBylineWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 6 else { return false }
        // Each word ends in 者 (E8 80 85) or 辑 (E8 BE 91): look for those first.
        for i in 3...(bytes.count - 3) where bytes[i] == 0xE8 {
            let second = (bytes[i + 1], bytes[i + 2])
            let first = (bytes[i - 3], bytes[i - 2], bytes[i - 1])
            if second == (0x80, 0x85) && (first == (0xE8, 0xAE, 0xB0) || first == (0xE4, 0xBD, 0x9C)) { return true }
            if second == (0xBE, 0x91) && first == (0xE7, 0xBC, 0x96) { return true }
        }
        return false
    }

    /// The lines of a page's text that hold a byline word: the built-in patterns need no more, and
    /// matching a regular expression converts its whole subject to UTF-16 first.
    static func bylineLines(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                if holdsBylineWord(line) {
                    if !output.isEmpty { output.append(0x0A) }
                    output.append(contentsOf: line)
                }
                lineStart = lineEnd + 1
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    static func captures(_ pattern: String, in text: String) -> [String] {
        guard !text.isEmpty, let regex = PatternCache.shared.regex(pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            guard match.numberOfRanges > 1, let capture = Range(match.range(at: 1), in: text) else { return nil }
            return String(text[capture])
        }
    }
}

/// Compiled byline patterns, shared by every extraction (compiling one cost as much as matching it
/// against a whole page).
final class PatternCache: @unchecked Sendable {
    static let shared = PatternCache()
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression?] = [:]

    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let known = compiled[pattern] { return known }
        let regex = try? NSRegularExpression(pattern: pattern)
        compiled[pattern] = regex
        return regex
    }
}
