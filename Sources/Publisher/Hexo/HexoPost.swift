public import Foundation
import HTML5Parser
public import NewsCore

/// Options of a Hexo output.
public struct HexoOptions: Sendable, Hashable {
    /// How `date:` is written.
    public enum DateStyle: Sendable, Hashable {
        /// `Sat, 23 Jul 2022 12:40:53 GMT`, as the samples.
        case rfc1123GMT
        /// `2022-07-23 20:40:53` in the given zone: what Hexo reads right with its own `timezone` set.
        case local(TimeZone)
    }

    public var directory: URL
    public var dateStyle: DateStyle
    /// The placeholder head image; `{seed}` is replaced by a number derived from the item.
    public var placeholderTemplate: String
    /// Where the item's topics go in the front matter (nowhere by default: the samples' shape).
    public var topicsAs: TopicPlacement = .none
    /// Whether the item's tags (feed categories, keyword tags, companies) become Hexo `tags:`.
    public var writesTags = false

    /// Where an output shows an item's topics.
    public enum TopicPlacement: String, Sendable, Hashable {
        case none
        /// Hexo `tags:`.
        case tags
        /// A second Hexo category path beside group / site / channel, one per topic.
        case categories
    }

    public static let defaultPlaceholder = "https://picsum.photos/seed/{seed}/400/300"

    public init(directory: URL, dateStyle: DateStyle = .rfc1123GMT, placeholderTemplate: String = Self.defaultPlaceholder) {
        self.directory = directory
        self.dateStyle = dateStyle
        self.placeholderTemplate = placeholderTemplate
    }
}

/// Renders one item as a Hexo post in the shape of the users' existing posts.
public struct HexoPostRenderer: Sendable {
    public var options: HexoOptions

    public init(options: HexoOptions) {
        self.options = options
    }

    /// The post's file name: stable for an item, unique across items.
    public func fileName(for item: Item) -> String {
        Self.fileName(forPostKey: item.postKey)
    }

    static func fileName(forPostKey postKey: String) -> String {
        StableHash.hex(postKey) + ".md"
    }

    public func render(_ item: Item, source: Source) -> String {
        let story = CleanStory(item)
        let headImage = YAMLScalar.quoted(story.headImage ?? placeholder(for: item))
        let site = YAMLScalar.plainIfSafe(source.site)
        var text = "---\n"
        // (Room for the body and the front matter at once: the post grew by reallocation.)
        text.reserveCapacity(story.html.utf8.count + item.title.utf8.count + 2 * headImage.utf8.count + 320)
        text += "title: \(YAMLScalar.quoted(item.title))\n"
        text += "categories: \n"
        if options.topicsAs == .categories && !item.topics.isEmpty {
            // Several categories in Hexo: one list per path.
            let path = [source.group, source.site, source.channel].map(YAMLScalar.quoted).joined(separator: ", ")
            text += " - [\(path)]\n"
            for topic in item.topics { text += " - [\(YAMLScalar.quoted(topic))]\n" }
        } else {
            text += " - \(YAMLScalar.plainIfSafe(source.group))\n - \(site)\n - \(YAMLScalar.plainIfSafe(source.channel))\n"
        }
        let tags = (options.topicsAs == .tags ? item.topics : []) + (options.writesTags ? item.tags : [])
        if !tags.isEmpty {
            text += "tags: \n"
            var seen = Set<String>()
            for tag in tags where seen.insert(tag).inserted { text += " - \(YAMLScalar.quoted(tag))\n" }
        }
        text += "headimg: \(headImage)\n"
        text += "author: \(site)\n"
        text += "comments: false\n"
        text += "date: \(formatDate(item.date))\n"
        text += "thumbnail: \(headImage)\n"
        text += "---\n\n"
        text += "<div>\n"
        text += TemplateBraces.escaped(story.html)
        text += "\n</div>\n"
        return text
    }

    /// The placeholder head image for an item without one: the template with `{seed}` replaced.
    func placeholder(for item: Item) -> String {
        let seed = String(StableHash.value(item.postKey) % 10_000)
        return Self.replacingSeed(in: options.placeholderTemplate, with: seed)
    }

    /// `template` with each `{seed}` replaced by `seed`, left to right. (Foundation's
    /// `replacingOccurrences`, then the standard library's `split(separator:)` by a string, each
    /// showed in profiles of large imports: 1.6 % of a cold import's CPU for the latter.) An ASCII
    /// template, as placeholder URLs are, is replaced byte by byte, the same as by characters.
    static func replacingSeed(in template: String, with seed: String) -> String {
        guard template.utf8.allSatisfy({ $0 < 0x80 }) else {
            return template.split(separator: "{seed}", omittingEmptySubsequences: false).joined(separator: seed)
        }
        let bytes = Array(template.utf8)
        let marker = Array("{seed}".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + seed.utf8.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == marker[0], index + marker.count <= bytes.count, bytes[index..<index + marker.count].elementsEqual(marker) {
                result.append(contentsOf: seed.utf8)
                index += marker.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    func formatDate(_ date: Date) -> String {
        switch options.dateStyle {
        case .rfc1123GMT:
            CivilTime(date).rfc1123
        case .local(let zone):
            CivilTime(date, offset: zone.secondsFromGMT(for: date)).dateAndTime
        }
    }
}

/// Chooses the head image: the first real article image, else og:image.
enum HeadImagePicker {
    static func pick(in fragment: HTMLNode, ogImage: String?) -> String? {
        for image in fragment.descendants where image.isHTMLElement("img") && PromoHeuristics.isHeadImageCandidate(image) {
            return image.attribute("src")
        }
        if let ogImage, ogImage.hasPrefix("http") { return ogImage }
        return nil
    }
}

/// Writes Hexo posts into the output directory.
public struct HexoPublisher: Sendable {
    public var renderer: HexoPostRenderer
    let posts: PostDirectory

    public init(options: HexoOptions) {
        renderer = HexoPostRenderer(options: options)
        posts = PostDirectory(options.directory)
    }

    func url(forPostKey postKey: String) -> URL {
        posts.url(named: HexoPostRenderer.fileName(forPostKey: postKey))
    }

    /// Writes the post for `item` if it is missing or differs (synced before it is renamed into place
    /// when `durable`).
    @discardableResult
    public func publish(_ item: Item, source: Source, durable: Bool = true) throws -> AtomicFileWriter.Outcome {
        try AtomicFileWriter.write(renderer.render(item, source: source), to: url(forPostKey: item.postKey), durable: durable)
    }

    /// Deletes the post for `item`; returns whether there was one.
    @discardableResult
    public func remove(_ item: Item) throws -> Bool {
        try posts.remove(named: HexoPostRenderer.fileName(forPostKey: item.postKey))
    }
}

extension HexoPublisher: Publisher {
    /// Bumped whenever a change to the renderer changes the posts it writes, so that every output
    /// publishes the whole archive again once.
    public static let renderingVersion = 1

    public var identity: String {
        let options = renderer.options
        let date = switch options.dateStyle {
        case .rfc1123GMT: "rfc1123"
        case .local(let zone): "local:" + zone.identifier
        }
        var identity = "hexo v\(Self.renderingVersion) \(options.directory.standardizedFileURL.path) date=\(date) placeholder=\(options.placeholderTemplate)"
        // Only outputs that show topics or tags name them, so the others keep their identity.
        if options.topicsAs != .none { identity += " topics=\(options.topicsAs.rawValue)" }
        if options.writesTags { identity += " tags" }
        return identity
    }

    public var summary: String { "hexo → \(renderer.options.directory.path)" }

    public var directories: [URL] { [renderer.options.directory] }

    /// Writes the batch's posts and removes its removed ones, then makes them durable together.
    public func publish(_ batch: PublishBatch) async throws -> PublishResult {
        try posts.publish(batch, name: HexoPostRenderer.fileName(forPostKey:)) { renderer.render($0.item, source: $0.source) }
    }
}
