public import NewsCore
import Foundation
import HTML5Parser

/// Reads the items of an HTML list page (`type: html`) with the source's CSS selectors, as a ``Feed``
/// the rest of the pipeline takes like any other: links and images resolved against the page, dates
/// left as the page prints them (read later in the source's time zone).
///
/// A selector that matches nothing on the page is a warning naming the selector; an item without
/// a link is left out (and counted in a warning).
///
/// ```swift
/// let page = try ListPageReader.read(bytes, charset: nil, url: "https://example.com/news/", listing: listing)
/// page.feed.entries  // one per `listing.items` match
/// page.next          // the next list page, if `listing.next` finds one
/// ```
public enum ListPageReader {
    public struct Page: Sendable {
        public var feed: Feed
        /// The next list page's URL, resolved.
        public var next: String?
    }

    /// A selector with an optional `@attribute` suffix (`a.title@href`).
    struct FieldSelector {
        var selector: CSSSelector?
        var attribute: String?
        var text: String

        init(_ text: String) throws(FeedError) {
            self.text = text
            var css = text
            if let at = text.lastIndex(of: "@"), !text[text.index(after: at)...].contains(where: { $0 == " " || $0 == "]" }) {
                attribute = String(text[text.index(after: at)...]).lowercased()
                css = String(text[..<at]).trimmingCharacters(in: .whitespaces)
            }
            if css.isEmpty {
                selector = nil  // "@href": the item element's own attribute
            } else {
                do { selector = try CSSSelector(css) } catch { throw FeedError(message: "selector `\(text)`: \(error)") }
            }
        }

        func first(in item: HTMLNode) -> HTMLNode? {
            guard let selector else { return item }
            return item.matches(selector) && item.select(selector).isEmpty ? item : item.select(selector).first
        }
    }

    public static func read(_ bytes: [UInt8], charset: String?, url: String, listing: SourceListing) throws(FeedError) -> Page {
        guard let itemsText = listing.items else { throw FeedError(message: "an html source needs an items selector") }
        let items: CSSSelector
        do { items = try CSSSelector(itemsText) } catch { throw FeedError(message: "items selector `\(itemsText)`: \(error)") }
        var fields: [(name: String, selector: FieldSelector)] = []
        for (name, value) in listing.fields { fields.append((name, try FieldSelector(value))) }

        let decoded = HTMLEncoding.decode(bytes, transportCharset: charset)
        let document = HTMLParser.parse(decoded.utf8)
        var feed = Feed(format: .unknown, title: document.root.select(try! CSSSelector("title")).first.map { collapse($0.textContent) },
                        link: url)
        feed.encoding = decoded.encoding
        let nodes = document.root.select(items)
        if nodes.isEmpty { feed.warnings.append("items selector `\(itemsText)` matched nothing on \(url)") }
        var matched = Set<String>()
        var withoutLink = 0
        for node in nodes {
            var entry = FeedEntry()
            for (name, field) in fields {
                guard let element = field.first(in: node) else { continue }
                matched.insert(name)
                let value = Self.value(of: element, field: name, attribute: field.attribute)
                switch name {
                case "title": entry.title = value
                case "link": entry.link = value.map { URLResolver.resolve($0, against: url) }
                case "date": entry.rawPublished = value
                case "summary": entry.summary = value.map(FeedEntry.html(fromPlainText:)); entry.summaryType = .html
                case "image": if let value { entry.images = [URLResolver.resolve(value, against: url)] }
                default: break
                }
            }
            if listing.link == nil, let anchor = (node.isHTMLElement("a") ? node : node.select(try! CSSSelector("a[href]")).first),
               let href = anchor.attribute("href") {
                entry.link = URLResolver.resolve(href, against: url)
            }
            if entry.title == nil || entry.title?.isEmpty == true, listing.title == nil,
               let anchor = node.isHTMLElement("a") ? node : node.select(try! CSSSelector("a[href]")).first {
                entry.title = collapse(anchor.textContent).nilIfEmpty
            }
            guard let link = entry.link, link.hasPrefix("http://") || link.hasPrefix("https://") else {
                withoutLink += 1
                continue
            }
            entry.id = link
            feed.entries.append(entry)
        }
        if !nodes.isEmpty {
            for (name, field) in fields where !matched.contains(name) {
                feed.warnings.append("\(name) selector `\(field.text)` matched nothing in the \(nodes.count) items on \(url)")
            }
        }
        if withoutLink > 0 { feed.warnings.append("\(withoutLink) of \(nodes.count) items on \(url) have no link: left out") }
        var next: String?
        if let nextText = listing.next {
            let field = try FieldSelector(nextText)
            if let element = field.first(in: document.root), let href = element.attribute(field.attribute ?? "href") {
                next = URLResolver.resolve(href, against: url)
            }
        }
        return Page(feed: feed, next: next)
    }

    /// A field's value: the attribute asked for, else what the field means on that element (`href`
    /// for a link, `src` or a lazy-loading attribute for an image, `datetime` for a time), else its text.
    static func value(of element: HTMLNode, field: String, attribute: String?) -> String? {
        if let attribute { return element.attribute(attribute).map(collapse)?.nilIfEmpty }
        switch field {
        case "link":
            if let href = element.attribute("href") ?? element.select(try! CSSSelector("a[href]")).first?.attribute("href") {
                return href.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return nil
        case "image":
            let image = element.isHTMLElement("img") ? element : element.select(try! CSSSelector("img")).first
            guard let image else { return nil }
            for name in ["data-src", "data-original", "data-lazy-src", "src"] {
                if let value = image.attribute(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty, !value.hasPrefix("data:") {
                    return value
                }
            }
            return nil
        case "date":
            if let datetime = element.attribute("datetime") { return collapse(datetime).nilIfEmpty }
        default:
            break
        }
        return collapse(element.textContent).nilIfEmpty
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
