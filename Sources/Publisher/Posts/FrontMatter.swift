import NewsCore

/// YAML front matter, written key by key: strings single-quoted (any text reads back unchanged,
/// line breaks become spaces), lists as block sequences, nothing a generator could read as a
/// number, a date or a boolean unless it is one.
struct FrontMatter {
    private var text = "---\n"

    /// A quoted string.
    mutating func add(_ key: String, _ value: String) {
        text += key + ": " + YAMLScalar.quoted(value) + "\n"
    }

    /// A value written as it is: a date, a boolean, a layout name.
    mutating func add(_ key: String, verbatim value: String) {
        text += key + ": " + value + "\n"
    }

    /// A list of quoted strings; nothing when `values` is empty.
    mutating func add(_ key: String, list values: [String]) {
        guard !values.isEmpty else { return }
        text += key + ":\n"
        for value in values { text += "  - " + YAMLScalar.quoted(value) + "\n" }
    }

    /// The front matter with its closing line.
    var closed: String { text + "---\n" }
}

extension Source {
    /// The item's categories from its source: group, site and channel, without blanks and repeats.
    var categoryPath: [String] {
        var seen: Set<String> = []
        return [group, site, channel].filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

extension Item {
    /// The item's topics, then its tags (feed categories, keyword tags, companies), each once: what
    /// Hugo and Jekyll list as `tags`.
    var publishedTags: [String] {
        var seen: Set<String> = []
        return (topics + tags).filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
