public import Foundation
import NewsCore

/// A directory of one file per item (Hexo, Hugo and Jekyll posts). A batch's files are written
/// without a sync each; ``sync()`` then makes the whole batch durable at once.
struct PostDirectory: Sendable {
    let directory: URL
    /// The directory's path without a trailing slash: names are joined to it with a plain `/`
    /// (`appendingPathComponent` costs more than rendering a post's front matter).
    let path: String

    init(_ directory: URL) {
        self.directory = directory
        let path = directory.path
        self.path = path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    func url(named name: String) -> URL {
        URL(fileURLWithPath: path + "/" + name, isDirectory: false)
    }

    /// The directory held open for a batch's writes (made when missing; see ``OpenDirectory``).
    func open() throws -> OpenDirectory {
        try OpenDirectory(path: path)
    }

    /// Deletes the file; returns whether there was one.
    func remove(named name: String) throws -> Bool {
        let url = url(named: name)
        guard FileManager.default.fileExists(atPath: url.path) else { return false }
        try FileManager.default.removeItem(at: url)
        return true
    }

    /// Makes what was written and removed since the last sync durable with one `syncfs`, when
    /// `changed` says that anything was.
    func sync(ifChanged changed: PublishResult) throws {
        if changed.written + changed.removed > 0 { try AtomicFileWriter.syncFileSystem(containing: directory) }
    }
}
