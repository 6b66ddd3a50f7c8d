import Foundation
import NewsCore
#if canImport(Glibc)
import Glibc
#endif

/// The site's own memory of what it publishes, kept in `.newsmill-site/` inside the site:
/// - `stories.log`: one line per story or copy published and per removal, appended batch by batch
///   and synced before the batch counts as published; replayed when the site is opened, and
///   rewritten compactly (atomically) when it holds more superseded lines than live ones;
/// - `bodies/stories-<generation>.pack` and its index: each story's plain text (for the search index)
///   and cleaned body, appended to one pack (``SiteStoryPack``; earlier versions wrote a file per story,
///   ``SiteStoryFiles``, and a log of a still earlier version held the texts: they move into the pack on load);
/// - `pages.tsv`: every file the last build wrote, with a fingerprint of what it was made from, so a
///   build renders only pages whose inputs changed and removes the files no page needs any more;
/// - `folders.tsv`: the modification time of each folder of pages after the last build
///   (``SiteFolderStamps``), so a build trusts pages.tsv for the pages of untouched folders and looks
///   for the files of the others (a page deleted by hand comes back);
/// - `built`: what the last complete build was made with, and the log it was made from.
actor SiteState {
    let directory: URL
    private(set) var stories: [String: SiteStory] = [:]
    private(set) var copies: [String: SiteCopy] = [:]
    private(set) var pages: [String: UInt64] = [:]
    private var loaded = false
    private var logLines = 0

    init(directory: URL) {
        self.directory = directory
        storyPack = SiteStoryPack(directory: directory.appendingPathComponent("bodies", isDirectory: true))
    }

    var logURL: URL { directory.appendingPathComponent("stories.log") }
    var pagesURL: URL { directory.appendingPathComponent("pages.tsv") }
    /// What the last complete build was made with, and the log's identity (inode, size, modification
    /// time) then: a batch that changes the state appends to the log, so a run killed between its
    /// batches and its build leaves the build to the next run, with no stamp to remove first.
    var stampURL: URL { directory.appendingPathComponent("built") }
    var foldersURL: URL { directory.appendingPathComponent("folders.tsv") }
    /// There while a build writes the site: one that finds it finds what a killed build left half-written.
    var buildingURL: URL { directory.appendingPathComponent("building") }
    var bodiesDirectory: URL { directory.appendingPathComponent("bodies", isDirectory: true) }

    /// Each story's body and text.
    nonisolated let storyPack: SiteStoryPack
    /// Where an earlier version kept a story's text (a log of a still earlier version's texts go there,
    /// then into the pack).
    func textURL(stem: String) -> URL { storyPack.earlierFiles.earlierURLs(stem: stem).text }
    /// The search index writer's own folder (its scratch files, the fingerprints of its documents).
    var searchStateURL: URL { directory.appendingPathComponent("search", isDirectory: true) }

    /// Reads the state from disk once. The log is read a block at a time, so only the stories it
    /// describes stay in memory, not the log itself.
    func load() throws {
        guard !loaded else { return }
        loaded = true
        try FileManager.default.createDirectory(at: bodiesDirectory, withIntermediateDirectories: true)
        guard let log = FileHandle(forReadingAtPath: logURL.path) else {
            try storyPack.load(revisions: [:])
            return readPages()
        }
        defer { try? log.close() }
        var pending: [UInt8] = []
        while let block = try log.read(upToCount: 1 << 20), !block.isEmpty {
            pending.append(contentsOf: block)
            guard let last = pending.lastIndex(of: 0x0A) else { continue }
            for line in pending[...last].split(separator: 0x0A) { try replay(line) }
            pending.removeSubrange(...last)
        }
        // A line without its newline is what a killed run was appending: its batch was not
        // recorded as published, so it comes again.
        if !pending.isEmpty { try compact() }
        var revisions: [String: String] = [:]
        for story in stories.values { revisions[story.stem] = story.revision }
        try storyPack.load(revisions: revisions)
        readPages()
    }

    private func replay(_ line: ArraySlice<UInt8>) throws {
        logLines += 1
        let fields = SiteRecordCoding.fields(of: line)
        apply(fields)
        // An earlier version's line carries the story's text: it gets its file.
        guard fields.first == SiteStory.tag else { return }
        let text = SiteStory.text(ofRecord: fields)
        if !text.isEmpty, let story = stories[fields[1]] {
            _ = try AtomicFileWriter.write(text, to: textURL(stem: story.stem), durable: false)
        }
    }

    /// `path TAB fingerprint` lines, the fingerprint as 16 hex digits (a line that is not one is skipped:
    /// its page is rendered again).
    private func readPages() {
        guard let data = FileManager.default.contents(atPath: pagesURL.path) else { return }
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            for line in bytes.split(separator: 0x0A) {
                guard let tab = line.lastIndex(of: 0x09), let fingerprint = Self.hexValue(line[(tab + 1)...]) else { continue }
                pages[String(decoding: UnsafeRawBufferPointer(rebasing: line[..<tab]), as: UTF8.self)] = fingerprint
            }
        }
    }

    private static func hexValue(_ digits: Slice<UnsafeRawBufferPointer>) -> UInt64? {
        guard digits.count == 16 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    private func apply(_ fields: [String]) {
        switch fields.first {
        case SiteStory.tag: if let story = SiteStory(record: fields) { stories[story.postKey] = story }
        case SiteCopy.tag: if let copy = SiteCopy(record: fields) { copies[copy.itemKey] = copy }
        case "R" where fields.count == 3:
            stories[fields[1]] = nil
            copies[fields[2]] = nil
        default: break
        }
    }

    /// Applies and appends a batch of records, then makes the log durable.
    /// - Returns: the stories that were removed (their bodies are forgotten here).
    func record(stories newStories: [SiteStory], copies newCopies: [SiteCopy], removals: [RemovedItem]) throws -> Int {
        try load()
        var lines = ""
        var removedStems: [String] = []
        // A removal of what the site never kept (a story the topic rules held back, published again by
        // `newsmill build`) changes nothing, so it is not logged: a run with nothing new changes no file.
        for removal in removals where stories[removal.postKey] != nil || copies[removal.itemKey] != nil {
            if let story = stories[removal.postKey] { removedStems.append(story.stem) }
            let fields = ["R", removal.postKey, removal.itemKey]
            apply(fields)
            lines += SiteRecordCoding.line(fields)
        }
        for copy in newCopies where copies[copy.itemKey] != copy {
            copies[copy.itemKey] = copy
            lines += SiteRecordCoding.line(copy.record)
        }
        for story in newStories where stories[story.postKey] != story {
            stories[story.postKey] = story
            lines += SiteRecordCoding.line(story.record)
        }
        guard !lines.isEmpty else { return 0 }
        try storyPack.remove(stems: removedStems)
        try append(lines)
        logLines += lines.utf8.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        return removedStems.count
    }

    private func append(_ text: String) throws {
        let path = logURL.path
        let descriptor = open(path, O_CREAT | O_WRONLY | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: errno)) }
        defer { close(descriptor) }
        let data = Array(text.utf8)
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: path, cause: SystemErrorText.cause(errno: errno))
            }
            offset += written
        }
    }

    /// Rewrites the log with one line per live story and copy when superseded lines outnumber them.
    func compactIfWorthIt() throws {
        try storyPack.compactIfWorthIt()
        if logLines > 2 * (stories.count + copies.count) + 100 { try compact() }
    }

    private func compact() throws {
        var text = ""
        for key in stories.keys.sorted() { text += SiteRecordCoding.line(stories[key]!.record) }
        for key in copies.keys.sorted() { text += SiteRecordCoding.line(copies[key]!.record) }
        _ = try AtomicFileWriter.write(text, to: logURL)
        logLines = stories.count + copies.count
    }

    /// The log as it is now: its inode, size and modification time (appending changes the size and
    /// time; compacting makes a new file).
    private func logIdentity() -> String {
        var info = stat()
        guard stat(logURL.path, &info) == 0 else { return "no log" }
        return "log \(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// Whether the last complete build was made from this state with `key` (the options and theme).
    func isBuilt(with key: String) -> Bool {
        (try? String(contentsOf: stampURL, encoding: .utf8)) == key + "\n" + logIdentity()
    }

    /// Records a complete build made with `key`. Not synced: the site is (by the caller), and a stamp
    /// lost to a crash only makes the next run build again.
    func markBuilt(with key: String) throws {
        _ = try AtomicFileWriter.write(key + "\n" + logIdentity(), to: stampURL, durable: false)
    }

    /// Remembers which files the build wrote and from what.
    func savePages(_ newPages: [String: UInt64]) throws {
        pages = newPages
        var text = ""
        text.reserveCapacity(newPages.count * 48)
        for path in newPages.keys.sorted() {
            let digits = String(newPages[path]!, radix: 16)
            text += path + "\t" + String(repeating: "0", count: 16 - digits.count) + digits + "\n"
        }
        _ = try AtomicFileWriter.write(text, to: pagesURL, durable: false)
    }
}
