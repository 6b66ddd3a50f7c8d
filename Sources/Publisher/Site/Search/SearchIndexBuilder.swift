import Foundation

/// The search index of a set of documents, in memory: each document's number, and each term's
/// posting lists (every document that has the term, and those that have it in their title).
struct SearchIndexBuilder {
    struct Postings {
        var all: [Int32] = []
        var title: [Int32] = []
    }

    /// The documents by number, ascending.
    private(set) var documents: [(number: Int, document: SearchDocument)] = []
    private var cjkPostings: [UInt64: Postings] = [:]
    private var wordPostings: [String: Postings] = [:]

    /// Numbers `documents` (see ``numbered(_:)``) and indexes them.
    /// - Complexity: O(n log n) in the documents, plus O(m) in the scalars of their titles and texts.
    init(_ input: [SearchDocument]) {
        self.init(numbered: Self.numbered(input))
    }

    /// Indexes documents already numbered, in ascending number.
    init(numbered: [(number: Int, document: SearchDocument)]) {
        documents = numbered
        for (number, document) in documents {
            add(document.title, number: Int32(number), inTitle: true)
            add(document.text, number: Int32(number), inTitle: false)
        }
    }

    /// The documents in ascending number: one per path (of two with the same path, the later in date
    /// order), each numbered by its date in minutes, or the next free number after the story before it.
    static func numbered(_ input: [SearchDocument]) -> [(number: Int, document: SearchDocument)] {
        numbered(input) { $0.text }
    }

    /// ``numbered(_:)`` for documents whose texts are read through `text`, only where two documents
    /// agree on everything else.
    static func numbered(
        _ input: [SearchDocument], text: (SearchDocument) throws -> String
    ) rethrows -> [(number: Int, document: SearchDocument)] {
        let dated = try input.map { (preferred: SearchIndexLayout.preferredNumber(for: $0.date), document: $0) }
            .sorted { left, right in
                if left.preferred != right.preferred { return left.preferred < right.preferred }
                if left.document.path != right.document.path {
                    return left.document.path.utf8.lexicographicallyPrecedes(right.document.path.utf8)
                }
                return try Self.tieBreak(left.document, right.document, text: text)
            }
        var latestByPath: [String: Int] = [:]
        for (index, entry) in dated.enumerated() { latestByPath[entry.document.path] = index }
        var numbered: [(number: Int, document: SearchDocument)] = []
        var next = 0
        for (index, entry) in dated.enumerated() where latestByPath[entry.document.path] == index {
            let number = max(entry.preferred, next)
            next = number + 1
            numbered.append((number, entry.document))
        }
        return numbered
    }

    /// The terms of one document: all of them, and those of its title.
    static func terms(of title: String, _ text: String) -> (all: Set<SearchTerm>, title: Set<SearchTerm>) {
        let index = SearchIndexBuilder(numbered: [(0, SearchDocument(path: "", title: title, date: .init(), source: "", text: text))])
        var all: Set<SearchTerm> = []
        var inTitle: Set<SearchTerm> = []
        for (key, postings) in index.cjkPostings {
            all.insert(SearchTerm(cjkKey: key))
            if !postings.title.isEmpty { inTitle.insert(SearchTerm(cjkKey: key)) }
        }
        for (word, postings) in index.wordPostings {
            all.insert(SearchTerm(word))
            if !postings.title.isEmpty { inTitle.insert(SearchTerm(word)) }
        }
        return (all, inTitle)
    }

    /// A total order on documents that agree on date and path, so that any input order numbers alike.
    private static func tieBreak(
        _ left: SearchDocument, _ right: SearchDocument, text: (SearchDocument) throws -> String
    ) rethrows -> Bool {
        for (a, b) in [(left.title, right.title), (left.source, right.source)] where a != b {
            return a.utf8.lexicographicallyPrecedes(b.utf8)
        }
        let (a, b) = (try text(left), try text(right))
        return a != b && a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private mutating func add(_ text: String, number: Int32, inTitle: Bool) {
        SearchTerms.forEachRun(in: text) { run in
            switch run {
            case .word(let word):
                Self.post(number, inTitle: inTitle, into: &wordPostings[word, default: Postings()])
            case .cjk(let characters):
                var previous: Unicode.Scalar?
                for character in characters {
                    Self.post(number, inTitle: inTitle, into: &cjkPostings[SearchTerm.cjkKey(character, nil), default: Postings()])
                    if let previous {
                        Self.post(
                            number, inTitle: inTitle,
                            into: &cjkPostings[SearchTerm.cjkKey(previous, character), default: Postings()])
                    }
                    previous = character
                }
            }
        }
    }

    /// Documents are added in ascending number, so a list already holds `number` exactly when it ends with it.
    @inline(__always)
    private static func post(_ number: Int32, inTitle: Bool, into postings: inout Postings) {
        if postings.all.last != number { postings.all.append(number) }
        if inTitle && postings.title.last != number { postings.title.append(number) }
    }

    /// Each non-empty shard's file contents, by shard: its terms' lines in term order.
    func shardFiles() -> [Int: String] {
        var lines: [Int: [(term: SearchTerm, postings: Postings)]] = [:]
        for (key, postings) in cjkPostings {
            let term = SearchTerm(cjkKey: key)
            lines[term.shard, default: []].append((term, postings))
        }
        for (word, postings) in wordPostings {
            let term = SearchTerm(word)
            lines[term.shard, default: []].append((term, postings))
        }
        var files: [Int: String] = [:]
        for (shard, entries) in lines {
            files[shard] = Self.shardFile(entries)
        }
        return files
    }

    /// A shard file's text: one line per term, in term order (terms without documents left out).
    static func shardFile(_ entries: [(term: SearchTerm, postings: Postings)]) -> String {
        var bytes: [UInt8] = []
        for entry in entries.sorted(by: { $0.term < $1.term }) where !entry.postings.all.isEmpty {
            appendLine(term: entry.term, all: entry.postings.all, title: entry.postings.title, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One term's line of a shard file: `term TAB documents TAB title-documents LF`.
    static func appendLine(term: SearchTerm, all: [Int32], title: [Int32], to bytes: inout [UInt8]) {
        bytes.append(contentsOf: term.text.utf8)
        appendPostings(all: all, title: title, to: &bytes)
    }

    /// The rest of a term's line, after its text: its postings and those of its titles.
    static func appendPostings(all: [Int32], title: [Int32], to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\t"))
        PostingCode.append(all, to: &bytes)
        bytes.append(UInt8(ascii: "\t"))
        PostingCode.append(title, to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
    }
}
