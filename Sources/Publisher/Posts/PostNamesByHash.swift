import Foundation
import Synchronization

/// The post files of a directory whose names end in `-<hash>.md` (Jekyll's `YYYY-MM-DD-<hash>.md`),
/// by hash: read from the directory once, on first use, then kept up to date as posts are written
/// and removed, so that renaming or removing an item's post never lists the directory again.
final class PostNamesByHash: Sendable {
    private let directory: URL
    private let names = Mutex<[String: String]?>(nil)

    init(directory: URL) {
        self.directory = directory
    }

    /// Records `name` (nil: none) as the file of `hash`; returns the file it had before.
    func replace(_ hash: String, with name: String?) -> String? {
        names.withLock { names in
            if names == nil { names = Self.read(directory) }
            let previous = names?[hash]
            names?[hash] = name
            return previous
        }
    }

    private static func read(_ directory: URL) -> [String: String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var names: [String: String] = [:]
        for name in entries where name.hasSuffix(".md") && !name.hasPrefix(".") {
            let stem = name.dropLast(3)
            guard let dash = stem.lastIndex(of: "-") else { continue }
            names[String(stem[stem.index(after: dash)...])] = name
        }
        return names
    }
}
