public import Foundation
public import NewsCore

/// Newsmill's own news site (`format: site`). Batches record each story (and each copy from another
/// outlet) in the site's own state and write its cleaned body beside it; ``finish()`` builds the
/// whole site from that state, without reading the archive: it renders only the pages whose inputs
/// changed, writes only files whose content changed (each atomically: a visitor never sees half a
/// page), and removes the files no page needs any more.
///
/// ```swift
/// let site = SitePublisher(options: SiteOptions(
///     directory: URL(fileURLWithPath: "public"), baseURL: "https://news.example.org/", title: "数字化转型观察",
///     timeZone: TimeZone(identifier: "Asia/Shanghai")!))
/// _ = try await site.publish(batch)
/// _ = try await site.finish()
/// ```
public struct SitePublisher: Sendable {
    public var options: SiteOptions
    let state: SiteState
    /// With `images: archive`: what downloads the images. Without one (`newsmill forget`), no image
    /// is downloaded and those without a copy keep their URLs.
    let imageLoader: (any ImageLoader)?
    /// Where warnings go: an image that could not be copied.
    let warn: @Sendable (String) -> Void
    let images: SiteImageStore

    public init(options: SiteOptions, imageLoader: (any ImageLoader)? = nil, warn: @escaping @Sendable (String) -> Void = { _ in }) {
        self.options = options
        state = SiteState(directory: options.stateDirectory)
        self.imageLoader = imageLoader
        self.warn = warn
        images = SiteImageStore(siteDirectory: options.directory, stateDirectory: options.stateDirectory)
    }

    var archivesImages: Bool { options.images == .archive }
}

extension SitePublisher: Publisher {
    public var identity: String {
        let theme = options.theme?.standardizedFileURL.path ?? "built-in"
        let perStory = archivesImages ? " images_per_story=\(options.maxImagesPerStory)" : ""
        return "site v\(SiteBuilder.renderingVersion) \(options.directory.standardizedFileURL.path) base=\(options.baseURL) images=\(options.images.rawValue) theme=\(theme)" + perStory
    }

    public var summary: String { "site → \(options.directory.path)" }

    public var directories: [URL] {
        [options.directory, options.stateDirectory, options.stateDirectory.appendingPathComponent("bodies", isDirectory: true)]
            + (archivesImages ? [options.directory.appendingPathComponent(SiteImageStore.folder, isDirectory: true)] : [])
    }

    public func publish(_ batch: PublishBatch) async throws -> PublishResult {
        try await state.load()
        var stories: [SiteStory] = []
        var bodies: [SiteStoryPack.Story] = []
        for published in batch.items {
            let made = SiteStory.make(from: published, imageLimit: archivesImages ? options.maxImagesPerStory : nil)
            bodies.append(SiteStoryPack.Story(stem: made.story.stem, revision: made.story.revision, text: made.text, body: made.body))
            stories.append(made.story)
        }
        let written = try state.storyPack.write(bodies)
        let copies = batch.copies.compactMap { copy in copy.item.duplicateOf.map { SiteCopy(copy, copyOf: $0) } }
        let removed = try await state.record(stories: stories, copies: copies, removals: batch.removals)
        try AtomicFileWriter.syncFileSystem(containing: options.directory)
        return PublishResult(written: written, removed: removed)
    }

    public func finish() async throws -> PublishResult {
        try await state.load()
        let theme = try SiteTheme(folder: options.theme)
        // Nothing recorded since the last complete build with these options and this theme: every file is right.
        var key = identity + " theme-files=" + theme.fingerprint
        var copied = 0
        if archivesImages {
            // Images not copied yet (new stories', and failed ones that may be tried again) first. When
            // nothing was recorded since the last complete build and no failed image may be tried again,
            // that build's pass left nothing to fetch (a copy deleted by hand is fetched again by the next
            // run that changes the site).
            let images = await images.summary()
            var generation = images.generation
            let built = await state.isBuilt(with: key + " images=\(generation)")
            let settled = built && !images.retryable
            if !settled, let imageLoader {
                copied = try await self.images.download(
                    for: Array(await state.stories.values), loader: imageLoader, maxBytes: options.maxImageBytes, warn: warn)
                generation = await self.images.generation
            }
            key += " images=\(generation)"
        }
        if await state.isBuilt(with: key) { return PublishResult() }
        let state = state
        let files = state.storyPack
        let imagePaths = archivesImages ? await images.paths() : [:]
        var stories = Array(await state.stories.values)
        if archivesImages { stories = stories.map { SiteImageLinks.localized($0, paths: imagePaths) } }
        let dates = SiteDates(timeZone: options.timeZone, chinese: options.isChinese)
        let builder = SiteBuilder(
            options: options, theme: theme, stories: stories, copies: Array(await state.copies.values)
        ) { story in
            let body = files.body(stem: story.stem)
            guard story.images != nil else { return body }
            return SiteImageLinks.localizedBody(body, story: story, paths: imagePaths, root: SitePaths.root(of: SitePaths.story(story, dates: dates)))
        }
        let previous = await state.pages
        var pages: [String: UInt64] = [:]
        pages.reserveCapacity(previous.count + 64)
        var result = PublishResult(written: copied)
        let root = options.directory.path.hasSuffix("/") ? options.directory.path : options.directory.path + "/"
        // A build that finds the marker follows one that was killed while it wrote the site.
        let killedBuild = FileManager.default.fileExists(atPath: await state.buildingURL.path)
        _ = try AtomicFileWriter.write("", to: await state.buildingURL, durable: false)
        // A page with the fingerprint it was last written with is right when its folder is untouched
        // since that build (or, in a touched folder, when its file is there).
        let trusted = SiteFolderStamps.read(from: await state.foldersURL).unchangedFolders(root: root)
        let writer = SiteFolderWriter(root: options.directory)
        // Each file is rendered (when its inputs changed) and written as it comes, then let go.
        try builder.forEachFile { file in
            pages[file.path] = file.fingerprint
            if previous[file.path] == file.fingerprint {
                if trusted.contains(SiteFolderStamps.folder(of: file.path)) || FileManager.default.fileExists(atPath: root + file.path) { return }
            }
            if try writer.write(try file.render(), to: file.path) == .written { result.written += 1 }
        }
        if killedBuild { removeWhatAKilledBuildLeft(previous: previous, pages: pages) }
        for path in previous.keys where pages[path] == nil {
            if (try? FileManager.default.removeItem(atPath: root + path)) != nil { result.removed += 1 }
        }
        // The search index reads each story's text from the pack when it needs it, never all at once.
        // It leaves syncing to the one `syncfs` below.
        var searchWriter = SearchIndexWriter(directory: options.directory, stateFolder: await state.searchStateURL)
        searchWriter.syncs = false
        // After a killed build a swapped-in shard may not have reached the disk: the index is written whole.
        searchWriter.patches = !killedBuild
        result = result + (try searchWriter.write(builder.searchDocuments()) { document in
            files.text(stem: ((document.path as NSString).lastPathComponent as NSString).deletingPathExtension)
        })
        try await state.savePages(pages)
        try SiteFolderStamps.current(of: pages.keys, root: root).write(to: await state.foldersURL)
        try AtomicFileWriter.syncFileSystem(containing: options.directory)
        // The copies only removed stories showed go once no page shows them.
        if archivesImages { result.removed += try await images.sweep(keeping: stories) }
        try await state.compactIfWorthIt()
        try await state.markBuilt(with: key)
        try? FileManager.default.removeItem(at: await state.buildingURL)
        return result
    }

    /// What a killed build left half-written: temporary files beside the pages, never served (this
    /// build's own temporaries are gone by now). A build killed before it saved its pages leaves them
    /// in folders only this build's files name.
    private func removeWhatAKilledBuildLeft(previous: [String: UInt64], pages: [String: UInt64]) {
        let searchBuckets = ((try? FileManager.default.contentsOfDirectory(atPath: options.directory.appendingPathComponent(SearchIndexLayout.documentsFolder).path)) ?? [])
            .map { SearchIndexLayout.documentsFolder + "/" + $0 }
        var folders: Set<String> = ["search", SearchIndexLayout.termsFolder]
        folders.formUnion(searchBuckets)
        for path in previous.keys { folders.insert(String(SiteFolderStamps.folder(of: path))) }
        for path in pages.keys { folders.insert(String(SiteFolderStamps.folder(of: path))) }
        for folder in folders {
            AtomicFileWriter.removeStaleTemporaries(in: folder.isEmpty ? options.directory : options.directory.appendingPathComponent(folder, isDirectory: true))
        }
    }
}
