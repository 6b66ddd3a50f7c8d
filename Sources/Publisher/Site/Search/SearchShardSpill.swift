import Foundation
import NewsCore
#if canImport(Glibc)
import Glibc
#endif

/// Builds the index's shard files without holding the whole index in memory. Each document's distinct
/// terms go, as one 64-bit record each (term, document, in-title), to one of ``groupCount`` scratch files
/// chosen by the term's shard; then the files are read back one at a time, sorted, and written out as
/// their shards. Only one group's records (about a sixty-fourth of the index) and one document's terms
/// are in memory at once. The shards come out byte for byte as ``SearchIndexBuilder`` writes them.
///
/// A record is `term << (rankBits + 1) | rank << 1 | in-title`: the term as a 38-bit code (a CJK
/// character `c << 19`, a pair `a << 19 | 1 << 18 | b` (CJK scalars are below 2^18), a word `1 << 37 |
/// its place among the words`), and the document's rank in the order added. Sorted as integers, records
/// come grouped by term, CJK terms in the order of their UTF-8 bytes, each term's documents ascending.
final class SearchShardSpill {
    static let groupCount = 64
    static let shardsPerGroup = SearchIndexLayout.shardCount / groupCount
    /// Bytes buffered per group before they are appended to its file.
    static let bufferLimit = 32 * 1024
    static let wordFlag: UInt64 = 1 << 37
    static let pairFlag: UInt64 = 1 << 18

    /// Whether `count` documents fit in a record's rank.
    static func canHold(documents count: Int) -> Bool { rankBits(count) <= 25 }

    private static func rankBits(_ count: Int) -> Int { max(1, Int.bitWidth - max(0, count - 1).leadingZeroBitCount) }

    let folder: URL
    private let rankShift: Int
    private var buffers: [[UInt8]]
    /// The documents' numbers, by rank.
    private var numbers: [Int32] = []
    /// Each word's UTF-8 bytes, by its place among the words.
    private var wordBytes: [[UInt8]] = []
    private var wordCodes: [String: UInt64] = [:]
    private var wordShards: [Int] = []
    private var terms: [UInt64] = []

    /// - Parameters:
    ///   - folder: a scratch folder of its own, made here and removed when the spill ends.
    ///   - documents: how many documents will be added (see ``canHold(documents:)``).
    init(folder: URL, documents: Int) throws {
        precondition(Self.canHold(documents: documents))
        self.folder = folder
        rankShift = Self.rankBits(documents) + 1
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

    /// Records the terms of one document's title and text; documents come in ascending number.
    func add(number: Int, title: String, text: String) throws {
        precondition(numbers.last.map { Int($0) < number } ?? true && number <= Int(Int32.max), "documents are added once each, in ascending number")
        let rank = UInt64(numbers.count)
        numbers.append(Int32(number))
        terms.removeAll(keepingCapacity: true)
        collect(title, inTitle: true)
        collect(text, inTitle: false)
        Self.radixSort(&terms)
        // Sorted, a term's title mark (the low bit) comes last of its equal codes.
        var index = 0
        while index < terms.count {
            let code = terms[index] >> 1
            var inTitle = terms[index] & 1
            while index + 1 < terms.count, terms[index + 1] >> 1 == code {
                index += 1
                inTitle |= terms[index] & 1
            }
            index += 1
            let group = shard(of: code) / Self.shardsPerGroup
            let record = (code << rankShift | rank << 1 | inTitle).littleEndian
            withUnsafeBytes(of: record) { buffers[group].append(contentsOf: $0) }
            if buffers[group].count >= Self.bufferLimit { try flush(group) }
        }
    }

    private func collect(_ text: String, inTitle: Bool) {
        let mark: UInt64 = inTitle ? 1 : 0
        SearchTerms.forEachRun(in: text) { run in
            switch run {
            case .word(let word):
                terms.append(wordCode(word) << 1 | mark)
            case .cjk(let characters):
                var previous: UInt64?
                for character in characters {
                    let value = UInt64(character.value)
                    terms.append(value << 20 | mark)
                    if let previous { terms.append((previous << 19 | Self.pairFlag | value) << 1 | mark) }
                    previous = value
                }
            }
        }
    }

    private func wordCode(_ word: String) -> UInt64 {
        if let code = wordCodes[word] { return code }
        let code = Self.wordFlag | UInt64(wordBytes.count)
        wordBytes.append(Array(word.utf8))
        wordShards.append(SearchTerm(word).shard)
        wordCodes[word] = code
        return code
    }

    /// The key ``SearchTerm/cjkKey(_:_:)`` gives the CJK term of `code`.
    private static func cjkKey(_ code: UInt64) -> UInt64 {
        let first = code >> 19
        guard code & pairFlag != 0 else { return first }
        return 1 << 42 | first << 21 | (code & (pairFlag - 1))
    }

    private func shard(of code: UInt64) -> Int {
        code & Self.wordFlag != 0 ? wordShards[Int(code & (Self.wordFlag - 1))] : SearchTerm.shard(ofCJKKey: Self.cjkKey(code))
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
    /// file's text.
    func writeShards(_ write: (_ shard: Int, _ contents: String) throws -> Void) throws {
        let rankMask = (UInt64(1) << (rankShift - 1)) - 1
        var all: [Int32] = []
        var title: [Int32] = []
        var cjkTerm: [UInt8] = []
        for group in 0..<Self.groupCount {
            try flush(group)
            buffers[group] = []
            let path = groupPath(group)
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            try? FileManager.default.removeItem(atPath: path)
            var records = [UInt64](repeating: 0, count: data.count / 8)
            records.withUnsafeMutableBytes { target in
                data.withUnsafeBytes { source in target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[..<target.count])) }
            }
            for index in records.indices { records[index] = UInt64(littleEndian: records[index]) }
            // A group's records come in ascending rank (documents are added in order): sorting their
            // codes, stably, orders them fully (two byte passes fewer than sorting the ranks too).
            Self.radixSort(&records, above: rankShift)
            var byShard: [[(code: UInt64, range: Range<Int>)]] = Array(repeating: [], count: Self.shardsPerGroup)
            var start = 0
            while start < records.count {
                let code = records[start] >> rankShift
                var end = start + 1
                while end < records.count, records[end] >> rankShift == code { end += 1 }
                byShard[shard(of: code) % Self.shardsPerGroup].append((code, start..<end))
                start = end
            }
            for (offset, entries) in byShard.enumerated() where !entries.isEmpty {
                var bytes: [UInt8] = []
                func appendPostings(_ range: Range<Int>) {
                    all.removeAll(keepingCapacity: true)
                    title.removeAll(keepingCapacity: true)
                    for record in records[range] {
                        let number = numbers[Int((record >> 1) & rankMask)]
                        all.append(number)
                        if record & 1 != 0 { title.append(number) }
                    }
                    SearchIndexBuilder.appendPostings(all: all, title: title, to: &bytes)
                }
                // CJK terms come first (their codes are lower), already in the order of their bytes; the words
                // follow in the order first seen, so they are sorted by their bytes (a few per shard) and
                // merged in. No term gets a string of its own.
                let firstWord = entries.firstIndex { $0.code & Self.wordFlag != 0 } ?? entries.count
                let wordEntries = entries[firstWord...].sorted {
                    wordBytes[Int($0.code & (Self.wordFlag - 1))].lexicographicallyPrecedes(wordBytes[Int($1.code & (Self.wordFlag - 1))])
                }
                var next = 0
                func appendWords(before term: [UInt8]?) {
                    while next < wordEntries.count {
                        let word = wordBytes[Int(wordEntries[next].code & (Self.wordFlag - 1))]
                        if let term, !word.lexicographicallyPrecedes(term) { return }
                        bytes.append(contentsOf: word)
                        appendPostings(wordEntries[next].range)
                        next += 1
                    }
                }
                for entry in entries[..<firstWord] {
                    cjkTerm.removeAll(keepingCapacity: true)
                    SearchTerm.appendUTF8(ofCJKKey: Self.cjkKey(entry.code), to: &cjkTerm)
                    appendWords(before: cjkTerm)
                    bytes.append(contentsOf: cjkTerm)
                    appendPostings(entry.range)
                }
                appendWords(before: nil)
                try write(group * Self.shardsPerGroup + offset, String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    /// Sorts `records` ascending, a byte at a time from the least significant (a counting pass per
    /// byte, up to the highest bit any record has): a comparison sort of a full build's tens of millions
    /// of records took a twentieth of its CPU.
    /// With `lowBits`, only the bits above them are sorted, stably: records with the same high bits keep
    /// the order they came in.
    static func radixSort(_ records: inout [UInt64], above lowBits: Int = 0) {
        guard records.count > 256 else {
            if lowBits == 0 { return records.sort() }
            let shift = UInt64(lowBits)
            records = records.enumerated().sorted { ($0.element >> shift, $0.offset) < ($1.element >> shift, $1.offset) }.map(\.element)
            return
        }
        let highest = records.reduce(0, |)
        var scratch = [UInt64](repeating: 0, count: records.count)
        var counts = [Int](repeating: 0, count: 256)
        var shift = UInt64(lowBits)
        while shift < 64, highest >> shift != 0 {
            records.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    counts.withUnsafeMutableBufferPointer { counts in
                        for index in counts.indices { counts[index] = 0 }
                        for record in source { counts[Int((record >> shift) & 255)] += 1 }
                        var start = 0
                        for index in counts.indices {
                            let count = counts[index]
                            counts[index] = start
                            start += count
                        }
                        for record in source {
                            let digit = Int((record >> shift) & 255)
                            target[counts[digit]] = record
                            counts[digit] += 1
                        }
                    }
                }
            }
            swap(&records, &scratch)
            shift += 8
        }
    }
}
