import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The modification time of each folder of the site's pages, as the last build left them. Adding,
/// removing or renaming a file changes its folder's time, so a folder whose time is still the
/// recorded one holds every page the last build wrote there: a build trusts its pages.tsv for those
/// pages instead of looking for each file (23,000 `stat` calls on a 10,000-story site), and looks
/// for the files of any other folder's pages (so a page deleted by hand is written again).
struct SiteFolderStamps {
    /// Folder (site-relative, `""` for the root) → its stamp.
    var stamps: [String: String] = [:]

    /// The folder of a site-relative file path (`""` for a file at the root).
    static func folder(of path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return path[..<slash]
    }

    /// A folder's modification time (with nanoseconds) and inode; nil when it is not there.
    static func stamp(of folder: some StringProtocol, root: String) -> String? {
        var info = stat()
        guard stat(root + folder, &info) == 0 else { return nil }
        return "\(info.st_ino) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// The recorded folders that still have their recorded stamp.
    func unchangedFolders(root: String) -> Set<Substring> {
        Set(stamps.compactMap { folder, stamp in Self.stamp(of: folder, root: root) == stamp ? Substring(folder) : nil })
    }

    /// The stamps, as the folders of `paths` are now.
    static func current(of paths: some Sequence<String>, root: String) -> SiteFolderStamps {
        var folders: Set<Substring> = []
        for path in paths { folders.insert(folder(of: path)) }
        var result = SiteFolderStamps()
        for folder in folders {
            if let stamp = stamp(of: folder, root: root) { result.stamps[String(folder)] = stamp }
        }
        return result
    }

    /// `folder TAB stamp` lines; nothing (every folder looked at) when the file is missing or damaged.
    static func read(from url: URL) -> SiteFolderStamps {
        var result = SiteFolderStamps()
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return result }
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count == 2 { result.stamps[String(fields[0])] = String(fields[1]) }
        }
        return result
    }

    func write(to url: URL) throws {
        let text = stamps.keys.sorted().map { "\($0)\t\(stamps[$0]!)\n" }.joined()
        _ = try AtomicFileWriter.write(text, to: url, durable: false)
    }
}
