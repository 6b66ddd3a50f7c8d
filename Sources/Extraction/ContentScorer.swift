import Foundation
import HTML5Parser

/// The generic body finder, Readability's idea tuned for Chinese news: text blocks score by their
/// length and their punctuation (，。！？； count as much as Latin commas), pass their score to their
/// parent and grandparent, and the container with the most, discounted by its link density, wins;
/// siblings that carry text of their own join it.
enum ContentScorer {
    /// Removes what is never article content, before scoring: scripts, styles, form controls (not
    /// `<form>` itself: ASP.NET pages wrap the whole page in one), navigation,
    /// inline-hidden elements, and blocks whose class or id says boilerplate (unless it also says content).
    static func prune(_ root: HTMLNode) {
        let stats = TextStats(root)
        for node in root.descendants {
            guard node.parent != nil else { continue }  // already removed with an ancestor
            switch node.kind {
            case .comment:
                node.remove()
            case .element:
                if removableTags.contains(node.name) || isHiddenInline(node) || isUnlikely(node, stats: stats) { node.remove() }
            default:
                break
            }
        }
    }

    static let removableTags: Set<String> = [
        "script", "style", "noscript", "template", "nav", "footer", "aside", "button", "select", "textarea",
        "input", "object", "embed", "svg", "canvas", "link", "meta",
    ]

    static func isHiddenInline(_ node: HTMLNode) -> Bool {
        if node.hasAttribute("hidden") || node.attribute("aria-hidden") == "true" { return true }
        guard let style = node.attribute("style")?.lowercased().replacingOccurrences(of: " ", with: "") else { return false }
        return style.contains("display:none") || style.contains("visibility:hidden")
    }

    /// Words in class names and ids that mark boilerplate, matched against whole words or their
    /// starts (`share` matches `share-bar` and `sharing` no; `nav` matches `navbar`, not `canvas`).
    static let negativeWords = [
        "comment", "share", "social", "related", "recommend", "footer", "sidebar", "nav", "menu", "breadcrumb",
        "advert", "sponsor", "promo", "qrcode", "popup", "modal", "banner", "subscribe", "newsletter", "toolbar",
        "download", "copyright", "rank", "hotnews", "outbrain", "taboola", "cookie", "masthead",
    ]
    static let negativeExactWords: Set<String> = ["ad", "ads", "tags", "tag", "hot", "app", "widget", "aside"]
    static let positiveWords = ["article", "content", "text", "body", "main", "post", "entry", "detail", "story", "artibody", "news"]

    static func words(_ node: HTMLNode) -> [String] {
        FastText.words((node.attribute("class") ?? "") + " " + (node.attribute("id") ?? ""))
    }

    static func isNegative(_ words: [String]) -> Bool {
        words.contains { word in negativeExactWords.contains(word) || negativeWords.contains(where: word.hasPrefix) }
    }

    static func isPositive(_ words: [String]) -> Bool {
        words.contains { word in positiveWords.contains(where: word.hasPrefix) }
    }

    /// Reader comments and bylines: boilerplate however much text they hold, and even when their
    /// class also says content (`comment_content`, `comment-body`).
    static func isCommentsOrByline(_ words: [String]) -> Bool {
        words.contains { word in
            (word.hasPrefix("comment") && !word.hasPrefix("commentary")) || word == "disqus" || word.hasPrefix("byline")
                || word == "dateline" || word == "writtenby"
        }
    }

    static func isUnlikely(_ node: HTMLNode, stats: TextStats) -> Bool {
        guard node.name != "body", node.name != "html", node.name != "main" else { return false }
        let words = words(node)
        if isCommentsOrByline(words) { return true }
        guard node.name != "article" else { return false }
        guard isNegative(words), !isPositive(words) else { return false }
        // A "sidebar-layout" or Blogger "widget Blog" wrapper that holds the article is not boilerplate:
        // keep blocks with much text outside links (related-article lists are mostly links).
        let counts = stats[node]
        return counts.length - counts.linkLength < 600
    }

    static func classWeight(_ node: HTMLNode) -> Double {
        let words = words(node)
        var weight = 0.0
        if isPositive(words) { weight += 25 }
        if isNegative(words) { weight -= 25 }
        return weight
    }

    static let punctuation: Set<Unicode.Scalar> = ["，", "。", "！", "？", "；", "、", ",", ".", "!", "?", ";"]

    /// Text length, length inside links, and punctuation count of every element under a root,
    /// computed in one pass from the leaves up (scoring then never walks a subtree twice).
    struct TextStats {
        struct Counts {
            var length = 0
            var linkLength = 0
            var punctuation = 0
        }

        private var counts: [Counts]

        init(_ root: HTMLNode) {
            counts = Array(repeating: Counts(), count: root.document.capacity)
            // Post-order without recursion, walking siblings through links (no child arrays).
            var order: [HTMLNode] = []
            var stack = [root]
            while let node = stack.popLast() {
                order.append(node)
                var child = node.firstChild
                while let current = child {
                    stack.append(current)
                    child = current.nextSibling
                }
            }
            for node in order.reversed() {
                var total = Counts()
                switch node.kind {
                case .text:
                    for scalar in node.data.unicodeScalars where !FastText.isWhitespace(scalar) {
                        total.length += 1
                        if ContentScorer.punctuation.contains(scalar) { total.punctuation += 1 }
                    }
                case .element, .document, .documentFragment:
                    var child = node.firstChild
                    while let current = child {
                        let sub = counts[current.index]
                        total.length += sub.length
                        total.linkLength += sub.linkLength
                        total.punctuation += sub.punctuation
                        child = current.nextSibling
                    }
                    if node.isHTMLElement("a") { total.linkLength = total.length }
                default:
                    continue
                }
                counts[node.index] = total
            }
        }

        subscript(node: HTMLNode) -> Counts { node.index < counts.count ? counts[node.index] : Counts() }

        func linkDensity(_ node: HTMLNode) -> Double {
            let counts = self[node]
            return counts.length == 0 ? 1 : Double(counts.linkLength) / Double(counts.length)
        }
    }

    /// How strong, against the top candidate, another candidate must be to make their common ancestor the article.
    static let strongShare = 0.6

    static let blockTags: Set<String> = ["p", "pre", "td", "blockquote", "li", "h2", "h3", "section", "div"]

    /// The article's container and the siblings that belong with it, in document order.
    static func bestContent(in root: HTMLNode) -> [HTMLNode] {
        let stats = TextStats(root)
        var scores: [HTMLNode: Double] = [:]
        for block in root.descendants where block.isElement && blockTags.contains(block.name) {
            // A div counts as a block only for its own text (not its block descendants').
            let length: Int
            let commas: Int
            if block.name == "div" {
                // Its own text: text children and inline elements (blogs wrap prose in spans and fonts).
                let own = block.children.filter { $0.kind == .text || ($0.isElement && !TextRenderer.blocks.contains($0.name)) }
                    .map { stats[$0] }
                length = own.reduce(0) { $0 + $1.length }
                commas = own.reduce(0) { $0 + $1.punctuation }
            } else {
                length = stats[block].length
                commas = stats[block].punctuation
            }
            guard length >= 20 else { continue }
            let score = 1 + Double(commas) + min(Double(length) / 60, 4)
            if let parent = block.parent, parent.isElement {
                scores[parent, default: classWeight(parent)] += score
                if let grandparent = parent.parent, grandparent.isElement {
                    scores[grandparent, default: classWeight(grandparent)] += score / 2
                }
            }
        }
        let ranked = scores.map { ($0.key, $0.value * (1 - stats.linkDensity($0.key))) }.sorted { $0.1 > $1.1 }
        guard var (top, topScore) = ranked.first else { return [] }
        if ProcessInfo.processInfo.environment["NM_DEBUG"] != nil {
            for (node, score) in ranked.prefix(8) {
                FileHandle.standardError.write(Data("\(String(format: "%.1f", score)) <\(node.name) class=\(node.attribute("class") ?? "") id=\(node.attribute("id") ?? "")> len \(stats[node].length) link \(String(format: "%.2f", stats.linkDensity(node))) \(String(TextRenderer.text(of: [node]).prefix(40)).replacingOccurrences(of: "\n", with: "/"))\n".utf8))
            }
        }
        // An article split into sections scores in several containers: when another strong candidate
        // (neither inside the top one nor around it) sits under one of the top candidate's near
        // ancestors, and that ancestor is not a link farm, the ancestor is the article.
        let topAncestors = top.ancestors
        let topClass = top.attribute("class") ?? ""
        let strong = ranked.dropFirst().prefix(10)
            .filter { candidate, score in
                guard !topAncestors.contains(candidate) else { return false }
                // A block styled like the top one is another part of the same article.
                if !topClass.isEmpty, candidate.attribute("class") == topClass { return score >= topScore * 0.3 }
                return score >= topScore * strongShare && stats[candidate].length >= 140
            }
            .map { $0.0.ancestors }
            .filter { !$0.contains(top) }
        for candidate in topAncestors.prefix(5) where candidate.isElement && candidate.name != "body" && candidate.name != "html" {
            guard strong.contains(where: { $0.contains(candidate) }) else { continue }
            if stats.linkDensity(candidate) < 0.25 {
                top = candidate
                topScore = max(topScore, scores[candidate].map { $0 * (1 - stats.linkDensity(candidate)) } ?? topScore)
            }
            break
        }
        guard let parent = top.parent else {
            ContentCleaner.clean([top], stats: stats)
            return [top]
        }
        let threshold = max(10, topScore * 0.2)
        let content = parent.elementChildren.filter { sibling in
            if sibling == top { return true }
            if ContentCleaner.isBoilerplate(sibling, stats: stats) { return false }
            if let score = scores[sibling], score * (1 - stats.linkDensity(sibling)) >= threshold { return true }
            guard sibling.isHTMLElement("p") else { return false }
            return stats[sibling].length > 60 && stats.linkDensity(sibling) < 0.25
        }
        ContentCleaner.clean(content, stats: stats)
        return content
    }
}
