import Foundation

/// Writes a build's files by site-relative path, each through an open descriptor of its folder
/// (``OpenDirectory``): a new file is written unnamed and linked under its name when complete, with no
/// temporary name to create and rename and no walk of the whole path per file. The folders stay open
/// while the build writes into them (a few hundred at most at once).
final class SiteFolderWriter {
    let root: String
    private var folders: [String: OpenDirectory] = [:]
    private static let openLimit = 256

    /// - Parameter root: the folder the paths are relative to.
    init(root: URL) {
        root.path.hasSuffix("/") ? (self.root = String(root.path.dropLast())) : (self.root = root.path)
    }

    /// Writes `content` as the file at the site-relative `path` unless it holds exactly that.
    /// - Throws: ``FileWriteError`` naming the file (or its folder) and the cause.
    func write(_ content: String, to path: String) throws -> AtomicFileWriter.Outcome {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { String(path[..<$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        if let open = folders[folder] { return try open.write(content, named: name) }
        if folders.count >= Self.openLimit { folders.removeAll() }
        let open = try OpenDirectory(path: folder.isEmpty ? root : root + "/" + folder)
        folders[folder] = open
        return try open.write(content, named: name)
    }
}
