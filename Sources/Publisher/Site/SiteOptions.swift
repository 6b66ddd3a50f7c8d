public import Foundation

/// Options of a `format: site` output: Newsmill's own static news site.
public struct SiteOptions: Sendable, Hashable {
    /// What happens to the images of a story's body.
    public enum Images: String, Sendable, Hashable, CaseIterable {
        /// The body keeps the images' original URLs.
        case link
        /// The images are downloaded into the site and the body points at the copies.
        case archive
    }

    public var directory: URL
    /// The site's public address, ending with `/`; feeds and the sitemap use absolute URLs under it.
    public var baseURL: String
    public var title: String
    /// The `lang` of every page (`zh-CN`); a Chinese language gives Chinese labels and dates.
    public var language: String
    /// The zone dates are shown in.
    public var timeZone: TimeZone
    /// A folder of `.mustache` files that override the built-in templates of the same name.
    public var theme: URL?
    public var pageSize: Int
    public var images: Images
    /// Past this many URLs, `sitemap.xml` becomes a sitemap index (the sitemap protocol's limit).
    public var sitemapURLLimit: Int = 50_000
    /// With `images: archive`: the largest image copied, in bytes (a larger one keeps its URL).
    public var maxImageBytes = 5 * 1024 * 1024
    /// With `images: archive`: how many images of one story are copied (the head image first, then
    /// the body's in order); the others keep their URLs.
    public var maxImagesPerStory = 20

    public init(
        directory: URL, baseURL: String, title: String, language: String = "zh-CN", timeZone: TimeZone,
        theme: URL? = nil, pageSize: Int = 20, images: Images = .link
    ) {
        self.directory = directory
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.title = title
        self.language = language
        self.timeZone = timeZone
        self.theme = theme
        self.pageSize = max(1, pageSize)
        self.images = images
    }

    /// Whether labels and dates are written the Chinese way.
    var isChinese: Bool { language.lowercased().hasPrefix("zh") }

    /// The folder inside the site where the publisher keeps its own state (never served as pages).
    var stateDirectory: URL { directory.appendingPathComponent(".newsmill-site", isDirectory: true) }
}
