import NewsCore

/// The archive's stable hash, for signatures that must not change between runs.
enum StableHashBridge {
    static func hex(_ text: String) -> String { StableHash.hex(text) }
}
