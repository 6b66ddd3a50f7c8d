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
        StableHash.hex(item.key) + ".md"
    }

    public func render(_ item: Item, source: Source) -> String {
        let fragment = ArticleBodyCleaner(title: item.title, baseURL: item.link).cleanedFragment(item.html)
        let headImage = HeadImagePicker.pick(in: fragment, ogImage: item.ogImage)
            ?? options.placeholderTemplate.replacingOccurrences(of: "{seed}", with: String(StableHash.value(item.key) % 10_000))
        let body = HexoBody.html(of: fragment)
        var text = "---\n"
        text += "title: \(YAMLScalar.quoted(item.title))\n"
        text += "categories: \n"
        for category in [source.group, source.site, source.channel] {
            text += " - \(YAMLScalar.plainIfSafe(category))\n"
        }
        text += "headimg: \(YAMLScalar.quoted(headImage))\n"
        text += "author: \(YAMLScalar.plainIfSafe(source.site))\n"
        text += "comments: false\n"
        text += "date: \(formatDate(item.date))\n"
        text += "thumbnail: \(YAMLScalar.quoted(headImage))\n"
        text += "---\n\n"
        text += "<div>\n" + Self.escapeNunjucks(body) + "\n</div>\n"
        return text
    }

    func formatDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        switch options.dateStyle {
        case .rfc1123GMT:
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        case .local(let zone):
            formatter.timeZone = zone
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        }
        return formatter.string(from: date)
    }

    /// `{` and `}` as character references, so Hexo's Nunjucks pass never fires on article text.
    static func escapeNunjucks(_ html: String) -> String {
        var result = ""
        result.reserveCapacity(html.utf8.count)
        for character in html {
            switch character {
            case "{": result += "&#123;"
            case "}": result += "&#125;"
            default: result.append(character)
            }
        }
        return result
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

    public init(options: HexoOptions) {
        renderer = HexoPostRenderer(options: options)
    }

    /// Writes the post for `item` if it is missing or differs.
    @discardableResult
    public func publish(_ item: Item, source: Source) throws -> AtomicFileWriter.Outcome {
        let url = renderer.options.directory.appendingPathComponent(renderer.fileName(for: item))
        return try AtomicFileWriter.write(renderer.render(item, source: source), to: url)
    }

    /// Deletes the post for `item`; returns whether there was one.
    @discardableResult
    public func remove(_ item: Item) throws -> Bool {
        let url = renderer.options.directory.appendingPathComponent(renderer.fileName(for: item))
        guard FileManager.default.fileExists(atPath: url.path) else { return false }
        try FileManager.default.removeItem(at: url)
        return true
    }
}
