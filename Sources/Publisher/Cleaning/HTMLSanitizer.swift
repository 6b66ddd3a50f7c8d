import Foundation
public import HTML5Parser

/// An allowlist sanitizer for article bodies. Only listed elements and attributes survive; URLs must
/// be http(s) (or mailto: on links, or data:image/ on images) and are resolved against the page;
/// iframes survive only from known video hosts, sandboxed; inline styles keep only the declarations
/// ``InlineStylePolicy`` allows (text formatting: no URLs, no positioning). Elements whose content is code or chrome (script, style, svg, math,
/// forms, …) go with their content; other unknown elements are unwrapped, keeping their text.
///
/// It works on the parsed DOM, so what it returns re-parses to the same tree (no mutation XSS
/// through parser quirks: `<noscript>`, `<title>`, foreign content and the like are dropped whole).
public struct HTMLSanitizer: Sendable {
    public var baseURL: String?

    public init(baseURL: String?) {
        self.baseURL = baseURL
    }

    static let allowedElements: Set<String> = [
        "p", "div", "span", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "u", "s", "sub",
        "sup", "small", "mark", "blockquote", "q", "cite", "code", "pre", "kbd", "samp", "var", "ul", "ol", "li", "dl",
        "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "figure",
        "figcaption", "img", "picture", "source", "video", "audio", "track", "a", "abbr", "time", "center", "font",
        "section", "article", "header", "footer", "details", "summary", "ruby", "rt", "rp", "wbr", "del", "ins", "iframe",
    ]

    /// Removed together with everything inside them.
    static let droppedWithContent: Set<String> = [
        "script", "style", "noscript", "template", "object", "embed", "applet", "frame", "frameset", "form", "input",
        "button", "select", "textarea", "option", "meta", "base", "link", "title", "head", "svg", "math", "xmp",
        "plaintext", "noembed", "noframes", "dialog", "portal", "slot", "canvas", "map", "area",
        "param", "marquee", "nav", "aside",
    ]

    static let globalAttributes: Set<String> = ["class", "id", "title", "lang", "dir", "style", "align"]
    static let elementAttributes: [String: Set<String>] = [
        "a": ["href", "target", "rel", "name"],
        "img": ["src", "srcset", "alt", "width", "height", "loading", "referrerpolicy", "sizes"],
        "source": ["src", "srcset", "type", "media", "sizes"],
        "video": ["src", "poster", "controls", "width", "height", "preload", "loop", "muted", "playsinline"],
        "audio": ["src", "controls", "preload", "loop"],
        "track": ["src", "kind", "srclang", "label"],
        "iframe": ["src", "width", "height", "allowfullscreen", "frameborder"],
        "td": ["colspan", "rowspan", "width", "valign"], "th": ["colspan", "rowspan", "width", "valign", "scope"],
        "table": ["width", "border", "cellpadding", "cellspacing"], "col": ["span", "width"], "colgroup": ["span"],
        "ol": ["start", "type", "reversed"], "li": ["value"], "time": ["datetime"], "blockquote": ["cite"], "q": ["cite"],
        "font": ["color", "size", "face"], "del": ["datetime"], "ins": ["datetime"], "details": ["open"],
    ]
    static let urlAttributes: Set<String> = ["href", "src", "poster", "cite"]

    /// Hosts whose embedded players may stay (in a sandbox).
    static let videoHosts = [
        "www.youtube.com", "www.youtube-nocookie.com", "player.vimeo.com", "player.bilibili.com", "v.qq.com",
        "player.youku.com", "open.iqiyi.com", "www.ixigua.com",
    ]

    public func sanitize(_ root: HTMLNode) {
        for node in root.descendants where node.parent != nil {
            switch node.kind {
            case .comment, .doctype:
                node.remove()
            case .element:
                sanitizeElement(node)
            default:
                break
            }
        }
    }

    private func sanitizeElement(_ node: HTMLNode) {
        // Foreign content (SVG, MathML) is never kept: it is where parser-differential tricks live.
        guard node.namespace == .html else {
            node.remove()
            return
        }
        let name = node.name
        if Self.droppedWithContent.contains(name) {
            node.remove()
            return
        }
        if name == "iframe" && !isAllowedFrame(node) {
            node.remove()
            return
        }
        guard Self.allowedElements.contains(name) else {
            node.unwrap()
            return
        }
        let allowed = Self.elementAttributes[name] ?? []
        promoteLazySources(node)
        node.removeAttributes { attribute in
            let attributeName = attribute.name.lowercased()
            guard attribute.namespace == nil, Self.globalAttributes.contains(attributeName) || allowed.contains(attributeName) else {
                return true
            }
            return false
        }
        if let style = node.attribute("style") {
            if let allowed = InlineStylePolicy.sanitized(style) { node.setAttribute("style", allowed) } else { node.removeAttribute("style") }
        }
        for attribute in node.attributes {
            let attributeName = attribute.name.lowercased()
            if Self.urlAttributes.contains(attributeName) {
                if let url = safeURL(attribute.value, element: name, attribute: attributeName) {
                    node.setAttribute(attribute.name, url)
                } else {
                    node.removeAttribute(attribute.name)
                }
            } else if attributeName == "srcset" {
                let candidates = attribute.value.split(separator: ",").compactMap { candidate -> String? in
                    let parts = candidate.split(separator: " ", omittingEmptySubsequences: true)
                    guard let first = parts.first, let url = safeURL(String(first), element: name, attribute: "src") else { return nil }
                    return ([url] + parts.dropFirst().map(String.init)).joined(separator: " ")
                }
                if candidates.isEmpty { node.removeAttribute(attribute.name) } else { node.setAttribute(attribute.name, candidates.joined(separator: ", ")) }
            }
        }
        switch name {
        case "a":
            if node.attribute("target") != nil { node.setAttribute("rel", "noopener noreferrer") }
        case "iframe":
            node.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups")
        case "img":
            node.setAttribute("referrerpolicy", "no-referrer")
            node.setAttribute("loading", "lazy")
        default:
            break
        }
    }

    /// Lazy-loading pages keep the real image in `data-src` and friends (or only in `srcset`).
    private func promoteLazySources(_ node: HTMLNode) {
        guard node.name == "img" || node.name == "source" else { return }
        let current = node.attribute("src")?.trimmingCharacters(in: .whitespaces) ?? ""
        let isPlaceholder = current.isEmpty || current.lowercased().hasPrefix("data:") || current.contains("blank.gif")
            || current.contains("placeholder") || current.contains("lazy")
        guard isPlaceholder else { return }
        for lazy in ["data-src", "data-original", "data-actualsrc", "data-lazy-src", "data-url", "file"] {
            if let value = node.attribute(lazy), !value.trimmingCharacters(in: .whitespaces).isEmpty {
                node.setAttribute("src", value)
                return
            }
        }
        if let srcset = node.attribute("srcset") ?? node.attribute("data-srcset"),
           let first = srcset.split(separator: ",").first?.split(separator: " ").first {
            node.setAttribute("src", String(first))
        }
    }

    private func isAllowedFrame(_ node: HTMLNode) -> Bool {
        guard let source = node.attribute("src"), let url = safeURL(source, element: "iframe", attribute: "src"),
              let host = URL(string: url)?.host?.lowercased() else { return false }
        return Self.videoHosts.contains(host)
    }

    /// The URL, resolved against the page, when its scheme is safe here; nil otherwise.
    func safeURL(_ raw: String, element: String, attribute: String) -> String? {
        // Browsers ignore ASCII whitespace and controls inside a scheme: "java\tscript:" is javascript:.
        let compact = String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
        guard !compact.isEmpty else { return nil }
        let lower = compact.lowercased()
        if let colon = lower.firstIndex(of: ":"), !lower[..<colon].contains("/"), !lower[..<colon].contains("?"),
           !lower[..<colon].contains("#") {
            let scheme = String(lower[..<colon])
            switch scheme {
            case "http", "https":
                return compact
            case "mailto":
                return element == "a" ? compact : nil
            case "data":
                return element == "img" && attribute == "src" && lower.hasPrefix("data:image/") && !lower.hasPrefix("data:image/svg")
                    ? compact : nil
            default:
                return nil
            }
        }
        guard let baseURL, let base = URL(string: baseURL), let resolved = URL(string: compact, relativeTo: base)?.absoluteURL,
              let scheme = resolved.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            return compact.hasPrefix("#") ? compact : nil
        }
        return resolved.absoluteString
    }
}
