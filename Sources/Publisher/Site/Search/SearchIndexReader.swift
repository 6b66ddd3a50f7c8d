public import Foundation

/// Answers queries from a written search index the way `search.js` does, for tests, benchmarks and
/// tools: the candidates from the query's shards, best first (title hits, then newer), confirmed
/// against each document's file where the query has a phrase of three or more CJK characters.
public struct SearchIndexReader: Sendable {
    /// A document of the index as its file holds it.
    public struct Hit: Sendable, Hashable, Decodable {
        public var path: String
        public var title: String
        public var date: Int
        public var source: String
        public var text: String
    }

    public var directory: URL

    /// - Parameter directory: the site's root (the folder that holds `search/`).
    public init(directory: URL) {
        self.directory = directory
    }

    /// The confirmed results of `query`, best first, and the site-relative paths of the index files read.
    /// - Throws: ``SearchIndexError`` when a shard or document file is unreadable or malformed.
    public func search(_ query: String) throws -> (hits: [Hit], filesRead: [String]) {
        let parsed = SearchQuery(query)
        var filesRead: [String] = []
        var shards: [String: String?] = [:]
        var lists: [(all: [Int], title: [Int])] = []
        for term in parsed.terms {
            let path = SearchIndexLayout.shardPath(SearchTerm(term).shard)
            if shards[path] == nil {
                shards[path] = .some(try? String(contentsOf: url(path), encoding: .utf8))
                filesRead.append(path)
            }
            guard let text = shards[path]!, let found = try Self.postings(of: term, in: text, path: path) else {
                return ([], filesRead)
            }
            lists.append(found)
        }
        guard !lists.isEmpty else { return ([], filesRead) }
        let all = Self.intersect(lists.map(\.all))
        let title = Set(Self.intersect(lists.map(\.title)))
        let ranked = all.filter { title.contains($0) }.reversed() + all.filter { !title.contains($0) }.reversed()
        var hits: [Hit] = []
        for number in ranked {
            let path = SearchIndexLayout.documentPath(number)
            filesRead.append(path)
            let hit: Hit
            do {
                hit = try JSONDecoder().decode(Hit.self, from: Data(contentsOf: url(path)))
            } catch {
                throw SearchIndexError(path: path, problem: "unreadable document file (\(error))")
            }
            if parsed.phrasesMatch(title: hit.title, text: hit.text) { hits.append(hit) }
        }
        return (hits, filesRead)
    }

    private func url(_ path: String) -> URL { directory.appendingPathComponent(path) }

    static func postings(of term: String, in shard: String, path: String) throws -> (all: [Int], title: [Int])? {
        let prefix = term + "\t"
        for line in shard.split(separator: "\n") where line.hasPrefix(prefix) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let all = PostingCode.decode(fields[1]), let title = PostingCode.decode(fields[2]) else {
                throw SearchIndexError(path: path, problem: "malformed line for term \(term)")
            }
            return (all, title)
        }
        return nil
    }

    static func intersect(_ lists: [[Int]]) -> [Int] {
        guard var result = lists.min(by: { $0.count < $1.count }) else { return [] }
        for list in lists {
            let members = Set(list)
            result = result.filter { members.contains($0) }
        }
        return result
    }
}

/// A search index file that cannot be read as one: which file, and what is wrong with it.
public struct SearchIndexError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: String

    public var description: String { "search index \(path): \(problem)" }
}
