import Foundation
import NewsCore

/// What a local file was when it was read, written as an entity tag: its size, its modification
/// time (to the nanosecond) and a 128-bit hash of its bytes. The archive keeps it as a feed's
/// validator, and a file whose tag is the same the next time is answered like a `304 Not Modified`:
/// its feed is neither parsed nor mapped again.
///
/// The bytes decide: a file rewritten within the same second, to the same size, with a modification
/// time set back, still has another hash. (The hash tells a change from no change; it is not a
/// cryptographic digest, and it needs none: whoever can write the file chooses the feed anyway.)
struct LocalFileVersion {
    var size: Int
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int
    var hash: (UInt64, UInt64)

    init(bytes: [UInt8], status: stat) {
        size = bytes.count
        modifiedSeconds = Int(status.st_mtim.tv_sec)
        modifiedNanoseconds = Int(status.st_mtim.tv_nsec)
        hash = Self.hash(bytes)
    }

    /// `file:SIZE-SECONDS.NANOSECONDS-HASH` (the `file:` prefix keeps it apart from any server's tag).
    var entityTag: String {
        "file:\(size)-\(modifiedSeconds).\(modifiedNanoseconds)-" + StableHash.hexDigits(hash.0) + StableHash.hexDigits(hash.1)
    }

    /// Two independent 64-bit lanes over the bytes, eight at a time, each finished with a
    /// multiply-xorshift mix, the length folded in: about a gigabyte a second, so hashing a large
    /// feed costs a millisecond or two of the parse it saves.
    static func hash(_ bytes: [UInt8]) -> (UInt64, UInt64) {
        var first: UInt64 = 0x243F_6A88_85A3_08D3
        var second: UInt64 = 0x1319_8A2E_0370_7344
        bytes.withUnsafeBytes { raw in
            let words = raw.count / 8
            for index in 0..<words {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                first = (first ^ word) &* 0x9E37_79B9_7F4A_7C15
                first ^= first >> 29
                second = (second &+ word) &* 0xC2B2_AE3D_27D4_EB4F
                second = (second << 31) | (second >> 33)
            }
            var tail: UInt64 = 0
            for offset in (words * 8)..<raw.count { tail = (tail << 8) | UInt64(raw[offset]) }
            first = (first ^ tail) &* 0x9E37_79B9_7F4A_7C15
            second = (second &+ tail) &* 0xC2B2_AE3D_27D4_EB4F
        }
        return (mix(first ^ UInt64(bytes.count)), mix(second &+ UInt64(bytes.count)))
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var value = value
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
