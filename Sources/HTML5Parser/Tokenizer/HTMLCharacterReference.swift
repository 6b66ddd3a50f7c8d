/// Public access to the named character reference table, for other markup readers
/// (the tolerant XML reader accepts HTML entities that XML does not define).
public enum HTMLCharacterReference {
    /// The characters `&name;` stands for, if `name` (without `&` and `;`) is in the table.
    public static func lookup(_ name: String) -> String? {
        namedCharacterReferences[name + ";"] ?? namedCharacterReferences[name]
    }
}
