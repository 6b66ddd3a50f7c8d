import NewsCore

extension RuleSet {
    /// An item's fields, folded and scanned for keywords once each, when a rule first reads them.
    ///
    /// With a stock list, title and text are folded into one buffer (title, a line break, text: what
    /// company recognition reads) and scanned once for the rules' keywords and the company names
    /// together; a keyword counts for the title or the text it lies in, never across the two. Without
    /// one, each field is folded and scanned alone, so a rule set that reads only titles never reads a body.
    struct Subject {
        // The item's fields rules read (not the whole item: a copy of it is a retain of each of its fields).
        let title: String
        let html: String
        let author: String?
        let link: String?
        let categories: [String]
        /// Per field (by ``RuleField/ordinal``), its folded bytes; with a stock list, title and text
        /// are both in `fields[0]` (the text after `titleEnd` and a line break).
        private var fields = [[UInt8]](repeating: [], count: RuleField.allCases.count)
        private var folded: UInt8 = 0
        private var scanned: UInt8 = 0
        private var titleEnd = -1
        private let joint: Bool
        /// Which keywords each field holds, one bit per keyword (a field's words start at `ordinal * wordsPerField`).
        private var found: [UInt64]
        private let wordsPerField: Int
        private var strings: [String?] = []
        /// Where the company names occur in the joint title and text (name ids, as ``StockRecognizer`` numbers them).
        private var names: [KeywordAutomaton.Match] = []

        init(item: Item, set: RuleSet) {
            title = item.title
            html = item.html
            author = item.author
            link = item.link
            categories = item.categories
            joint = set.stocks != nil
            wordsPerField = (set.ruleKeywordCount + 63) / 64
            found = [UInt64](repeating: 0, count: wordsPerField * RuleField.allCases.count)
        }

        private static func bit(_ field: RuleField) -> UInt8 { 1 << UInt8(field.ordinal) }

        private static func isTitleOrText(_ field: RuleField) -> Bool { field == .title || field == .text }

        /// Folds `field` (with a stock list, title and text together) when first read.
        private mutating func fold(_ field: RuleField, in set: RuleSet) {
            guard folded & Self.bit(field) == 0 else { return }
            if joint && Self.isTitleOrText(field) {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(title.utf8.count + 1 + html.utf8.count)
                Self.appendFolded(title, to: &bytes, variants: set.variants)
                titleEnd = bytes.count
                bytes.append(0x0A)
                PlainText.appendFolded(html: html, to: &bytes, variants: set.variants)
                fields[RuleField.title.ordinal] = bytes
                folded |= Self.bit(.title) | Self.bit(.text)
                return
            }
            var bytes: [UInt8] = []
            switch field {
            case .title: Self.appendFolded(title, to: &bytes, variants: set.variants)
            case .text:
                bytes.reserveCapacity(html.utf8.count)
                PlainText.appendFolded(html: html, to: &bytes, variants: set.variants)
            case .author: Self.appendFolded(author ?? "", to: &bytes, variants: set.variants)
            case .link: Self.appendFolded(link ?? "", to: &bytes, variants: set.variants)
            case .category: Self.appendFolded(categories.joined(separator: "\n"), to: &bytes, variants: set.variants)
            }
            fields[field.ordinal] = bytes
            folded |= Self.bit(field)
        }

        private static func appendFolded(_ text: String, to bytes: inout [UInt8], variants: CharacterVariants?) {
            var text = text
            text.withUTF8 { FoldedText.append(utf8: $0, to: &bytes, variants: variants) }
        }

        /// The folded bytes of `field` (folded first when needed).
        private mutating func bytes(_ field: RuleField, in set: RuleSet) -> ArraySlice<UInt8> {
            fold(field, in: set)
            guard joint && Self.isTitleOrText(field) else { return fields[field.ordinal][...] }
            let both = fields[RuleField.title.ordinal]
            return field == .title ? both[..<titleEnd] : both[(titleEnd + 1)...]
        }

        /// Scans `field` for every keyword (with a stock list, title and text together, and the names too).
        private mutating func scan(_ field: RuleField, in set: RuleSet) {
            guard scanned & Self.bit(field) == 0 else { return }
            fold(field, in: set)
            let perField = wordsPerField
            let ruleWords = set.ruleKeywordCount
            if joint && Self.isTitleOrText(field) {
                scanned |= Self.bit(.title) | Self.bit(.text)
                let titleEnd = titleEnd
                let titleBase = RuleField.title.ordinal * perField
                let textBase = RuleField.text.ordinal * perField
                set.automaton.scan(fields[RuleField.title.ordinal]) { match in
                    if match.keyword >= ruleWords {
                        names.append(KeywordAutomaton.Match(keyword: match.keyword - ruleWords, start: match.start, end: match.end))
                    } else if match.end <= titleEnd {
                        found[titleBase + match.keyword >> 6] |= 1 << UInt64(match.keyword & 63)
                    } else if match.start > titleEnd {
                        found[textBase + match.keyword >> 6] |= 1 << UInt64(match.keyword & 63)
                    }
                }
                return
            }
            scanned |= Self.bit(field)
            let base = field.ordinal * perField
            set.automaton.scan(fields[field.ordinal]) { match in
                guard match.keyword < ruleWords else { return }
                found[base + match.keyword >> 6] |= 1 << UInt64(match.keyword & 63)
            }
        }

        /// Whether keyword `id` occurs in `field` (the field is scanned once, on the first question).
        mutating func holds(_ id: Int, in field: RuleField, set: RuleSet) -> Bool {
            scan(field, in: set)
            return found[field.ordinal * wordsPerField + id >> 6] & (1 << UInt64(id & 63)) != 0
        }

        /// The folded field as a string, for regular expressions.
        mutating func string(_ field: RuleField, in set: RuleSet) -> String {
            if strings.isEmpty { strings = [String?](repeating: nil, count: RuleField.allCases.count) }
            if let text = strings[field.ordinal] { return text }
            let text = String(decoding: bytes(field, in: set), as: UTF8.self)
            strings[field.ordinal] = text
            return text
        }

        /// The tags of the companies title and text mention (see ``StockRecognizer/tags(in:)``).
        mutating func companies(_ stocks: StockRecognizer, in set: RuleSet) -> [String] {
            scan(.title, in: set)
            return stocks.tags(in: fields[RuleField.title.ordinal], names: names)
        }

        mutating func matches(_ condition: CompiledCondition, in set: RuleSet) -> Bool {
            guard !condition.any.isEmpty || !condition.all.isEmpty else { return false }
            if !condition.any.isEmpty && !condition.any.contains(where: { occurs($0, in: condition.fields, set: set) }) {
                return false
            }
            return condition.all.allSatisfy { occurs($0, in: condition.fields, set: set) }
        }

        mutating func occurs(_ pattern: CompiledPattern, in fields: [RuleField], set: RuleSet) -> Bool {
            switch pattern {
            case .keyword(let id):
                return fields.contains { holds(id, in: $0, set: set) }
            case .regex(let index):
                let regex = set.regexes[index]
                // A regular expression runs only on fields holding the literal it must start with.
                return fields.contains { field in
                    if let literal = regex.prefilter, !holds(literal, in: field, set: set) { return false }
                    return regex.matches(string(field, in: set))
                }
            }
        }
    }
}
