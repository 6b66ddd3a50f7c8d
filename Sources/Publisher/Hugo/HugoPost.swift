public import Foundation
public import NewsCore

/// Renders one item as a Hugo content file: YAML front matter Hugo reads (`title`, `date` in ISO 8601
/// with its offset, `categories`, `images`, and the source and original URL as params), then the
/// cleaned body as one HTML block. Hugo's Markdown renderer passes it through when the site sets
/// `markup.goldmark.renderer.unsafe: true`; braces are character references, so no shortcode fires.
public struct HugoPostRenderer: Sendable {
    public var options: PostFolderOptions

    public init(options: PostFolderOptions) {
        self.options = options
    }

    /// `<hash>.md`: stable for an item, unique across items; Hugo makes the page `/posts/<hash>/`.
    static func fileName(forPostKey postKey: String) -> String {
        StableHash.hex(postKey) + ".md"
    }

    public func render(_ item: Item, source: Source) -> String {
        let story = CleanStory(item)
        var front = FrontMatter()
        front.add("title", item.title)
        front.add("date", verbatim: PostDates.iso8601(item.date, in: options.timeZone))
        front.add("categories", list: source.categoryPath)
        front.add("tags", list: item.publishedTags)
        front.add("images", list: story.headImage.map { [$0] } ?? [])
        if let author = item.author, !author.isEmpty { front.add("author", author) }
        front.add("source", source.site)
        if let link = item.link { front.add("original_url", link) }
        return front.closed + "\n<div>\n" + TemplateBraces.escaped(story.html) + "\n</div>\n"
    }
}

/// Writes Hugo content files into the output directory.
public struct HugoPublisher: Sendable {
    public var renderer: HugoPostRenderer
    let posts: PostDirectory

    public init(options: PostFolderOptions) {
        renderer = HugoPostRenderer(options: options)
        posts = PostDirectory(options.directory)
    }
}

extension HugoPublisher: Publisher {
    /// Bumped whenever a change to the renderer changes the files it writes.
    public static let renderingVersion = 1

    public var identity: String {
        "hugo v\(Self.renderingVersion) \(renderer.options.directory.standardizedFileURL.path) zone=\(renderer.options.timeZone.identifier)"
    }

    public var summary: String { "hugo → \(renderer.options.directory.path)" }

    public var directories: [URL] { [renderer.options.directory] }

    public func publish(_ batch: PublishBatch) async throws -> PublishResult {
        try posts.publish(batch, name: HugoPostRenderer.fileName(forPostKey:)) { renderer.render($0.item, source: $0.source) }
    }
}
