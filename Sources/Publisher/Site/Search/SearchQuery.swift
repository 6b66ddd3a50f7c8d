/// A search query as the index answers it: the terms every result must have, and the CJK phrases
/// (three characters or more) that the terms only narrow down and the text must confirm.
///
/// ```swift
/// let query = SearchQuery("AI 芯片")   // terms: "ai", "芯片"; no phrase to confirm
/// ```
public struct SearchQuery: Sendable, Hashable {
    /// The index terms, each once, in query order.
    public private(set) var terms: [String] = []
    /// Folded CJK runs of three or more characters, which a result's title or text must contain.
    public private(set) var phrases: [String] = []

    public init(_ text: String) {
        var seen: Set<String> = []
        func add(_ term: String) {
            if seen.insert(term).inserted { terms.append(term) }
        }
        for run in SearchTerms.runs(of: text) {
            switch run {
            case .word(let word):
                add(word)
            case .cjk(let characters):
                if characters.count == 1 {
                    add(SearchTerm(cjkKey: SearchTerm.cjkKey(characters[0], nil)).text)
                    continue
                }
                for index in characters.indices.dropLast() {
                    add(SearchTerm(cjkKey: SearchTerm.cjkKey(characters[index], characters[index + 1])).text)
                }
                if characters.count > 2 {
                    var phrase = String.UnicodeScalarView()
                    phrase.append(contentsOf: characters)
                    phrases.append(String(phrase))
                }
            }
        }
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// Whether a document with this title and text holds every phrase (the terms are the index's business).
    public func phrasesMatch(title: String, text: String) -> Bool {
        guard !phrases.isEmpty else { return true }
        let folded = SearchQuery.folded(title) + "\n" + SearchQuery.folded(text)
        return phrases.allSatisfy { folded.contains($0) }
    }

    /// `text` folded as the index folds it (full-width forms, case).
    static func folded(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { SearchTerms.fold(scalar) { scalars.append($0) } }
        return String(scalars)
    }
}
