import Foundation
import NewsCore
#if canImport(Glibc)
import Glibc
#endif

/// The site's own memory of what it publishes, kept in `.newsmill-site/` inside the site:
/// - `stories.log`: one line per story or copy published and per removal, appended batch by batch
///   and synced before the batch counts as published; replayed when the site is opened, and
///   rewritten compactly (atomically) when it holds more superseded lines than live ones;
/// - `bodies/<stem>.story`: each story's plain text (for the search index) and cleaned body, in one
///   file (``SiteStoryFiles``; earlier versions wrote `<stem>.html` and `<stem>.txt`, which are read
///   alike, and a log of a still earlier version held the texts: they are moved to `.txt` files on load);
/// - `pages.tsv`: every file the last build wrote, with a fingerprint of what it was made from, so a
///   build renders only pages whose inputs changed and removes the files no page needs any more.
actor SiteState {
    let directory: URL
    private(set) var stories: [String: SiteStory] = [:]
    private(set) var copies: [String: SiteCopy] = [:]
    private(set) var pages: [String: String] = [:]
    private var loaded = false
    private var logLines = 0

    init(directory: URL) {
        self.directory = directory
    }

    var logURL: URL { directory.appendingPathComponent("stories.log") }
    var pagesURL: URL { directory.appendingPathComponent("pages.tsv") }
    /// What the last complete build was made with; removed before a batch changes the state, so a run
    /// killed between its batches and its build leaves the build to the next run.
    var stampURL: URL { directory.appendingPathComponent("built") }
    var bodiesDirectory: URL { directory.appendingPathComponent("bodies", isDirectory: true) }

    /// Each story's body and text.
    var storyFiles: SiteStoryFiles { SiteStoryFiles(directory: bodiesDirectory) }
    /// Where an earlier version kept a story's text (a log of a still earlier version's texts go there).
    func textURL(stem: String) -> URL { storyFiles.earlierURLs(stem: stem).text }
    /// The search index writer's own folder (its scratch files, the fingerprints of its documents).
    var searchStateURL: URL { directory.appendingPathComponent("search", isDirectory: true) }

    /// Reads the state from disk once. The log is read a block at a time, so only the stories it
    /// describes stay in memory, not the log itself.
    func load() throws {
        guard !loaded else { return }
        loaded = true
        try FileManager.default.createDirectory(at: bodiesDirectory, withIntermediateDirectories: true)
        guard let log = FileHandle(forReadingAtPath: logURL.path) else { return readPages() }
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
        readPages()
    }

    private func replay(_ line: ArraySlice<UInt8>) throws {
        logLines += 1
        let fields = SiteRecordCoding.fields(of: line)
        apply(fields)
        // An earlier version's line carries the story's text: it gets its file.
        if fields.first == SiteStory.tag, let story = stories[fields.count > 1 ? fields[1] : ""] {
            let text = SiteStory.text(ofRecord: fields)
            if !text.isEmpty { _ = try AtomicFileWriter.write(text, to: textURL(stem: story.stem), durable: false) }
        }
    }

    private func readPages() {
        if let text = try? String(contentsOf: pagesURL, encoding: .utf8) {
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: "\t", maxSplits: 1)
                if fields.count == 2 { pages[String(fields[0])] = String(fields[1]) }
            }
        }
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
    /// - Returns: the stories that were removed (their body files are deleted here).
    func record(stories newStories: [SiteStory], copies newCopies: [SiteCopy], removals: [RemovedItem]) throws -> Int {
        try load()
        var lines = ""
        var removed = 0
        // A removal of what the site never kept (a story the topic rules held back, published again by
        // `newsmill build`) changes nothing, so it is not logged: a run with nothing new changes no file.
        for removal in removals where stories[removal.postKey] != nil || copies[removal.itemKey] != nil {
            if let story = stories[removal.postKey] {
                removed += 1
                storyFiles.remove(stem: story.stem)
            }
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
        guard !lines.isEmpty else { return removed }
        try clearStamp()
        try append(lines)
        logLines += lines.utf8.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        return removed
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
        if logLines > 2 * (stories.count + copies.count) + 100 { try compact() }
    }

    private func compact() throws {
        var text = ""
        for key in stories.keys.sorted() { text += SiteRecordCoding.line(stories[key]!.record) }
        for key in copies.keys.sorted() { text += SiteRecordCoding.line(copies[key]!.record) }
        _ = try AtomicFileWriter.write(text, to: logURL)
        logLines = stories.count + copies.count
    }

    private func clearStamp() throws {
        guard FileManager.default.fileExists(atPath: stampURL.path) else { return }
        try FileManager.default.removeItem(at: stampURL)
        try AtomicFileWriter.syncFileSystem(containing: directory)
    }

    /// Whether the last complete build was made from this state with `key` (the options and theme).
    func isBuilt(with key: String) -> Bool {
        (try? String(contentsOf: stampURL, encoding: .utf8)) == key
    }

    /// Records a complete build made with `key`.
    func markBuilt(with key: String) throws {
        _ = try AtomicFileWriter.write(key, to: stampURL)
    }

    /// Remembers which files the build wrote and from what.
    func savePages(_ newPages: [String: String]) throws {
        pages = newPages
        let text = newPages.keys.sorted().map { "\($0)\t\(newPages[$0]!)\n" }.joined()
        _ = try AtomicFileWriter.write(text, to: pagesURL, durable: false)
    }
}
