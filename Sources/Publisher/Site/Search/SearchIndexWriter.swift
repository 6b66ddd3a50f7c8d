public import Foundation
public import NewsCore

/// Writes a site's client-side search index under `<root>/search/` (see ``SearchIndexLayout``), and
/// names the static files that search it in the browser (``assets``).
///
/// Every call is given all the site's documents and writes only what differs from the files already
/// there: the same documents give the same bytes, so a run with nothing new changes no file, and one
/// new story rewrites its own document file, the shards of its terms and the manifest. When an index
/// is there and few documents changed, only the shards of the changed documents' terms are read back
/// and patched; otherwise the whole index is built. Both end in the same bytes.
///
/// A site's texts can be read one document at a time (``write(_:text:)``): a full build then holds one
/// text and about a sixty-fourth of the index at once, spilling the rest to scratch files
/// (``SearchShardSpill``), so its memory does not grow with the site's words.
///
/// ```swift
/// let writer = SearchIndexWriter(directory: siteRoot)
/// let result = try writer.write(stories.map { SearchDocument(path: $0.path, title: $0.title,
///                                                             date: $0.date, source: $0.source, text: $0.text) })
/// ```
public struct SearchIndexWriter: Sendable {
    public var directory: URL
    /// A folder of the writer's own, outside the served site: a full build's scratch files (removed
    /// when it ends) and the fingerprints of the documents last written (``SearchDocument/fingerprint``).
    /// Nil: scratch files go to the system's temporary folder and fingerprints are not kept.
    public var stateFolder: URL?
    /// Whether a write that changed files ends with a `syncfs` of its own; false for a caller that
    /// syncs once after everything it wrote (the site).
    public var syncs = true
    /// Whether an index on disk may be patched (the default); false writes it whole, for a caller that
    /// knows an earlier write was cut off (a patch swaps shards in without flushing them first, so one
    /// may be empty after a power cut until the caller's sync).
    public var patches = true

    /// - Parameters:
    ///   - directory: the site's root.
    ///   - stateFolder: a folder only the writer uses (in the site's own state, say).
    public init(directory: URL, stateFolder: URL? = nil) {
        self.directory = directory
        self.stateFolder = stateFolder
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
        try write(documents) { $0.text }
    }

    /// Writes the index of `documents`, each document's text read through `text` when it is needed
    /// (the documents' own `text` may be left empty), never all of them at once.
    /// - Throws: ``FileWriteError`` naming the file that could not be written or removed, or what
    ///   `text` throws.
    @discardableResult
    public func write(_ documents: [SearchDocument], text: (SearchDocument) throws -> String) throws -> PublishResult {
        let numbered = try SearchIndexBuilder.numbered(documents, text: text)
        // A full build killed midway left its scratch files: whichever way this write goes, they go.
        if let spill = spillFolder, FileManager.default.fileExists(atPath: spill.path) { try? FileManager.default.removeItem(at: spill) }
        if patches, let patched = try patch(numbered, text: text) {
            try saveFingerprints(numbered)
            return patched
        }
        guard SearchShardSpill.canHold(documents: numbered.count) else { return try writeInMemory(numbered, text: text) }
        var result = PublishResult()
        var kept: Set<String> = [SearchIndexLayout.manifestPath]
        let spill = try SearchShardSpill(
            folder: spillFolder
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("newsmill-search-\(getpid())-\(UUID().uuidString)"),
            documents: numbered.count)
        let writer = SiteFolderWriter(root: directory)
        for (number, document) in numbered {
            var full = document
            full.text = try text(document)
            try spill.add(number: number, title: full.title, text: full.text)
            let path = SearchIndexLayout.documentPath(number)
            kept.insert(path)
            if try writer.write(SearchDocumentFile.json(full), to: path) == .written { result.written += 1 }
        }
        try spill.writeShards { shard, contents in
            let path = SearchIndexLayout.shardPath(shard)
            kept.insert(path)
            if try writer.write(contents, to: path) == .written { result.written += 1 }
        }
        if try AtomicFileWriter.write(Self.manifest(documents: numbered.count), to: url(SearchIndexLayout.manifestPath), durable: false) == .written {
            result.written += 1
        }
        result.removed = try removeFiles(except: kept)
        if syncs && result.written + result.removed > 0 { try AtomicFileWriter.syncFileSystem(containing: directory) }
        try saveFingerprints(numbered)
        return result
    }

    /// The full build for more documents than a spill record can number (over 33 million): the whole
    /// index in memory.
    private func writeInMemory(_ numbered: [(number: Int, document: SearchDocument)], text: (SearchDocument) throws -> String) throws -> PublishResult {
        var documents: [(number: Int, document: SearchDocument)] = []
        for (number, header) in numbered {
            var document = header
            document.text = try text(header)
            documents.append((number, document))
        }
        let index = SearchIndexBuilder(numbered: documents)
        var files: [String: String] = [SearchIndexLayout.manifestPath: Self.manifest(documents: documents.count)]
        for (shard, contents) in index.shardFiles() { files[SearchIndexLayout.shardPath(shard)] = contents }
        for (number, document) in documents { files[SearchIndexLayout.documentPath(number)] = SearchDocumentFile.json(document) }
        var result = PublishResult()
        for path in files.keys.sorted() {
            if try AtomicFileWriter.write(files[path]!, to: url(path), durable: false) == .written { result.written += 1 }
        }
        result.removed = try removeFiles(except: Set(files.keys))
        if syncs && result.written + result.removed > 0 { try AtomicFileWriter.syncFileSystem(containing: directory) }
        try saveFingerprints(numbered)
        return result
    }

    func url(_ path: String) -> URL { directory.appendingPathComponent(path) }

    private var spillFolder: URL? { stateFolder?.appendingPathComponent("spill", isDirectory: true) }

    /// Where the fingerprints of the documents last written are kept: `number TAB fingerprint` lines
    /// after a line naming the layout version.
    private var fingerprintsURL: URL? { stateFolder?.appendingPathComponent("documents.tsv") }

    private static var fingerprintsHead: String { "search layout \(SearchIndexLayout.version)\n" }

    /// The fingerprints recorded by the last write, by document number (empty without a state folder).
    /// Read as bytes: split into `Character`s, a 10,000-story site's file was a tenth of one new story's search work.
    func recordedFingerprints() -> [Int: String] {
        guard let url = fingerprintsURL, let data = FileManager.default.contents(atPath: url.path) else { return [:] }
        let bytes = [UInt8](data)
        let head = Array(Self.fingerprintsHead.utf8)
        guard bytes.starts(with: head) else { return [:] }
        var fingerprints: [Int: String] = [:]
        for line in bytes[head.count...].split(separator: 0x0A) {
            guard let tab = line.firstIndex(of: 0x09), tab > line.startIndex, tab - line.startIndex <= 18 else { continue }
            var number = 0
            var digits = true
            for byte in line[..<tab] {
                guard (0x30...0x39).contains(byte) else { digits = false; break }
                number = number * 10 + Int(byte - 0x30)
            }
            if digits { fingerprints[number] = String(decoding: line[(tab + 1)...], as: UTF8.self) }
        }
        return fingerprints
    }

    /// Records the fingerprints of the documents just written (the documents without one are left out).
    private func saveFingerprints(_ numbered: [(number: Int, document: SearchDocument)]) throws {
        guard let url = fingerprintsURL else { return }
        var text = Self.fingerprintsHead
        for (number, document) in numbered {
            guard let fingerprint = document.fingerprint, !fingerprint.contains(where: { $0 == "\n" || $0 == "\t" }) else { continue }
            text += "\(number)\t\(fingerprint)\n"
        }
        _ = try AtomicFileWriter.write(text, to: url, durable: false)
    }

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
