import Foundation
import NewsCore
#if canImport(Glibc)
import Glibc
#endif

extension SearchIndexWriter {
    /// What the files on disk say differs from the documents to write.
    struct Difference {
        /// Numbers whose document file goes or is replaced, with the title and text it held.
        var gone: [Int: (title: String, text: String)] = [:]
        /// Numbers whose document file is new or replaced, with the file's new contents.
        var added: [Int: (document: SearchDocument, file: String)] = [:]
    }

    /// The manifest of an index of `count` documents in this layout.
    static func manifest(documents count: Int) -> String {
        manifestHead + "\(count)}\n"
    }

    private static var manifestHead: String {
        "{\"version\":\(SearchIndexLayout.version),\"shards\":\(SearchIndexLayout.shardCount),"
            + "\"bucket\":\(SearchIndexLayout.bucketSize),\"documents\":"
    }

    /// Brings an index on disk up to `numbered` by rewriting only the document files that differ and
    /// the shards of their terms, read back and patched; the files end byte for byte as a full build
    /// writes them. Returns nil (having written nothing) when there is no index of this layout, a file
    /// cannot be read back, or so much changed that a full build is cheaper.
    func patch(_ numbered: [(number: Int, document: SearchDocument)]) throws -> PublishResult? {
        try patch(numbered) { $0.text }
    }

    /// ``patch(_:)`` for documents whose texts are read through `text`, one at a time.
    func patch(
        _ numbered: [(number: Int, document: SearchDocument)], text: (SearchDocument) throws -> String
    ) throws -> PublishResult? {
        guard let manifest = try? String(contentsOf: url(SearchIndexLayout.manifestPath), encoding: .utf8),
            manifest.hasPrefix(Self.manifestHead),
            let difference = try difference(to: numbered, text: text, limit: max(64, numbered.count / 8))
        else { return nil }

        // Each term's changes, by shard: numbers that leave its lists, numbers that join them (and its title list).
        var shards: [Int: [SearchTerm: SearchShardPatch.Change]] = [:]
        for (number, old) in difference.gone {
            for term in SearchIndexBuilder.terms(of: old.title, old.text).all {
                shards[term.shard, default: [:]][term, default: .init()].leaving.append(Int32(number))
            }
        }
        for (number, new) in difference.added {
            let terms = SearchIndexBuilder.terms(of: new.document.title, new.document.text)
            for term in terms.all {
                shards[term.shard, default: [:]][term, default: .init()].joining.append((Int32(number), terms.title.contains(term)))
            }
        }

        // Each changed shard's new bytes, and whether they differ from its old ones (so that it is written
        // without being read again to compare).
        var shardFiles: [String: (differs: Bool, new: [UInt8])] = [:]
        for (shard, changes) in shards {
            let path = SearchIndexLayout.shardPath(shard)
            guard let patched = patchShard(path, changes: changes) else { return nil }
            shardFiles[path] = patched
        }
        var files: [String: String] = [:]
        for (number, new) in difference.added { files[SearchIndexLayout.documentPath(number)] = new.file }
        files[SearchIndexLayout.manifestPath] = Self.manifest(documents: numbered.count)

        var result = PublishResult()
        let root = directory.path + "/"
        // The new documents' files first: a shard never names a document whose file is not there yet.
        for path in files.keys.sorted() where try AtomicFileWriter.write(files[path]!, to: url(path), durable: false) == .written {
            result.written += 1
        }
        for path in shardFiles.keys.sorted() {
            let (differs, new) = shardFiles[path]!
            if new.isEmpty {
                if FileManager.default.fileExists(atPath: root + path) {
                    try removeFile(path)
                    result.removed += 1
                }
            } else if differs {
                try replace(root + path, with: new)
                result.written += 1
            }
        }
        for number in difference.gone.keys where difference.added[number] == nil {
            try removeFile(SearchIndexLayout.documentPath(number))
            result.removed += 1
            let folder = SearchIndexLayout.documentsFolder + "/\(number / SearchIndexLayout.bucketSize)"
            if (try? FileManager.default.contentsOfDirectory(atPath: url(folder).path))?.isEmpty == true { try removeFile(folder) }
        }
        if syncs && result.written + result.removed > 0 { try AtomicFileWriter.syncFileSystem(containing: directory) }
        return result
    }

    /// The document files that differ from `numbered`; nil when one of them cannot be read back, or
    /// when more than `limit` differ (a full build is cheaper then).
    private func difference(
        to numbered: [(number: Int, document: SearchDocument)], text: (SearchDocument) throws -> String, limit: Int
    ) throws -> Difference? {
        var onDisk: Set<Int> = []
        let manager = FileManager.default
        for bucket in (try? manager.contentsOfDirectory(atPath: url(SearchIndexLayout.documentsFolder).path)) ?? [] {
            let folder = url(SearchIndexLayout.documentsFolder + "/" + bucket).path
            for name in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".json") {
                guard let number = Int(name.dropLast(5)) else { continue }
                onDisk.insert(number)
            }
        }
        var difference = Difference()
        let root = directory.path + "/"
        func readBack(_ number: Int) -> Bool {
            guard let data = manager.contents(atPath: root + SearchIndexLayout.documentPath(number)),
                let old = try? JSONDecoder().decode(SearchIndexReader.Hit.self, from: data)
            else { return false }
            difference.gone[number] = (old.title, old.text)
            return true
        }
        // Numbers on disk that no document has any more are gone whatever else differs.
        if onDisk.count - numbered.count > limit { return nil }
        let recorded = recordedFingerprints()
        for (number, header) in numbered {
            // The same fingerprint as last time, and its file still there: the same file.
            if let fingerprint = header.fingerprint, recorded[number].map({ $0 == fingerprint }) == true, onDisk.contains(number) {
                onDisk.remove(number)
                continue
            }
            var document = header
            document.text = try text(header)
            let file = SearchDocumentFile.json(document)
            if onDisk.remove(number) != nil {
                // Data's == compares bytes in bulk (AtomicFileWriter.holds compares them one by one).
                if manager.contents(atPath: root + SearchIndexLayout.documentPath(number)) == Data(file.utf8) { continue }
                guard readBack(number) else { return nil }
            }
            difference.added[number] = (document, file)
            if difference.added.count > limit { return nil }
        }
        guard difference.added.count + difference.gone.count + onDisk.count <= limit else { return nil }
        for number in onDisk {
            guard readBack(number) else { return nil }
        }
        return difference
    }

    /// A shard's bytes with the lists of the changed terms patched (the other lines kept byte for byte),
    /// and whether they differ from the file's; nil when the file cannot be read as a shard.
    private func patchShard(_ path: String, changes: [SearchTerm: SearchShardPatch.Change]) -> (differs: Bool, new: [UInt8])? {
        let file = directory.path + "/" + path
        var old: [UInt8] = []
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        if descriptor >= 0 {
            defer { close(descriptor) }
            guard let bytes = DescriptorReading.contents(of: descriptor) else { return nil }
            old = bytes
        } else if errno != ENOENT {
            return nil
        }
        guard let patched = SearchShardPatch(changes).apply(to: old) else { return nil }
        return (patched != old, patched)
    }

    /// Replaces (or makes) the file at `path` with `bytes`, known to differ from what it holds: written
    /// to a temporary file beside it and swapped in (`renameat2` with `RENAME_EXCHANGE`, the old file then
    /// removed), with no read of the file to compare. Renamed over the old file instead, it would be
    /// written out at once (ext4's `auto_da_alloc`): ~600 shards a new story, a sixth of the run's CPU and
    /// about a millisecond each of wall time. Its bytes reach the disk with the caller's sync; a build cut
    /// off before it is followed by a whole write of the index (``patches``). A file system that cannot
    /// swap gets a plain rename.
    /// - Throws: ``FileWriteError`` naming the file and the cause.
    private func replace(_ path: String, with bytes: [UInt8]) throws {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = String(path[..<slash])
        let temporary = folder + "/." + path[path.index(after: slash)...] + ".\(getpid()).tmp"
        let data = Data(bytes)
        var code = AtomicFileWriter.writeFile(data, to: temporary, sync: false)
        if code == ENOENT {
            // The shards' folder went away (deleted by hand): made again, once.
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            code = AtomicFileWriter.writeFile(data, to: temporary, sync: false)
        }
        if code == nil {
            if Self.swaps, systemRenameat2(AT_FDCWD, temporary, AT_FDCWD, path, Self.exchange) == 0 {
                unlink(temporary)
                return
            }
            // No file to swap with (a new shard), or no swapping here.
            if errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP { Self.swaps = false }
            if rename(temporary, path) != 0 { code = errno }
        }
        if let code {
            unlink(temporary)
            throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: code))
        }
    }
}

extension SearchIndexWriter {
    /// `RENAME_EXCHANGE`.
    fileprivate static let exchange: UInt32 = 1 << 1
    /// Cleared once the file system refused to swap two files (later shards are renamed over).
    nonisolated(unsafe) fileprivate static var swaps = true
}

/// glibc's `renameat2(2)`, which its Swift module does not export (it needs `_GNU_SOURCE`).
@_silgen_name("renameat2")
private func systemRenameat2(_ oldDirectory: Int32, _ old: UnsafePointer<CChar>, _ newDirectory: Int32, _ new: UnsafePointer<CChar>, _ flags: UInt32) -> Int32
