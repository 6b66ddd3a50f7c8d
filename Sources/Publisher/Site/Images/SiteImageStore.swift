import Foundation
import NewsCore

/// The site's copies of its stories' images (`images: archive`):
/// - `images/<hash>.<ext>` in the site: each image once, named by a hash of its bytes, with the
///   extension of the format its bytes are in (two images whose hashes collide get `-1`, `-2`…);
/// - `.newsmill-site/images.tsv`: what became of each image URL the site's stories show: its copy,
///   or how often it failed, whether it may be tried again, and why it failed last.
///
/// A URL that has a copy is never downloaded again. A failed one is tried again by the next runs,
/// ``maxTries`` times in all (never again when it cannot succeed: an internal address). Copies no
/// story shows any more are removed by ``sweep(keeping:)``.
actor SiteImageStore {
    static let folder = "images"
    /// Tries per image URL, over all runs.
    static let maxTries = 3
    /// Images downloading at once (the fetcher's per-host limits and pace apply within these).
    static let concurrency = 8

    enum Entry: Hashable {
        case stored(file: String)
        case failed(tries: Int, final: Bool, reason: String)
    }

    let folder: URL
    let manifestURL: URL
    private(set) var entries: [String: Entry] = [:]
    /// Bumped whenever a URL gets a copy: part of the build's key, so that pages are rendered again.
    private(set) var generation = 0
    private var loaded = false

    init(siteDirectory: URL, stateDirectory: URL) {
        folder = siteDirectory.appendingPathComponent(Self.folder, isDirectory: true)
        manifestURL = stateDirectory.appendingPathComponent("images.tsv")
    }

    func load() {
        guard !loaded else { return }
        loaded = true
        guard let text = try? String(contentsOf: manifestURL, encoding: .utf8) else { return }
        for line in text.split(separator: "\n") {
            let fields = SiteRecordCoding.fields(of: line)
            switch fields.first {
            case "G" where fields.count >= 2: generation = Int(fields[1]) ?? 0
            case "S" where fields.count == 3: entries[fields[1]] = .stored(file: fields[2])
            case "F" where fields.count == 5:
                entries[fields[1]] = .failed(tries: Int(fields[2]) ?? Self.maxTries, final: fields[3] == "1", reason: fields[4])
            default: break
            }
        }
    }

    /// Whether some URL failed and may still be tried.
    private var hasRetryable: Bool {
        entries.values.contains { if case .failed(let tries, let final, _) = $0 { !final && tries < Self.maxTries } else { false } }
    }

    /// The generation, and whether some failed URL may still be tried, from the manifest's first line
    /// alone while the manifest is not loaded: a run with nothing new reads no more of it.
    func summary() -> (generation: Int, retryable: Bool) {
        if loaded { return (generation, hasRetryable) }
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else { return (0, false) }
        let first = data.prefix { $0 != 0x0A }
        let fields = SiteRecordCoding.fields(of: ArraySlice(first))
        guard fields.count == 3, fields[0] == "G", let generation = Int(fields[1]) else {
            load()
            return (generation, hasRetryable)
        }
        return (generation, fields[2] == "1")
    }

    private func save() throws {
        var text = SiteRecordCoding.line(["G", String(generation), hasRetryable ? "1" : "0"])
        for url in entries.keys.sorted() {
            switch entries[url]! {
            case .stored(let file): text += SiteRecordCoding.line(["S", url, file])
            case .failed(let tries, let final, let reason): text += SiteRecordCoding.line(["F", url, String(tries), final ? "1" : "0", reason])
            }
        }
        _ = try AtomicFileWriter.write(text, to: manifestURL)
    }

    /// Each image URL that has a copy, with the copy's site-relative path (`images/….png`).
    func paths() -> [String: String] {
        load()
        var paths: [String: String] = [:]
        for (url, entry) in entries {
            if case .stored(let file) = entry { paths[url] = Self.folder + "/" + file }
        }
        return paths
    }

    /// Downloads every image the stories show that the site has no copy of and that may still be
    /// tried, newest stories first. A failure is a warning naming the story, its source, the image
    /// URL and the reason; the image keeps its original URL.
    /// - Returns: how many copies were made.
    func download(
        for stories: [SiteStory], loader: any ImageLoader, maxBytes: Int, warn: @Sendable (String) -> Void
    ) async throws -> Int {
        load()
        var wanted: [(request: ImageRequest, story: SiteStory)] = []
        var seen = Set<String>()
        // One listing of the folder rather than a stat per copy: a copy deleted by hand is fetched again.
        let present = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        for story in stories {
            guard let images = story.images else { continue }
            for url in images.urls where seen.insert(url).inserted {
                switch entries[url] {
                case .stored(let file)?:
                    if present.contains(file) { continue }
                case .failed(let tries, let final, _)?:
                    if final || tries >= Self.maxTries { continue }
                case nil: break
                }
                wanted.append((ImageRequest(url: url, maxBytes: maxBytes, trust: images.trust), story))
            }
        }
        guard !wanted.isEmpty else { return 0 }
        // Newest stories first (an image several stories show is fetched once, for one of them).
        wanted.sort { left, right in
            left.story.date != right.story.date ? left.story.date > right.story.date : left.request.url < right.request.url
        }
        var stored = 0
        var unsaved = 0
        try await withThrowingTaskGroup(of: (Int, Result<LoadedImage, ImageLoadError>).self) { group in
            func start(_ index: Int) {
                let request = wanted[index].request
                group.addTask {
                    do {
                        return (index, .success(try await loader.loadImage(request)))
                    } catch let error as ImageLoadError {
                        return (index, .failure(error))
                    } catch {
                        return (index, .failure(ImageLoadError("GET \(request.url) → \(error)", mayRetry: true)))
                    }
                }
            }
            var next = min(Self.concurrency, wanted.count)
            for index in 0..<next { start(index) }
            while let (index, outcome) = try await group.next() {
                if next < wanted.count {
                    start(next)
                    next += 1
                }
                let (request, story) = wanted[index]
                switch outcome {
                case .success(let image):
                    entries[request.url] = .stored(file: try store(image))
                    stored += 1
                case .failure(let error):
                    var tries = 1
                    if case .failed(let earlier, _, _)? = entries[request.url] { tries = earlier + 1 }
                    entries[request.url] = .failed(tries: tries, final: !error.mayRetry, reason: error.description)
                    let again = !error.mayRetry ? " (not tried again)"
                        : tries < Self.maxTries ? " (try \(tries) of \(Self.maxTries); the next run tries again)"
                        : " (try \(tries) of \(Self.maxTries): not tried again)"
                    warn("site: image \(request.url) of “\(story.title)” (\(Self.sourceName(story))) keeps its original URL: \(error)\(again)")
                }
                unsaved += 1
                // A run killed while downloading keeps what it has copied so far.
                if unsaved >= 50 {
                    try commit(copied: stored > 0)
                    unsaved = 0
                }
            }
        }
        try commit(copied: stored > 0)
        return stored
    }

    private func commit(copied: Bool) throws {
        if copied { generation += 1 }
        // The copies are durable before the manifest names them.
        try AtomicFileWriter.syncFileSystem(containing: folder.deletingLastPathComponent())
        try save()
    }

    /// Writes `image` under its content name, unless a file of that name already holds it.
    private func store(_ image: LoadedImage) throws -> String {
        let data = Data(image.bytes)
        let hash = Self.hash(image.bytes)
        var suffix = 0
        while true {
            let name = hash + (suffix == 0 ? "" : "-\(suffix)") + "." + image.format.fileExtension
            let url = folder.appendingPathComponent(name)
            if !FileManager.default.fileExists(atPath: url.path) || AtomicFileWriter.holds(url.path, exactly: data) {
                _ = try AtomicFileWriter.write(data, to: url, durable: false)
                return name
            }
            suffix += 1
        }
    }

    /// Forgets the URLs no story in `stories` shows and removes the copies no URL left names (and
    /// any other file named like a copy, such as one a killed run wrote before it could note it;
    /// files named otherwise are not the site's and stay).
    /// - Returns: how many files were removed.
    func sweep(keeping stories: [SiteStory]) throws -> Int {
        load()
        var shown = Set<String>()
        for story in stories { shown.formUnion(story.images?.urls ?? []) }
        let gone = entries.keys.filter { !shown.contains($0) }
        for url in gone { entries[url] = nil }
        var kept = Set<String>()
        for entry in entries.values {
            if case .stored(let file) = entry { kept.insert(file) }
        }
        var removed = 0
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where Self.isCopyName(name) && !kept.contains(name) {
            if (try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))) != nil { removed += 1 }
        }
        if !gone.isEmpty { try save() }
        return removed
    }

    /// Whether `name` is what ``store(_:)`` names a copy: 16 hex digits, maybe `-N`, and a format's extension.
    static func isCopyName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, ImageFormat.allCases.contains(where: { $0.fileExtension == parts[1] }) else { return false }
        let stem = parts[0].split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let hex = stem[0]
        guard hex.utf8.count == 16, hex.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return false }
        return stem.count == 1 || (!stem[1].isEmpty && stem[1].utf8.allSatisfy { (0x30...0x39).contains($0) })
    }

    /// `site` or `site · channel`.
    static func sourceName(_ story: SiteStory) -> String {
        story.channel == story.site ? story.site : story.site + " · " + story.channel
    }

    /// A 64-bit FNV-1a hash of the bytes, as 16 hex digits.
    static func hash(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
