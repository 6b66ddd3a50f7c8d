import HTML5Parser
import NewsCore

/// With `images: archive`: the images of one story that the site keeps copies of, and the host its
/// source's feed is on (that host may be internal; any other image host must be public).
struct SiteStoryImages: Sendable, Hashable {
    var feedHost: String?
    /// The head image, then the body's images, in order, each once, at most the per-story cap.
    var urls: [String]

    /// The images of a cleaned body worth a copy: http(s) URLs only (a `data:` image is in the page
    /// already), the head image first (lists and OpenGraph show it), at most `limit`.
    static func urls(in fragment: HTMLNode, headImage: String?, limit: Int) -> [String] {
        var urls: [String] = []
        var seen = Set<String>()
        let sources = [headImage].compactMap { $0 } + fragment.descendants.compactMap { $0.isHTMLElement("img") ? $0.attribute("src") : nil }
        for source in sources where urls.count < limit {
            guard let url = SiteStory.webAddress(source), seen.insert(url).inserted else { continue }
            urls.append(url)
        }
        return urls
    }

    /// The story's state-log field: the feed host, then the URLs, separated by U+001F (which no
    /// archived URL holds: control characters are percent-encoded or removed at import).
    var field: String { ([feedHost ?? ""] + urls).joined(separator: "\u{1F}") }

    init(feedHost: String?, urls: [String]) {
        self.feedHost = feedHost
        self.urls = urls
    }

    init(field: String) {
        let parts = field.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        feedHost = parts.first.flatMap { $0.isEmpty ? nil : $0 }
        urls = parts.dropFirst().filter { !$0.isEmpty }
    }

    /// How a fetch of these images may be trusted: like the story's page, its source's feed host may
    /// be internal, nothing else.
    var trust: LinkTrust { .untrusted(privateHostsAllowed: feedHost.map { [$0] } ?? []) }
}
