import Foundation

/// Where the search index's files live under the site's root, and how documents are numbered.
///
/// - `search/index.json`: the format version, shard count and document count;
/// - `search/terms/<xyz>.txt`: the terms whose hash falls in shard `xyz` (three hex digits), one line
///   each: `term TAB documents TAB title-documents`, the lists as ``PostingCode`` deltas;
/// - `search/docs/<bucket>/<number>.json`: one document's path, title, date, source and text.
///
/// A document's number is its date in minutes since 1970 (the next free number when another story has
/// it), so numbers order by recency, and a new story takes a new number without renumbering the others.
public enum SearchIndexLayout {
    public static let version = 1
    public static let shardCount = 4096
    /// Documents per `docs/` folder, by number (minutes): about eleven days.
    public static let bucketSize = 16_384

    public static let manifestPath = "search/index.json"
    public static let termsFolder = "search/terms"
    public static let documentsFolder = "search/docs"

    public static func shardPath(_ shard: Int) -> String {
        let hex = String(shard, radix: 16)
        return termsFolder + "/" + String(repeating: "0", count: max(0, 3 - hex.count)) + hex + ".txt"
    }

    public static func documentPath(_ number: Int) -> String {
        documentsFolder + "/\(number / bucketSize)/\(number).json"
    }

    /// The number a document dated `date` would like: whole minutes since 1970, never negative.
    static func preferredNumber(for date: Date) -> Int {
        let minutes = (date.timeIntervalSince1970 / 60).rounded(.down)
        guard minutes.isFinite, minutes > 0 else { return 0 }
        return Int(min(minutes, 2e9))  // the year 5772: numbers stay 32-bit
    }
}

/// Sorted document numbers written as deltas, each delta in base 32, most significant digit first:
/// digits `0-9a-v` end a number, digits `w-zA-Z-_` (the same 32 values) continue it. A story a minute
/// after the previous one costs one character.
enum PostingCode {
    static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_".utf8)

    /// Each byte's digit value, 255 for a byte that is not a digit.
    static let digits: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    /// Appends `numbers` (ascending, distinct) to `bytes`, each delta's digits written in place (a
    /// full build writes millions of lists: no scratch array per list).
    static func append(_ numbers: [Int32], to bytes: inout [UInt8]) {
        var previous: Int32 = 0
        for number in numbers {
            let delta = UInt32(bitPattern: number &- previous)
            previous = number
            var shift = delta == 0 ? 0 : (31 - delta.leadingZeroBitCount) / 5 * 5
            while shift > 0 {
                bytes.append(alphabet[32 + Int((delta >> UInt32(shift)) & 31)])
                shift -= 5
            }
            bytes.append(alphabet[Int(delta & 31)])
        }
    }

    static func encode(_ numbers: [Int32]) -> String {
        var bytes: [UInt8] = []
        append(numbers, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The numbers of an encoded list; nil when it is not one.
    static func decode(_ text: Substring) -> [Int]? {
        decode(bytes: ArraySlice(text.utf8))?.map(Int.init)
    }

    /// The numbers of an encoded list's bytes; nil when they are not one (or a number passes 32 bits).
    static func decode(bytes: ArraySlice<UInt8>) -> [Int32]? {
        var numbers: [Int32] = []
        var value = 0
        var previous = 0
        for byte in bytes {
            let digit = Int(digits[Int(byte)])
            guard digit < 64 else { return nil }
            if digit >= 32 {
                value = (value << 5) | (digit - 32)
            } else {
                previous += (value << 5) | digit
                guard previous <= Int(Int32.max) else { return nil }
                numbers.append(Int32(previous))
                value = 0
            }
        }
        return value == 0 ? numbers : nil
    }
}
