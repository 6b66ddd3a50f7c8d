import Foundation
public import HTML5Parser

/// Cleans an item's HTML on a real DOM: sanitizes it with an allowlist (``HTMLSanitizer``), then
/// drops app-promo/QR-code blocks, the repeated page title, tracking pixels and empty wrappers.
///
/// ```swift
/// let body = ArticleBodyCleaner(title: item.title, baseURL: item.link).clean(item.html)
/// ```
public struct ArticleBodyCleaner: Sendable {
    public var title: String
    public var baseURL: String?

    public init(title: String, baseURL: String?) {
        self.title = title
        self.baseURL = baseURL
    }

    /// The cleaned fragment: its root holds the cleaned nodes.
    public func cleanedFragment(_ html: String) -> HTMLNode {
        let root = HTMLParser.parseFragment(html, context: "div")
        HTMLSanitizer(baseURL: baseURL).sanitize(root)
        removeRepeatedTitle(root)
        removePromoBlocks(root)
        fixImages(root)
        removeEmptyWrappers(root)
        tidyWhitespace(root)
        return root
    }

    /// The cleaned HTML.
    public func clean(_ html: String) -> String {
        cleanedFragment(html).innerHTML.trimmingHTMLWhitespace()
    }

    private func removeRepeatedTitle(_ root: HTMLNode) {
        let wanted = title.normalizedForComparison()
        guard !wanted.isEmpty else { return }
        for heading in root.descendants where heading.isElement && ["h1", "h2"].contains(heading.name) {
            guard heading.textContent.normalizedForComparison() == wanted else { continue }
            let container = heading.parent
            heading.remove()
            // The page header around the title (source, time, tags) goes with it.
            if let container, container != root, container.descendants.allSatisfy({ !$0.isHTMLElement("img") }),
                container.textContent.trimmingHTMLWhitespace().count < 100
            {
                container.remove()
            }
            return
        }
    }

    private func removePromoBlocks(_ root: HTMLNode) {
        for node in root.descendants where node.isElement && node.parent != nil {
            let marker = ((node.attribute("class") ?? "") + " " + (node.attribute("id") ?? "")).lowercased()
            if PromoHeuristics.isPromoMarker(marker) {
                node.remove()
                continue
            }
            if node.isHTMLElement("img"), PromoHeuristics.isPromoImage(node) {
                node.remove()
            }
        }
        // Short blocks whose text is an app or QR-code pitch.
        for node in root.descendants where node.isElement && node.parent != nil
            && ["p", "div", "section", "table", "center"].contains(node.name)
        {
            let text = node.textContent.trimmingHTMLWhitespace()
            if text.count <= 60, PromoHeuristics.isPromoText(text) { node.remove() }
        }
    }

    /// Images the sanitizer kept: tracking pixels and images without a source go.
    private func fixImages(_ root: HTMLNode) {
        for image in root.descendants where image.isHTMLElement("img") {
            let source = image.attribute("src")?.trimmingHTMLWhitespace() ?? ""
            if source.isEmpty || PromoHeuristics.isTrackingPixel(image) { image.remove() }
        }
    }

    private static let removableWhenEmpty: Set<String> = [
        "div", "span", "p", "section", "font", "strong", "b", "i", "em", "a", "center", "article", "header",
        "footer", "aside", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "abbr", "u",
    ]

    private func removeEmptyWrappers(_ root: HTMLNode) {
        for node in root.descendants.reversed() where node.isElement && node.parent != nil {
            guard Self.removableWhenEmpty.contains(node.name) else { continue }
            let hasMedia = node.descendants.contains {
                $0.isElement && ["img", "video", "audio", "iframe", "picture", "svg", "br", "hr", "table"].contains($0.name)
            }
            if !hasMedia && node.textContent.trimmingHTMLWhitespace().isEmpty { node.remove() }
        }
    }

    /// Merges adjacent text nodes left by removals and collapses whitespace-only runs that span
    /// lines into one line break (outside `<pre>`).
    private func tidyWhitespace(_ root: HTMLNode) {
        for node in root.descendants where node.kind == .text && node.parent != nil {
            if let previous = node.previousSibling, previous.kind == .text {
                previous.setData(previous.data + node.data)
                node.remove()
            }
        }
        for node in root.descendants where node.kind == .text {
            let data = node.data
            if data.trimmingHTMLWhitespace().isEmpty && data.contains("\n") {
                let insidePre = node.ancestors.contains { $0.isHTMLElement("pre") || $0.isHTMLElement("textarea") }
                if !insidePre { node.setData("\n") }
            }
        }
    }
}

extension String {
    func trimmingHTMLWhitespace() -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace || $0 == "\u{3000}" }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }

    /// Letters and digits only, lowercased: for comparing a heading with the item title.
    func normalizedForComparison() -> String {
        String(String.UnicodeScalarView(unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
            .lowercased()
    }
}

extension Character {
    var isASCIIControlCharacter: Bool { isASCII && (asciiValue! < 0x20 || asciiValue! == 0x7F) }
}
