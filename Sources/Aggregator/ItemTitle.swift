import HTML5Parser
import NewsCore

/// Item titles: the feed's own when it gives a real one, else one made from the item's own text.
enum ItemTitle {
    /// What feeds write when an item has no title (compared without brackets, spaces and dots, case-folded).
    static let placeholders: Set<String> = ["", "untitled", "notitle", "无标题", "無標題", "无题", "标题"]

    /// Whether `title` says nothing about the item: empty, only dots or an ellipsis, `无标题`, "(untitled)"…
    static func isPlaceholder(_ title: String) -> Bool {
        var bare = String.UnicodeScalarView()
        var count = 0
        for scalar in title.unicodeScalars where !Self.isWhitespace(scalar) && !Self.ignored.contains(scalar) {
            // Longer than the longest placeholder: a real title (most titles stop here, early).
            guard count < Self.longestPlaceholder else { return false }
            bare.append(scalar)
            count += 1
        }
        return placeholders.contains(String(bare).lowercased())
    }

    static let ignored = Set("()（）[]【】<>《》.。…-_".unicodeScalars)

    /// Unicode's White_Space without the property tables for ASCII and CJK ideographs (every title's first scalars).
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: true
        case 0..<0x80, 0x4E00...0x9FFF: false
        default: scalar.properties.isWhitespace
        }
    }
    static let longestPlaceholder = placeholders.map(\.unicodeScalars.count).max() ?? 0

    /// The feed's title as plain text on one line; nil when it gave none or only a placeholder.
    static func real(_ raw: String?) -> String? {
        guard let title = ItemNormalizer.plainTitle(raw), !isPlaceholder(title) else { return nil }
        return title
    }

    /// How wide a title may be: 30 CJK characters, or about 70 Latin ones (a CJK character counts
    /// as 7, any other as 3).
    static let maximumWidth = 210

    /// A title from the opening of `html`'s text: its first sentence, cut at ``maximumWidth`` (at a
    /// word boundary in Latin text) with "…" when cut. Nil when there is no text.
    static func fromText(ofHTML html: HTMLText) -> String? {
        fromText(html.blockText)
    }

    static func fromText(_ text: String) -> String? {
        var opening = Substring(text.trimmingWhitespace())
        // A bracketed source tag before the story (【财联社5月1日电】) is no title.
        if opening.hasPrefix("【"), let close = opening.firstIndex(of: "】"), opening.distance(from: opening.startIndex, to: close) <= 24 {
            let rest = opening[opening.index(after: close)...].drop(while: \.isWhitespace)
            if !rest.isEmpty { opening = rest }
        }
        let sentence = firstSentence(of: opening)
        guard !sentence.isEmpty else { return nil }
        return cut(sentence)
    }

    /// Up to the first sentence end (。！？!? or ". "), or the first line break.
    static func firstSentence(of text: Substring) -> String {
        var sentence = ""
        var previous: Character?
        for character in text {
            if character.isNewline { break }
            if character == " " && previous == "." { sentence.removeLast(); break }
            if "。！？!?；;".contains(character) {
                if "！？!?".contains(character) { sentence.append(character) }
                break
            }
            sentence.append(character)
            previous = character
        }
        return sentence.trimmingWhitespace()
    }

    static func width(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD: return 7
        default: return 3
        }
    }

    /// `sentence` when it fits ``maximumWidth``, else its opening with "…" (Latin text is cut at a space).
    static func cut(_ sentence: String) -> String {
        guard sentence.reduce(0, { $0 + width($1) }) > maximumWidth else { return sentence }
        var kept = ""
        var used = width("…")
        for character in sentence {
            used += width(character)
            if used > maximumWidth { break }
            kept.append(character)
        }
        let next = sentence.dropFirst(kept.count).first
        if let last = kept.last, width(last) == 3, let next, width(next) == 3, !next.isWhitespace,
           let space = kept.lastIndex(of: " "), kept.distance(from: kept.startIndex, to: space) > kept.count / 2 {
            kept = String(kept[..<space])
        }
        while let last = kept.last, last.isWhitespace || ",，、:：;；-—".contains(last) { kept.removeLast() }
        return kept + "…"
    }

    /// The HTML's text with a line break before each block, so paragraphs stay apart.
    static func blockText(of fragment: HTMLNode) -> String {
        let blocks: Set<String> = ["p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"]
        var text = ""
        for node in fragment.descendants {
            if node.kind == .text {
                text += node.data
            } else if node.isElement && blocks.contains(node.name) {
                text += "\n"
            }
        }
        return text
    }
}
