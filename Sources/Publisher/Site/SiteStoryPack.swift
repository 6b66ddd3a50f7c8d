import Foundation
import NewsCore
#if canImport(Glibc)
import Glibc
#endif

/// Where the site keeps each story's plain text (for its search document) and cleaned body (for its
/// page): appended to one pack file, `bodies/stories-<generation>.pack`, instead of a file per story
/// (10,000 files were a quarter of those a full build of a 10,000-story site created, and the kernel's
/// inode allocation was a fifth of its CPU).
///
/// - The pack: entries one after another, each a header line `stem SP text-bytes SP body-bytes SP
///   revision LF`, then the text, then the body. A story written again gets a new entry; the old one
///   is dead space until the pack is compacted (rewritten under the next generation's name).
/// - `bodies/stories.index`: the line `pack <generation>`, then one line per entry as it is appended
///   (`stem SP offset SP text-bytes SP body-bytes SP revision`) and per removal (`stem SP -`); the last
///   line of a stem wins. Entries the pack has past the index's last one (an index line lost to a
///   crash) are read back from their headers; a half-written entry at the pack's end is cut off.
///
/// A story's entry is skipped when the pack has one of the same revision (the revision hashes the
/// story's record, text and body), so a run with nothing new appends nothing. The state of earlier
/// versions (``SiteStoryFiles``: a `.story` file per story, or a `.html` and a `.txt`) is moved into the
/// pack when the state is loaded, and its files go once the pack is synced.
final class SiteStoryPack: @unchecked Sendable {
    /// One story's entry: where its text starts in the pack, and its sizes in bytes.
    struct Entry: Equatable {
        var offset: Int
        var textCount: Int
        var bodyCount: Int
        var revision: String

        var end: Int { offset + textCount + bodyCount }
    }

    /// One story to write.
    struct Story {
        var stem: String
        var revision: String
        var text: String
        var body: String
    }

    let directory: URL
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var generation = 0
    private var descriptor: Int32 = -1
    private var size = 0
    private var liveBytes = 0
    private var loaded = false
    /// Stems with files of an earlier version's state (none once they are moved into the pack).
    private var earlierStems: Set<String> = []

    static let indexName = "stories.index"

    init(directory: URL) {
        self.directory = directory
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    var earlierFiles: SiteStoryFiles { SiteStoryFiles(directory: directory) }
    var indexPath: String { directory.path + "/" + Self.indexName }
    func packPath(generation: Int) -> String { directory.path + "/stories-\(generation).pack" }

    /// The stems the pack holds an entry for.
    var stems: Set<String> { lock.withLock { Set(entries.keys) } }

    /// Opens the pack (making the folder and an empty pack when there is none), reads its index and
    /// moves an earlier version's files into it for the stories of `revisions` (stem → revision);
    /// earlier files of other stems are removed.
    /// - Throws: ``FileWriteError`` naming the file that could not be read, written or removed.
    func load(revisions: [String: String]) throws {
        try lock.withLock {
            guard !loaded else { return }
            loaded = true
            try open()
            try adoptEarlierFiles(revisions: revisions)
        }
    }

    private func open() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var names: [String] = []
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw FileWriteError(path: directory.path, cause: SystemErrorText.cause(of: error))
        }
        var packs: [Int] = []
        for name in names {
            if name.hasPrefix("stories-"), name.hasSuffix(".pack"), let number = Int(name.dropFirst(8).dropLast(5)) {
                packs.append(number)
            } else if let dot = name.lastIndex(of: "."), [".story", ".html", ".txt"].contains(name[dot...]) {
                earlierStems.insert(String(name[..<dot]))
            }
        }
        let index = readIndex()
        generation = index?.generation ?? packs.max() ?? 0
        entries = index?.entries ?? [:]
        // Packs of other generations: a compaction's old pack it did not get to remove, or its new one
        // written before the index named it.
        for number in packs where number != generation { unlink(packPath(generation: number)) }
        let path = packPath(generation: generation)
        descriptor = Glibc.open(path, O_CREAT | O_RDWR | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: errno)) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: errno)) }
        size = Int(info.st_size)
        // Index lines past the pack's end name entries a crash lost: those stories come again.
        entries = entries.filter { $0.value.end <= size }
        let covered = entries.values.map(\.end).max() ?? 0
        let recovered = covered < size ? try recoverEntries(from: covered, path: path) : ""
        if index == nil {
            try rewriteIndex()
        } else if !recovered.isEmpty {
            try appendIndex(recovered)
        }
        liveBytes = entries.values.reduce(0) { $0 + $1.textCount + $1.bodyCount }
    }

    /// The index's generation and entries; nil when there is no index (or not one of this layout).
    private func readIndex() -> (generation: Int, entries: [String: Entry])? {
        let descriptor = Glibc.open(indexPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard let bytes = DescriptorReading.contents(of: descriptor) else { return nil }
        // A last line without its newline was being appended when a run stopped: it is left out.
        let complete = bytes.lastIndex(of: 0x0A).map { bytes[...$0] } ?? []
        var lines = complete.split(separator: 0x0A).makeIterator()
        guard let head = lines.next().map({ String(decoding: $0, as: UTF8.self) }), head.hasPrefix("pack "),
            let generation = Int(head.dropFirst(5))
        else { return nil }
        var entries: [String: Entry] = [:]
        while let line = lines.next() {
            let fields = line.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
            if fields.count == 2, fields[1] == "-" {
                entries[fields[0]] = nil
            } else if fields.count == 5, let offset = Int(fields[1]), let text = Int(fields[2]), let body = Int(fields[3]),
                offset >= 0, text >= 0, body >= 0
            {
                entries[fields[0]] = Entry(offset: offset, textCount: text, bodyCount: body, revision: Self.revision(fields[4]))
            }
        }
        return (generation, entries)
    }

    /// Reads the entries from `offset` to the pack's end from their headers, cutting off a half-written
    /// one at the end. Returns their index lines.
    private func recoverEntries(from start: Int, path: String) throws -> String {
        var offset = start
        var recovered = ""
        while offset < size {
            var header = [UInt8](repeating: 0, count: 160)
            let count = header.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, off_t(offset)) }
            guard count > 0, let newline = header[..<count].firstIndex(of: 0x0A) else { break }
            let fields = header[..<newline].split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
            guard fields.count == 4, let text = Int(fields[1]), let body = Int(fields[2]), text >= 0, body >= 0 else { break }
            let entry = Entry(offset: offset + newline + 1, textCount: text, bodyCount: body, revision: Self.revision(fields[3]))
            guard entry.end <= size else { break }
            entries[fields[0]] = entry
            recovered += Self.indexLine(stem: fields[0], entry)
            offset = entry.end
        }
        if offset < size {
            guard ftruncate(descriptor, off_t(offset)) == 0 else { throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: errno)) }
            size = offset
        }
        return recovered
    }

    private static func indexLine(stem: String, _ entry: Entry) -> String {
        "\(stem) \(entry.offset) \(entry.textCount) \(entry.bodyCount) \(field(entry.revision))\n"
    }

    private static func header(stem: String, textCount: Int, bodyCount: Int, revision: String) -> String {
        "\(stem) \(textCount) \(bodyCount) \(field(revision))\n"
    }

    /// A revision as a field of its own (a story of a very early log has none: `-`).
    private static func field(_ revision: String) -> String { revision.isEmpty ? "-" : revision }
    private static func revision(_ field: String) -> String { field == "-" ? "" : field }

    /// Moves the earlier version's files of the stories into the pack, syncs it, then removes them.
    private func adoptEarlierFiles(revisions: [String: String]) throws {
        guard !earlierStems.isEmpty else { return }
        let earlier = earlierFiles
        var moved: [Story] = []
        for stem in earlierStems.sorted() where entries[stem] == nil {
            guard let revision = revisions[stem] else { continue }
            moved.append(Story(stem: stem, revision: revision, text: earlier.text(stem: stem), body: earlier.body(stem: stem)))
        }
        if !moved.isEmpty {
            _ = try append(moved)
            try AtomicFileWriter.syncFileSystem(containing: directory)
        }
        for stem in earlierStems { earlier.remove(stem: stem) }
        earlierStems = []
    }

    /// Appends the stories whose entry differs from the one the pack holds (not synced: the caller
    /// syncs the batch).
    /// - Returns: how many were written.
    func write(_ stories: [Story]) throws -> Int {
        try lock.withLock { try append(stories) }
    }

    private func append(_ stories: [Story]) throws -> Int {
        // Where this batch's entries start: the pack's own end (not one remembered from the load).
        var info = stat()
        if fstat(descriptor, &info) == 0 { size = Int(info.st_size) }
        var data: [UInt8] = []
        var lines = ""
        var written = 0
        var added: [String: Entry] = [:]
        for story in stories where (added[story.stem] ?? entries[story.stem])?.revision != story.revision {
            let text = story.text.utf8.count
            let body = story.body.utf8.count
            data.append(contentsOf: Self.header(stem: story.stem, textCount: text, bodyCount: body, revision: story.revision).utf8)
            let entry = Entry(offset: size + data.count, textCount: text, bodyCount: body, revision: story.revision)
            data.append(contentsOf: story.text.utf8)
            data.append(contentsOf: story.body.utf8)
            added[story.stem] = entry
            lines += Self.indexLine(stem: story.stem, entry)
            written += 1
        }
        guard !data.isEmpty else { return 0 }
        let path = packPath(generation: generation)
        if let code = data.withUnsafeBytes({ AtomicFileWriter.writeAll($0, to: descriptor) }) {
            // Whatever part of the batch went in is dead space, cut off at the next load.
            throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: code))
        }
        size += data.count
        for (stem, entry) in added {
            if let old = entries[stem] { liveBytes -= old.textCount + old.bodyCount }
            entries[stem] = entry
            liveBytes += entry.textCount + entry.bodyCount
        }
        try appendIndex(lines)
        if !earlierStems.isEmpty {
            for stem in added.keys where earlierStems.remove(stem) != nil { earlierFiles.remove(stem: stem) }
        }
        return written
    }

    private func appendIndex(_ lines: String) throws {
        let descriptor = Glibc.open(indexPath, O_CREAT | O_WRONLY | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileWriteError(path: indexPath, cause: SystemErrorText.cause(errno: errno)) }
        defer { close(descriptor) }
        var lines = lines
        if let code = lines.withUTF8({ AtomicFileWriter.writeAll(UnsafeRawBufferPointer($0), to: descriptor) }) {
            throw FileWriteError(path: indexPath, cause: SystemErrorText.cause(errno: code))
        }
    }

    /// Forgets the stories' entries (their bytes stay until the pack is compacted).
    func remove(stems: [String]) throws {
        try lock.withLock {
            var lines = ""
            for stem in stems {
                if let old = entries.removeValue(forKey: stem) {
                    liveBytes -= old.textCount + old.bodyCount
                    lines += "\(stem) -\n"
                }
                if earlierStems.remove(stem) != nil { earlierFiles.remove(stem: stem) }
            }
            if !lines.isEmpty { try appendIndex(lines) }
        }
    }

    /// The story's plain text ("" when it has none).
    func text(stem: String) -> String {
        if let text = read(stem: stem, part: \.text) { return text }
        return hasEarlierFiles(stem) ? earlierFiles.text(stem: stem) : ""
    }

    /// The story's cleaned body ("" when it has none).
    func body(stem: String) -> String {
        if let body = read(stem: stem, part: \.body) { return body }
        return hasEarlierFiles(stem) ? earlierFiles.body(stem: stem) : ""
    }

    private func hasEarlierFiles(_ stem: String) -> Bool { lock.withLock { earlierStems.contains(stem) } }

    private func read(stem: String, part: KeyPath<(text: Range<Int>, body: Range<Int>), Range<Int>>) -> String? {
        lock.withLock {
            guard let entry = entries[stem] else { return nil }
            let ranges = (text: entry.offset..<(entry.offset + entry.textCount), body: (entry.offset + entry.textCount)..<entry.end)
            let range = ranges[keyPath: part]
            guard !range.isEmpty else { return "" }
            return String(unsafeUninitializedCapacity: range.count) { buffer in
                var done = 0
                while done < range.count {
                    let count = pread(descriptor, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { break }
                    done += count
                }
                return done
            }
        }
    }

    /// Rewrites the pack with only its live entries (under the next generation's name, synced before
    /// the index names it) when its dead space outgrows them.
    func compactIfWorthIt() throws {
        try lock.withLock {
            guard size - liveBytes > max(liveBytes, 1 << 22) else { return }
            try compact()
        }
    }

    private func compact() throws {
        let next = generation + 1
        let path = packPath(generation: next)
        let target = Glibc.open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
        guard target >= 0 else { throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: errno)) }
        var index = "pack \(next)\n"
        var fresh: [String: Entry] = [:]
        var offset = 0
        do {
            defer { close(target) }
            for stem in entries.keys.sorted() {
                let entry = entries[stem]!
                var data = Array(Self.header(stem: stem, textCount: entry.textCount, bodyCount: entry.bodyCount, revision: entry.revision).utf8)
                let start = data.count
                data.append(contentsOf: repeatElement(0, count: entry.textCount + entry.bodyCount))
                let count = data.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + start, $0.count - start, off_t(entry.offset)) }
                guard count == entry.textCount + entry.bodyCount else {
                    throw FileWriteError(path: packPath(generation: generation), cause: "an entry ends past the file's end")
                }
                if let code = data.withUnsafeBytes({ AtomicFileWriter.writeAll($0, to: target) }) {
                    throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: code))
                }
                let moved = Entry(offset: offset + start, textCount: entry.textCount, bodyCount: entry.bodyCount, revision: entry.revision)
                fresh[stem] = moved
                index += Self.indexLine(stem: stem, moved)
                offset += data.count
            }
            guard fsync(target) == 0 else { throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: errno)) }
        } catch {
            unlink(path)
            throw error
        }
        _ = try AtomicFileWriter.write(index, to: URL(fileURLWithPath: indexPath))
        let old = packPath(generation: generation)
        close(descriptor)
        descriptor = Glibc.open(path, O_RDWR | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: errno)) }
        unlink(old)
        generation = next
        entries = fresh
        size = offset
        liveBytes = fresh.values.reduce(0) { $0 + $1.textCount + $1.bodyCount }
    }

    /// Writes the index afresh from the entries (for a pack found without one).
    private func rewriteIndex() throws {
        var index = "pack \(generation)\n"
        for stem in entries.keys.sorted() { index += Self.indexLine(stem: stem, entries[stem]!) }
        _ = try AtomicFileWriter.write(index, to: URL(fileURLWithPath: indexPath), durable: false)
    }
}
