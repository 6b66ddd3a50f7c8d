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

    /// Publishes a batch to a folder whose file names follow from the post keys alone (Hexo, Hugo):
    /// writes each item's post through the open directory, removes the removed ones, then makes them
    /// durable together.
    func publish(_ batch: PublishBatch, name: (String) -> String, render: (PublishedItem) -> String) throws -> PublishResult {
        var result = PublishResult()
        if !batch.items.isEmpty {
            let directory = try open()
            for published in batch.items where try directory.write(render(published), named: name(published.item.postKey)) == .written {
                result.written += 1
            }
        }
        for removal in batch.removals where try remove(named: name(removal.postKey)) {
            result.removed += 1
        }
        try sync(ifChanged: result)
        return result
    }

    /// Makes what was written and removed since the last sync durable with one `syncfs`, when
    /// `changed` says that anything was.
    func sync(ifChanged changed: PublishResult) throws {
        if changed.written + changed.removed > 0 { try AtomicFileWriter.syncFileSystem(containing: directory) }
    }
}
