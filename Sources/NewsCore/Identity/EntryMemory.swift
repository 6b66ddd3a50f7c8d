/// What a source's last stored feed held, entry by entry, so that the next fetch of a changed feed
/// reads only the entries that changed.
///
/// Each entry is remembered by its ``EntryDigest``: a hash of its raw markup (the bytes from `<item>` to
/// `</item>`) with the settings that shape how it is read. An entry whose bytes the memory holds was
/// read, decided and stored by an earlier run, so reading it again would find it unchanged: the feed
/// reader skips it. The memory also keeps a hash of the archive key each entry was read under, so
/// that an entry repeating another's key is still dropped as the feed's own duplicate, as when every
/// entry is read.
///
/// The memory is written in the same write as the items it speaks for. `forget` clears the memory of
/// the sources it deleted items of, so that their next run reads every entry and reports the
/// forgotten ones as turned away. Retention leaves it: the tombstone that keeps an expired item out
/// is permanent, so a repeated entry of it would only be turned away again, and is counted unchanged
/// (a run that read every entry reported it tombstoned on every run).
public struct EntryMemory: Sendable, Hashable {
    /// By entry digest: the ``EntryDigest/key(_:)`` hash of the archive key the entry was read under.
    public var keys: [UInt64: UInt64]

    public init(keys: [UInt64: UInt64] = [:]) {
        self.keys = keys
    }

    public var isEmpty: Bool { keys.isEmpty }

    /// The memory as bytes: digest and key hash, little-endian, in digest order.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(keys.count * 16)
        for (digest, key) in keys.sorted(by: { $0.key < $1.key }) {
            withUnsafeBytes(of: digest.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: key.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// The memory ``encoded`` wrote; an empty one for bytes of any other shape.
    public init(encoded bytes: [UInt8]) {
        guard bytes.count % 16 == 0 else {
            self.init()
            return
        }
        var keys: [UInt64: UInt64] = [:]
        keys.reserveCapacity(bytes.count / 16)
        bytes.withUnsafeBytes { raw in
            for offset in stride(from: 0, to: raw.count, by: 16) {
                let digest = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                keys[digest] = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            }
        }
        self.init(keys: keys)
    }
}

/// The stable 64-bit hashes an ``EntryMemory`` is made of. They are stored: never change them (a change
/// only makes the next run read every entry once, since no digest then matches).
public enum EntryDigest {
    /// Bump when the feed reader or the normaliser reads the same bytes differently: every entry is
    /// then read again once.
    public static let readerVersion: UInt64 = 1

    /// The seed for a source's digests: the reader's version and what else shapes an entry's item.
    public static func seed(_ parts: [String]) -> UInt64 {
        StableHash.value(unitSeparated: ["entry-digest-\(readerVersion)"] + parts)
    }

    /// The hash of an archive key that the memory keeps.
    public static func key(_ key: String) -> UInt64 {
        StableHash.value(key)
    }

    /// A hash of `bytes` from `seed`, eight bytes at a time (a feed of 3,000 entries is hashed whole
    /// on every fetch that changed it).
    public static func value(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = seed ^ (UInt64(bytes.count) &* multiplier)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            hash = (hash ^ mixed(word)) &* multiplier
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ mixed(tail)) &* multiplier
        return mixed(hash)
    }

    /// A 64-bit finaliser (MurmurHash3's), so that every input bit reaches every output bit.
    @inline(__always)
    static func mixed(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }
}
