public import Foundation
public import NewsCore

/// Renders one item as a Jekyll post: `layout: post`, `title`, `date` with its offset and
/// `categories`, plus the source, the original URL and the head image; then the cleaned body as
/// one HTML block, which kramdown passes through. Braces are character references, so Liquid
/// never runs on article text.
public struct JekyllPostRenderer: Sendable {
    public var options: PostFolderOptions

    public init(options: PostFolderOptions) {
        self.options = options
    }

    /// `YYYY-MM-DD-<hash>.md`: Jekyll wants the day in the name; the hash names the item.
    func fileName(for item: Item) -> String {
        PostDates.day(item.date, in: options.timeZone) + "-" + StableHash.hex(item.postKey) + ".md"
    }

    public func render(_ item: Item, source: Source) -> String {
        let story = CleanStory(item)
        var front = FrontMatter()
        front.add("layout", verbatim: "post")
        front.add("title", item.title)
        front.add("date", verbatim: PostDates.jekyll(item.date, in: options.timeZone))
        front.add("categories", list: source.categoryPath)
        front.add("tags", list: item.publishedTags)
        if let author = item.author, !author.isEmpty { front.add("author", author) }
        if let image = story.headImage { front.add("image", image) }
        front.add("source", source.site)
        if let link = item.link { front.add("original_url", link) }
        return front.closed + "\n<div>\n" + TemplateBraces.escaped(story.html) + "\n</div>\n"
    }
}

/// Writes Jekyll posts into `_posts`. A post's name holds its day, so when an item's date moves its
/// post is renamed: the publisher finds an item's current file by the hash its name ends with.
public struct JekyllPublisher: Sendable {
    public var renderer: JekyllPostRenderer
    let posts: PostDirectory
    let names: PostNamesByHash

    public init(options: PostFolderOptions) {
        renderer = JekyllPostRenderer(options: options)
        posts = PostDirectory(options.directory)
        names = PostNamesByHash(directory: options.directory)
    }
}

extension JekyllPublisher: Publisher {
    /// Bumped whenever a change to the renderer changes the files it writes.
    public static let renderingVersion = 1

    public var identity: String {
        "jekyll v\(Self.renderingVersion) \(renderer.options.directory.standardizedFileURL.path) zone=\(renderer.options.timeZone.identifier)"
    }

    public var summary: String { "jekyll → \(renderer.options.directory.path)" }

    public var directories: [URL] { [renderer.options.directory] }

    public func publish(_ batch: PublishBatch) async throws -> PublishResult {
        var result = PublishResult()
        let directory = batch.items.isEmpty ? nil : try posts.open()
        for published in batch.items {
            let item = published.item
            let hash = StableHash.hex(item.postKey)
            let name = renderer.fileName(for: item)
            // Looked up before the write: the directory is read on first use, and must not yet hold the new name.
            let previous = names.replace(hash, with: name)
            if try directory?.write(renderer.render(item, source: published.source), named: name) == .written { result.written += 1 }
            if let previous, previous != name, try posts.remove(named: previous) { result.removed += 1 }
        }
        for removal in batch.removals {
            if let name = names.replace(StableHash.hex(removal.postKey), with: nil), try posts.remove(named: name) {
                result.removed += 1
            }
        }
        try posts.sync(ifChanged: result)
        return result
    }
}
