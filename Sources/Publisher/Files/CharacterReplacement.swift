extension String {
    /// The string with each character for which `replacement` gives a text replaced by it: the one
    /// loop behind the formats' escapes (template braces, JSON inside `<script>`, the site's log fields).
    func replacingCharacters(_ replacement: (Character) -> String?) -> String {
        var result = ""
        result.reserveCapacity(utf8.count + 8)
        for character in self {
            if let text = replacement(character) { result += text } else { result.append(character) }
        }
        return result
    }
}
