import Foundation
import NewsCore
#if canImport(Glibc)
import Glibc
#endif

/// Builds the index's shard files without holding the whole index in memory. Each document's distinct
/// terms go, as (term, number, in-title) records, to one of ``groupCount`` scratch files chosen by the
/// term's shard; then the files are read back one at a time, sorted, and written out as their shards.
/// Only one group's records (about a sixty-fourth of the index) and one document's terms are in memory
/// at once. The shards come out byte for byte as ``SearchIndexBuilder`` writes them.
///
/// Documents must be added in ascending number.
final class SearchShardSpill {
    static let groupCount = 64
    static let shardsPerGroup = SearchIndexLayout.shardCount / groupCount
    /// Bytes buffered per group before they are appended to its file.
    static let bufferLimit = 32 * 1024

    /// A term as a number: a CJK character (its scalar), a CJK pair (`SearchTerm.cjkKey`), or a word
    /// (``wordFlag`` and its place in ``words``).
    static let wordFlag: UInt64 = 1 << 43
    /// Marks a record's number as one whose document has the term in its title.
    static let titleFlag: UInt32 = 1 << 31

    let folder: URL
    private var buffers: [[UInt8]]
    private var words: [String] = []
    private var wordKeys: [String: UInt64] = [:]
    private var wordShards: [Int] = []
    private var terms: [UInt64] = []
    private var previousNumber = -1

    /// - Parameter folder: a scratch folder of its own, made here and removed by ``writeShards(_:)``.
    init(folder: URL) throws {
        self.folder = folder
        try? FileManager.default.removeItem(at: folder)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw FileWriteError(path: folder.path, cause: SystemErrorText.cause(of: error))
        }
        buffers = Array(repeating: [], count: Self.groupCount)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    private func groupPath(_ group: Int) -> String { folder.path + "/\(group).terms" }

    /// Records the terms of one document's title and text.
    func add(number: Int, title: String, text: String) throws {
        precondition(number > previousNumber && number < Int(Self.titleFlag), "documents are added once each, in ascending number")
        previousNumber = number
        terms.removeAll(keepingCapacity: true)
        collect(title, inTitle: true)
        collect(text, inTitle: false)
        terms.sort()
        // Sorted, a term's title mark (the low bit) comes last of its equal keys.
        var index = 0
        while index < terms.count {
            let key = terms[index] >> 1
            var inTitle = terms[index] & 1 == 1
            while index + 1 < terms.count, terms[index + 1] >> 1 == key {
                index += 1
                inTitle = inTitle || terms[index] & 1 == 1
            }
            index += 1
            let group = shard(of: key) / Self.shardsPerGroup
            Self.append(key, UInt32(number) | (inTitle ? Self.titleFlag : 0), to: &buffers[group])
            if buffers[group].count >= Self.bufferLimit { try flush(group) }
        }
    }

    private func collect(_ text: String, inTitle: Bool) {
        let mark: UInt64 = inTitle ? 1 : 0
        SearchTerms.forEachRun(in: text) { run in
            switch run {
            case .word(let word):
                terms.append(wordKey(word) << 1 | mark)
            case .cjk(let characters):
                var previous: Unicode.Scalar?
                for character in characters {
                    terms.append(SearchTerm.cjkKey(character, nil) << 1 | mark)
                    if let previous { terms.append(SearchTerm.cjkKey(previous, character) << 1 | mark) }
                    previous = character
                }
            }
        }
    }

    private func wordKey(_ word: String) -> UInt64 {
        if let key = wordKeys[word] { return key }
        let key = Self.wordFlag | UInt64(words.count)
        words.append(word)
        wordShards.append(SearchTerm(word).shard)
        wordKeys[word] = key
        return key
    }

    private func shard(of key: UInt64) -> Int {
        key & Self.wordFlag != 0 ? wordShards[Int(key & (Self.wordFlag - 1))] : SearchTerm.shard(ofCJKKey: key)
    }

    private func term(of key: UInt64) -> SearchTerm {
        key & Self.wordFlag != 0 ? SearchTerm(words[Int(key & (Self.wordFlag - 1))]) : SearchTerm(cjkKey: key)
    }

    private static func append(_ key: UInt64, _ number: UInt32, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: key.littleEndian) { buffer.append(contentsOf: $0) }
        withUnsafeBytes(of: number.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private func flush(_ group: Int) throws {
        guard !buffers[group].isEmpty else { return }
        let path = groupPath(group)
        let descriptor = open(path, O_CREAT | O_WRONLY | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: errno)) }
        defer { close(descriptor) }
        var offset = 0
        let count = buffers[group].count
        while offset < count {
            let written = buffers[group].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: errno))
            }
            offset += written
        }
        buffers[group].removeAll(keepingCapacity: true)
    }

    /// Reads each group back, in turn, and hands `write` each of its non-empty shards with the shard
    /// file's text; then removes the scratch folder.
    func writeShards(_ write: (_ shard: Int, _ contents: String) throws -> Void) throws {
        for group in 0..<Self.groupCount {
            try flush(group)
            buffers[group] = []
            let path = groupPath(group)
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            try? FileManager.default.removeItem(atPath: path)
            var records: [(key: UInt64, number: UInt32)] = []
            records.reserveCapacity(data.count / 12)
            data.withUnsafeBytes { bytes in
                var offset = 0
                while offset + 12 <= bytes.count {
                    let key = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    let number = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self))
                    records.append((key, number))
                    offset += 12
                }
            }
            // Each term's records, by ascending number (the order they were added in).
            records.sort { $0.key != $1.key ? $0.key < $1.key : ($0.number & ~Self.titleFlag) < ($1.number & ~Self.titleFlag) }
            var byShard: [[(term: SearchTerm, range: Range<Int>)]] = Array(repeating: [], count: Self.shardsPerGroup)
            var start = 0
            while start < records.count {
                var end = start + 1
                while end < records.count, records[end].key == records[start].key { end += 1 }
                let key = records[start].key
                byShard[shard(of: key) % Self.shardsPerGroup].append((term(of: key), start..<end))
                start = end
            }
            var all: [Int32] = []
            var title: [Int32] = []
            for (offset, entries) in byShard.enumerated() where !entries.isEmpty {
                var bytes: [UInt8] = []
                for entry in entries.sorted(by: { $0.term < $1.term }) {
                    all.removeAll(keepingCapacity: true)
                    title.removeAll(keepingCapacity: true)
                    for record in records[entry.range] {
                        let number = Int32(record.number & ~Self.titleFlag)
                        all.append(number)
                        if record.number & Self.titleFlag != 0 { title.append(number) }
                    }
                    SearchIndexBuilder.appendLine(term: entry.term, all: all, title: title, to: &bytes)
                }
                try write(group * Self.shardsPerGroup + offset, String(decoding: bytes, as: UTF8.self))
            }
        }
    }
}
