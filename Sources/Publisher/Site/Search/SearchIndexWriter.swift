public import Foundation
public import NewsCore

/// Writes a site's client-side search index under `<root>/search/` (see ``SearchIndexLayout``), and
/// names the static files that search it in the browser (``assets``).
///
/// Every call is given all the site's documents and writes only what differs from the files already
/// there: the same documents give the same bytes, so a run with nothing new changes no file, and one
/// new story rewrites its own document file, the shards of its terms and the manifest. When an index
/// is there and few documents changed, only the shards of the changed documents' terms are read back
/// and patched; otherwise the whole index is built in memory. Both end in the same bytes.
///
/// ```swift
/// let writer = SearchIndexWriter(directory: siteRoot)
/// let result = try writer.write(stories.map { SearchDocument(path: $0.path, title: $0.title,
///                                                             date: $0.date, source: $0.source, text: $0.text) })
/// ```
public struct SearchIndexWriter: Sendable {
    public var directory: URL

    /// - Parameter directory: the site's root.
    public init(directory: URL) {
        self.directory = directory
    }

    /// The files that search the index in the browser, by site-relative path: `search.html` loads
    /// `assets/search.js`; `assets/search.css` styles its results.
    public static let assets: [(path: String, contents: String)] = [
        ("assets/search.js", SearchScript.source),
        ("assets/search.css", SearchStyle.source),
    ]

    /// Writes the index of `documents`, removing the files of documents and shards that are gone.
    /// - Throws: ``FileWriteError`` naming the file that could not be written or removed.
    @discardableResult
    public func write(_ documents: [SearchDocument]) throws -> PublishResult {
        let numbered = SearchIndexBuilder.numbered(documents)
        if let patched = try patch(numbered) { return patched }
        let index = SearchIndexBuilder(numbered: numbered)
        var files: [String: String] = [:]
        for (shard, contents) in index.shardFiles() { files[SearchIndexLayout.shardPath(shard)] = contents }
        for (number, document) in index.documents {
            files[SearchIndexLayout.documentPath(number)] = SearchDocumentFile.json(document)
        }
        files[SearchIndexLayout.manifestPath] = Self.manifest(documents: index.documents.count)

        var result = PublishResult()
        for path in files.keys.sorted() {
            if try AtomicFileWriter.write(files[path]!, to: url(path), durable: false) == .written { result.written += 1 }
        }
        result.removed = try removeFiles(except: Set(files.keys))
        if result.written + result.removed > 0 { try AtomicFileWriter.syncFileSystem(containing: directory) }
        return result
    }

    func url(_ path: String) -> URL { directory.appendingPathComponent(path) }

    func removeFile(_ path: String) throws {
        do {
            try FileManager.default.removeItem(at: url(path))
        } catch {
            throw FileWriteError(path: url(path).path, cause: SystemErrorText.cause(of: error))
        }
    }

    /// Removes the shard and document files (and emptied document folders) that are not in `kept`.
    private func removeFiles(except kept: Set<String>) throws -> Int {
        var removed = 0
        let manager = FileManager.default
        let remove = removeFile
        for name in (try? manager.contentsOfDirectory(atPath: url(SearchIndexLayout.termsFolder).path)) ?? []
        where name.hasSuffix(".txt") {
            let path = SearchIndexLayout.termsFolder + "/" + name
            if !kept.contains(path) {
                try remove(path)
                removed += 1
            }
        }
        for bucket in (try? manager.contentsOfDirectory(atPath: url(SearchIndexLayout.documentsFolder).path)) ?? [] {
            let folder = SearchIndexLayout.documentsFolder + "/" + bucket
            guard let names = try? manager.contentsOfDirectory(atPath: url(folder).path) else { continue }
            var left = names.count
            for name in names where name.hasSuffix(".json") && !kept.contains(folder + "/" + name) {
                try remove(folder + "/" + name)
                removed += 1
                left -= 1
            }
            if left == 0 { try remove(folder) }
        }
        return removed
    }
}
