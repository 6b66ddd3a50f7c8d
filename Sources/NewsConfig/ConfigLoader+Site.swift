import Foundation
import Publisher
import Yams

extension ConfigLoader {
    /// A `format: site` output: `dir`, `base_url` and `title` are required; `language`, `theme`,
    /// `page_size`, `images` and, for `images: archive`, `max_image_bytes` and `max_images_per_story`
    /// are optional.
    mutating func siteOutput(_ mapping: Node.Mapping, context: String, directory: URL, timeZone: TimeZone) -> NewsmillConfig.Output? {
        checkKeys(
            mapping,
            allowed: ["format", "dir", "base_url", "title", "language", "theme", "page_size", "images", "max_image_bytes", "max_images_per_story", "filters", "convert"],
            context: context)
        let dir = required(mapping, "dir", in: context)
        let base = required(mapping, "base_url", in: context)
        let title = required(mapping, "title", in: context)
        let language = string(mapping, "language", in: context) ?? "zh-CN"
        let theme = string(mapping, "theme", in: context)
        let pageSize = count(mapping, "page_size", in: context, range: 1...1000) ?? 20
        var images = SiteOptions.Images.link
        if let value = string(mapping, "images", in: context) {
            if let known = SiteOptions.Images(rawValue: value) {
                images = known
            } else {
                fail(mapping["images"], context + ".images", "unknown images mode '\(value)' (link or archive)")
            }
        }
        if let base, !(base.hasPrefix("http://") || base.hasPrefix("https://")) || URL(string: base)?.host == nil {
            fail(mapping["base_url"], context + ".base_url", "expected an absolute http(s) URL such as https://news.example.org/, not '\(base)'")
        }
        let maxImageBytes = count(mapping, "max_image_bytes", in: context, range: 1024...1_073_741_824)
        let maxImagesPerStory = count(mapping, "max_images_per_story", in: context, range: 1...1000)
        guard let dir, let base, let title else { return nil }
        var options = SiteOptions(
            directory: URL(fileURLWithPath: resolvePath(dir, relativeTo: directory), isDirectory: true), baseURL: base, title: title,
            language: language, timeZone: timeZone,
            theme: theme.map { URL(fileURLWithPath: resolvePath($0, relativeTo: directory), isDirectory: true) },
            pageSize: pageSize, images: images)
        if let maxImageBytes { options.maxImageBytes = maxImageBytes }
        if let maxImagesPerStory { options.maxImagesPerStory = maxImagesPerStory }
        return .site(options)
    }
}
