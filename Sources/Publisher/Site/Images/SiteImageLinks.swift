import HTML5Parser
import NewsCore

/// How pages, feeds and metadata point at a story's images once the site holds copies: a story's
/// head image is then a site-relative path (`images/….png`), linked relatively from pages and
/// absolutely (under `base_url`) from OpenGraph, JSON-LD and the JSON Feed.
enum SiteImageLinks {
    /// `image` as a page at the root `root` links it.
    static func href(_ image: String, root: String) -> String {
        isRemote(image) ? image : root + image
    }

    /// `image` as an absolute URL.
    static func absolute(_ image: String, base: String) -> String {
        isRemote(image) ? image : SiteEscaping.url(base: base, path: image)
    }

    static func isRemote(_ image: String) -> Bool {
        let lowered = image.prefix(8).lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }

    /// `story` as the build sees it, given `paths` (image URL → the copy's site-relative path): its
    /// head image the copy's path, and its revision changed by which of its images have copies, so
    /// that its page and the list pages that show it are rendered again when a copy arrives.
    static func localized(_ story: SiteStory, paths: [String: String]) -> SiteStory {
        guard let urls = story.images?.urls else { return story }
        let copies = urls.compactMap { url in paths[url].map { url + "\u{1F}" + $0 } }
        guard !copies.isEmpty else { return story }
        var story = story
        if let head = story.headImage, let copy = paths[head] { story.headImage = copy }
        story.revision = StableHash.hex(story.revision + "\u{1E}" + copies.joined(separator: "\u{1E}"))
        return story
    }

    /// `html`, a story's cleaned body, with each of the story's images that has a copy pointing at it
    /// from the story's page at the root `root`. A copied image loses its `srcset` and `sizes`, and
    /// the `<source>` alternatives of its `<picture>`, so no browser picks the remote one instead.
    static func localizedBody(_ html: String, story: SiteStory, paths: [String: String], root: String) -> String {
        guard let urls = story.images?.urls, urls.contains(where: { paths[$0] != nil }) else { return html }
        let own = Set(urls)
        let fragment = HTMLParser.parseFragment(html, context: "div")
        var changed = false
        var alternatives: [HTMLNode] = []
        for image in fragment.descendants where image.isHTMLElement("img") {
            guard let source = image.attribute("src"), own.contains(source), let copy = paths[source] else { continue }
            image.setAttribute("src", root + copy)
            image.removeAttribute("srcset")
            image.removeAttribute("sizes")
            if let picture = image.parent, picture.isHTMLElement("picture") {
                alternatives += picture.children.filter { $0.isHTMLElement("source") }
            }
            changed = true
        }
        for alternative in alternatives { alternative.remove() }
        return changed ? HexoBody.html(of: fragment) : html
    }
}
