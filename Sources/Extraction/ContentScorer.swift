import Foundation
import HTML5Parser
import NewsCore

/// The generic body finder, Readability's idea tuned for Chinese news: text blocks score by their
/// length and their punctuation (，。！？； count as much as Latin commas), pass their score to their
/// parent and grandparent, and the container with the most, discounted by its link density, wins;
/// siblings that carry text of their own join it.
///
/// It works on node indices over the whole page (no node handle per step), with the text figures
/// of ``TextStats`` and the class words of ``ClassHints`` computed once and shared.
struct ContentScorer {
    let document: HTMLDocument
    var stats: TextStats
    var hints: ClassHints

    init(_ document: HTMLDocument) {
        self.document = document
        stats = TextStats(document.root)
        hints = ClassHints(document)
    }

    // MARK: - Pruning

    /// Removes what is never article content, before scoring: scripts, styles, form controls (not
    /// `<form>` itself: ASP.NET pages wrap the whole page in one), navigation, inline-hidden
    /// elements, comments, reader comments and bylines, and blocks whose class or id says
    /// boilerplate (unless it also says content, or the block holds much text outside links).
    mutating func prune(_ root: HTMLNode) {
        let removed = removeAll(under: root.index) { scorer, index in
            let kind = scorer.document.kind(at: index)
            return kind == .comment || (kind == .element && scorer.isRemovable(index))
        }
        if removed { stats.recount(under: root.index) }
    }

    /// Walks the nodes under `scope` in tree order and removes (with their subtrees, which are not
    /// visited) those `shouldRemove` picks; returns whether it removed any. The text figures of the
    /// node asked about are true during the walk (what went before it lies outside its subtree); the
    /// caller counts them again afterwards (``TextStats/recount(under:)``), once for many walks.
    private mutating func removeAll(under scope: Int, where shouldRemove: (inout ContentScorer, Int) -> Bool) -> Bool {
        var removedAny = false
        var index = document.firstChildIndex(of: scope)
        while index >= 0 {
            if shouldRemove(&self, index) {
                let next = document.followingIndex(skippingChildrenOf: index, within: scope)
                document.node(at: index).remove()
                removedAny = true
                index = next
            } else {
                index = document.followingIndex(after: index, within: scope)
            }
        }
        return removedAny
    }

    private mutating func isRemovable(_ index: Int) -> Bool {
        switch document.tag(at: index) {
        case .script, .style, .noscript, .template, .nav, .footer, .aside, .button, .select, .textarea, .input,
             .object, .embed, .svg, .link, .meta:
            return true
        case .other:
            if document.name(at: index) == "canvas" { return true }
        default:
            break
        }
        return isHiddenInline(index) || isUnlikely(index)
    }

    private func isHiddenInline(_ index: Int) -> Bool {
        let hidden: Bool
        if document.attribute("hidden", at: index) != nil {
            hidden = true
        } else if let style = document.attribute("style", at: index) {
            hidden = Self.declares(style, "display", "none") || Self.declares(style, "visibility", "hidden")
        } else {
            hidden = false
        }
        return hidden && !holdsTheArticle(index)
    }

    /// Whether a block holds most of the page's text outside links: then it is the article, hidden or
    /// not (WeChat hides `#js_content` inline until its script runs; other pages fade their body in).
    private func holdsTheArticle(_ index: Int) -> Bool {
        let counts = stats[index]
        let own = counts.length - counts.linkLength
        guard own >= 140 else { return false }
        let page = stats[document.root.index]
        return Double(own) >= 0.4 * Double(page.length - page.linkLength)
    }

    /// Whether an inline style sets `property` to `value` (ASCII case and spaces ignored).
    static func declares(_ style: String, _ property: StaticString, _ value: StaticString) -> Bool {
        var compact: [UInt8] = []
        compact.reserveCapacity(style.utf8.count)
        for byte in style.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            compact.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
        }
        var wanted = Array(UnsafeBufferPointer(start: property.utf8Start, count: property.utf8CodeUnitCount))
        wanted.append(0x3A)
        wanted += Array(UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
        return compact.withUnsafeBufferPointer { bytes in wanted.withUnsafeBufferPointer { ByteSearch.offset(of: $0, in: bytes) != nil } }
    }

    private mutating func isUnlikely(_ index: Int) -> Bool {
        let tag = document.tag(at: index)
        guard tag != .body, tag != .html, tag != .main else { return false }
        let flags = hints.flags(index)
        // Reader comments and bylines go however much text they hold, even when their class also
        // says content (`comment_content`, `comment-body`).
        if flags.contains(.commentsOrByline) { return true }
        guard tag != .article, flags.contains(.negative), !flags.contains(.positive) else { return false }
        // A "sidebar-layout" or Blogger "widget Blog" wrapper that holds the article is not boilerplate:
        // keep blocks with much text outside links (related-article lists are mostly links).
        let counts = stats[index]
        return counts.length - counts.linkLength < 600
    }

    // MARK: - Scoring

    /// How strong, against the top candidate, another candidate must be to make their common ancestor the article.
    static let strongShare = 0.6

    /// The article's container and the siblings that belong with it, in document order, cleaned of
    /// the boilerplate blocks inside them.
    mutating func bestContent(in root: HTMLNode) -> [HTMLNode] {
        let scores = scoreCandidates(under: root.index)
        guard let (top, topScore) = scores.ranked.first else { return [] }
        let (article, articleScore) = sharedAncestor(of: top, topScore: topScore, scores: scores)
        if Self.explains { explain(scores.ranked, chosen: article) }
        let content = withSiblings(article, score: articleScore, scores: scores)
        var cleaned = false
        for container in content { cleaned = clean(container) || cleaned }
        // The containers are the article and its siblings: one count under their parent serves them all.
        if cleaned {
            let parent = document.parentIndex(of: article)
            stats.recount(under: parent >= 0 ? parent : article)
        }
        return content.map { document.node(at: $0) }
    }

    /// Candidate containers' scores: each text block credits its parent and (half) its grandparent.
    struct Scores {
        /// Per node index: the container's raw score (class weight plus its blocks' credits).
        var raw: [Double]
        var isCandidate: [Bool]
        /// Candidates with their scores discounted by link density, best first.
        var ranked: [(Int, Double)] = []
    }

    private mutating func scoreCandidates(under scope: Int) -> Scores {
        var scores = Scores(raw: Array(repeating: 0, count: document.capacity), isCandidate: Array(repeating: false, count: document.capacity))
        var candidates: [Int] = []
        func credit(_ index: Int, _ score: Double) {
            if !scores.isCandidate[index] {
                scores.isCandidate[index] = true
                scores.raw[index] = hints.weight(index)
                candidates.append(index)
            }
            scores.raw[index] += score
        }
        document.forEachElementIndex(under: scope) { index in
            let tag = document.tag(at: index)
            guard tag == .p || tag == .div || tag == .td || tag == .li || tag == .pre || tag == .blockquote
                || tag == .h2 || tag == .h3 || tag == .section else { return }
            let (length, punctuation) = tag == .div ? ownText(of: index) : (stats[index].length, stats[index].punctuation)
            guard length >= 20 else { return }
            let score = 1 + Double(punctuation) + min(Double(length) / 60, 4)
            let parent = document.parentIndex(of: index)
            guard parent >= 0, document.kind(at: parent) == .element else { return }
            credit(parent, score)
            let grandparent = document.parentIndex(of: parent)
            if grandparent >= 0, document.kind(at: grandparent) == .element { credit(grandparent, score / 2) }
        }
        scores.ranked = candidates.map { ($0, discounted($0, scores)) }.sorted { $0.1 > $1.1 }
        return scores
    }

    private func discounted(_ index: Int, _ scores: Scores) -> Double {
        scores.raw[index] * (1 - stats.linkDensity(index))
    }

    /// An article split into sections scores in several containers: when another strong candidate
    /// (neither inside the top one nor around it) sits under one of the top candidate's near
    /// ancestors, and that ancestor is not a link farm, the ancestor is the article.
    private func sharedAncestor(of top: Int, topScore: Double, scores: Scores) -> (Int, Double) {
        let topAncestors = ancestors(of: top)
        let topClass = document.attribute("class", at: top) ?? ""
        let strong = scores.ranked.dropFirst().prefix(10)
            .filter { candidate, score in
                guard !topAncestors.contains(candidate) else { return false }
                // A block styled like the top one is another part of the same article.
                if !topClass.isEmpty, document.attribute("class", at: candidate) == topClass { return score >= topScore * 0.3 }
                return score >= topScore * Self.strongShare && stats[candidate].length >= 140
            }
            .map { ancestors(of: $0.0) }
            .filter { !$0.contains(top) }
        for candidate in topAncestors.prefix(5) {
            let tag = document.tag(at: candidate)
            guard document.kind(at: candidate) == .element, tag != .body, tag != .html else { break }
            guard strong.contains(where: { $0.contains(candidate) }) else { continue }
            guard stats.linkDensity(candidate) < 0.25 else { break }
            return (candidate, max(topScore, discounted(candidate, scores)))
        }
        return (top, topScore)
    }

    /// The article with its siblings that carry text of their own (and are not boilerplate).
    private mutating func withSiblings(_ article: Int, score: Double, scores: Scores) -> [Int] {
        let parent = document.parentIndex(of: article)
        guard parent >= 0 else { return [article] }
        let threshold = max(10, score * 0.2)
        var content: [Int] = []
        var sibling = document.firstChildIndex(of: parent)
        while sibling >= 0 {
            defer { sibling = document.nextSiblingIndex(of: sibling) }
            guard document.kind(at: sibling) == .element else { continue }
            if sibling == article {
                content.append(sibling)
            } else if isBoilerplate(sibling) {
                continue
            } else if scores.isCandidate[sibling] && discounted(sibling, scores) >= threshold {
                content.append(sibling)
            } else if document.tag(at: sibling) == .p, stats[sibling].length > 60, stats.linkDensity(sibling) < 0.25 {
                content.append(sibling)
            }
        }
        return content
    }

    /// A div's own text: its text children and inline elements (blogs wrap prose in spans and
    /// fonts), not its block descendants'.
    private func ownText(of index: Int) -> (length: Int, punctuation: Int) {
        var length = 0
        var punctuation = 0
        var child = document.firstChildIndex(of: index)
        while child >= 0 {
            let kind = document.kind(at: child)
            if kind == .text || (kind == .element && !TextRenderer.isBlock(document.tag(at: child))) {
                length += stats[child].length
                punctuation += stats[child].punctuation
            }
            child = document.nextSiblingIndex(of: child)
        }
        return (length, punctuation)
    }

    private func ancestors(of index: Int) -> [Int] {
        var result: [Int] = []
        var current = document.parentIndex(of: index)
        while current >= 0 {
            result.append(current)
            current = document.parentIndex(of: current)
        }
        return result
    }

    // MARK: - Cleaning the chosen content

    /// Readability's "clean conditionally": a block inside the article that reads like boilerplate
    /// (mostly links and little punctuation: related-article lists, ad tables, "print | close" bars)
    /// goes, while blocks with sentences in them stay.
    private mutating func clean(_ container: Int) -> Bool {
        removeAll(under: container) { scorer, index in
            scorer.document.kind(at: index) == .element && Self.cleanable.contains(scorer.document.tag(at: index))
                && scorer.isBoilerplate(index)
        }
    }

    /// Blocks that may be dropped from inside the article.
    static let cleanable: Set<HTMLTag> = [.div, .section, .ul, .ol, .dl, .table, .form, .header, .center, .td, .tr, .tbody]

    mutating func isBoilerplate(_ index: Int) -> Bool {
        let counts = stats[index]
        guard counts.length > 0 else { return false }  // images, spacing: harmless
        let linkDensity = stats.linkDensity(index)
        if linkDensity > 0.5 { return true }  // mostly links, however many commas their titles hold
        if counts.punctuation >= 10 { return false }
        return hints.weight(index) <= 0 && linkDensity > 0.25
    }

    static let explains = ProcessInfo.processInfo.environment["NEWSMILL_EXPLAIN"] != nil

    /// With `NEWSMILL_EXPLAIN` set, the top candidates and the choice go to standard error.
    private func explain(_ ranked: [(Int, Double)], chosen: Int) {
        var lines = ""
        for (index, score) in ranked.prefix(8) {
            let preview = TextRenderer.text(of: [document.node(at: index)]).prefix(40).replacingOccurrences(of: "\n", with: "/")
            lines += String(format: "%8.1f ", score) + "<\(document.name(at: index)) class=\"\(document.attribute("class", at: index) ?? "")\" "
                + "id=\"\(document.attribute("id", at: index) ?? "")\"> length \(stats[index].length) "
                + String(format: "links %.2f ", stats.linkDensity(index)) + preview + "\n"
        }
        lines += "chosen: <\(document.name(at: chosen)) class=\"\(document.attribute("class", at: chosen) ?? "")\">\n"
        FileHandle.standardError.write(Data(lines.utf8))
    }
}
