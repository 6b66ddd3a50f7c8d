/// One shard file patched as bytes: the lines of the terms that do not change are copied as they are
/// (no string is made of them), the lines of the changed terms are decoded, patched and written again,
/// in term order (a shard's lines are sorted by their terms' UTF-8 bytes, so the changed lines are
/// merged in as the file is read).
struct SearchShardPatch {
    /// One changed term: the numbers that leave its lists and those that join them (and its title list).
    struct Change {
        var leaving: [Int32] = []
        var joining: [(number: Int32, inTitle: Bool)] = []
    }

    /// The changed terms of the shard, in term order, each with its UTF-8 bytes.
    private let changes: [(term: SearchTerm, bytes: [UInt8], change: Change)]

    init(_ changes: [SearchTerm: Change]) {
        self.changes = changes.map { ($0.key, Array($0.key.text.utf8), $0.value) }.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    /// The patched file; nil when `old` is not a shard file (a line without its fields, a list that is
    /// not one, lines out of term order).
    func apply(to old: [UInt8]) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(old.count + 64 * changes.count)
        var next = 0
        var previous: ArraySlice<UInt8>?
        var start = 0
        while start < old.count {
            let end = old[start...].firstIndex(of: 0x0A) ?? old.count
            defer { start = end + 1 }
            if end == start { continue }
            let line = old[start..<end]
            guard let tab = line.firstIndex(of: 0x09) else { return nil }
            let term = old[start..<tab]
            if let previous, !previous.lexicographicallyPrecedes(term) { return nil }
            previous = term
            while next < changes.count, changes[next].bytes.lexicographicallyPrecedes(term) {
                append(changes[next], all: [], title: [], to: &result)
                next += 1
            }
            if next < changes.count, changes[next].bytes.elementsEqual(term) {
                let fields = old[(tab + 1)..<end].split(separator: 0x09, omittingEmptySubsequences: false)
                guard fields.count == 2, let all = PostingCode.decode(bytes: fields[0]), let title = PostingCode.decode(bytes: fields[1])
                else { return nil }
                append(changes[next], all: all, title: title, to: &result)
                next += 1
            } else {
                result.append(contentsOf: line)
                result.append(0x0A)
            }
        }
        while next < changes.count {
            append(changes[next], all: [], title: [], to: &result)
            next += 1
        }
        return result
    }

    /// The changed term's line (none when no document has it any more).
    private func append(_ entry: (term: SearchTerm, bytes: [UInt8], change: Change), all: [Int32], title: [Int32], to result: inout [UInt8]) {
        var all = all
        var title = title
        for number in entry.change.leaving {
            Self.remove(number, from: &all)
            Self.remove(number, from: &title)
        }
        for (number, inTitle) in entry.change.joining {
            Self.insert(number, into: &all)
            if inTitle { Self.insert(number, into: &title) }
        }
        guard !all.isEmpty else { return }
        SearchIndexBuilder.appendLine(term: entry.term, all: all, title: title, to: &result)
    }

    private static func position(of number: Int32, in list: [Int32]) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < number { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func insert(_ number: Int32, into list: inout [Int32]) {
        let at = position(of: number, in: list)
        if at == list.count || list[at] != number { list.insert(number, at: at) }
    }

    private static func remove(_ number: Int32, from list: inout [Int32]) {
        let at = position(of: number, in: list)
        if at < list.count && list[at] == number { list.remove(at: at) }
    }
}
