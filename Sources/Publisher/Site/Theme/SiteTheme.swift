import Foundation
import Mustache
import NewsCore

/// The templates a site renders with: the built-in ones, each overridden by a file of the same name
/// in the `theme:` folder (`story.mustache`, `head.mustache`, …; `site.css` replaces the stylesheet).
///
/// A built-in page template renders through a second library (`reusing`) in which what a build
/// renders once and reuses is swapped for the text the build rendered (``SiteReusedFragments``): each
/// story's card (`storyCard`) and its line among a story page's related stories (`relatedStory`),
/// once per story; the `header` and `footer`, once per root; the breadcrumb links, once per links.
///
/// The rule for a theme folder: a reused partial it overrides is reused only when each of its tags
/// reads a name its key covers (a card or related line: its story's own names,
/// ``SiteEntryContext/names``; the header and footer: `root`, `siteTitle`, `lang`, `labels.…`), and
/// is rendered on every page otherwise (a tag reading the page, a partial, a transform); nothing that
/// a theme folder's partial includes is swapped (that partial may run inside a built-in page), and a
/// page template the theme overrides renders through `library` alone. The words that are the same on
/// every page of a site (its labels, title and language) are folded into the built-in templates as
/// text once the site is known (``folding(_:)``).
struct SiteTheme: Sendable {
    let library: MustacheLibrary
    /// The built-in page templates' library, with the reused partials swapped in.
    let reusing: MustacheLibrary
    /// The reused partials (``SiteReusedPartial``) and the pages rendered through `reusing`.
    let reused: Set<SiteReusedPartial>
    let reusingPages: Set<String>
    let stylesheet: String
    /// Changes whenever a template or the stylesheet changes, so that every page is rendered again.
    let fingerprint: String
    /// The templates as written (the built-in ones and the theme folder's), and the theme folder's names.
    let sources: [String: String]
    let overridden: Set<String>

    init(folder: URL?) throws {
        var sources = BuiltInTemplates.all
        var overridden: Set<String> = []
        var stylesheet = Stylesheet.css
        if let folder {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if names.isEmpty, !FileManager.default.fileExists(atPath: folder.path) {
                throw SiteError("theme folder \(folder.path) does not exist")
            }
            for name in names.sorted() {
                let file = folder.appendingPathComponent(name)
                if name.hasSuffix(".mustache") {
                    let template = String(name.dropLast(".mustache".count))
                    sources[template] = try Self.read(file)
                    overridden.insert(template)
                } else if name == "site.css" {
                    stylesheet = try Self.read(file)
                }
            }
        }
        // The escaping is part of what a page is made from: a site built with another escaper is rendered again.
        let fingerprint = StableHash.hex(
            SiteHTMLContentType.pragma + sources.keys.sorted().map { $0 + "\u{1F}" + sources[$0]! }.joined(separator: "\u{1E}") + stylesheet)
        try self.init(sources: sources, overridden: overridden, stylesheet: stylesheet, fingerprint: fingerprint, constants: nil)
    }

    private init(sources: [String: String], overridden: Set<String>, stylesheet: String, fingerprint: String, constants: SiteThemeConstants?) throws {
        var written = sources
        if let constants {
            for name in written.keys where !overridden.contains(name) { written[name] = constants.fold(into: written[name]!) }
        }
        // A partial that a theme folder's partial includes is never swapped: that template may run
        // inside a built-in page (and include it indented, or where its text is not filled in). The
        // theme's page templates render through `library` alone.
        var included: Set<String>? = []
        for name in overridden where !BuiltInTemplates.pages.contains(name) {
            guard let partials = SiteTemplateNames.partials(in: sources[name]!) else { included = nil; break }
            included?.formUnion(partials)
        }
        var reused: Set<SiteReusedPartial> = []
        var reusingSources = written
        for partial in SiteReusedPartial.allCases {
            guard partial.hosts.allSatisfy({ included?.contains($0) == false }) else { continue }
            if overridden.contains(partial.rawValue), !partial.reusable(sources[partial.rawValue]!) { continue }
            // A loop is swapped only in the built-in templates that hold it.
            let hosts = partial.loop == nil ? partial.hosts : partial.hosts.filter { !overridden.contains($0) }
            for host in hosts {
                let text = reusingSources[host]!
                if let loop = partial.loop {
                    guard text.contains(loop) else { throw SiteError("the built-in template \(host) has no \(loop)") }
                    reusingSources[host] = text.replacingOccurrences(of: loop, with: "{{{" + partial.contextName + "}}}")
                } else {
                    reusingSources[host] = "{{{" + partial.contextName + "}}}"
                }
            }
            if !hosts.isEmpty { reused.insert(partial) }
        }
        // The breadcrumb links have no partial of their own: their loop is rendered as one.
        written[SiteReusedPartial.breadcrumbs.template] = BuiltInTemplates.breadcrumbLinksLoop
        reusingSources[SiteReusedPartial.breadcrumbs.template] = BuiltInTemplates.breadcrumbLinksLoop
        library = try Self.library(written)
        reusing = reused.isEmpty ? library : try Self.library(reusingSources)
        self.reused = reused
        reusingPages = BuiltInTemplates.pages.subtracting(overridden)
        self.stylesheet = stylesheet
        self.fingerprint = fingerprint
        self.sources = sources
        self.overridden = overridden
    }

    /// The same theme with the words that are the same on every page of the site folded into its
    /// built-in templates: each page comes out the same, with fewer tags to look up.
    func folding(_ constants: SiteThemeConstants) throws -> SiteTheme {
        try SiteTheme(sources: sources, overridden: overridden, stylesheet: stylesheet, fingerprint: fingerprint, constants: constants)
    }

    private static func library(_ sources: [String: String]) throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for name in sources.keys.sorted() {
            do {
                try library.register(SiteHTMLContentType.pragma + sources[name]!, named: name)
            } catch {
                throw SiteError("template \(name) cannot be parsed: \(error)")
            }
        }
        return library
    }

    private static func read(_ file: URL) throws -> String {
        do {
            return try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw SiteError("theme file \(file.path) cannot be read: \(SystemErrorText.cause(of: error))")
        }
    }

    /// Renders a page. A built-in page template reads the reused partials' text from `context` (its
    /// `reused…` values), which the caller fills for each partial in ``reused``.
    func render(_ context: SitePageContext, template: String) throws -> String {
        let library = reusingPages.contains(template) ? reusing : library
        guard let text = library.render(context, withTemplate: template) else {
            throw SiteError("the theme has no template named \(template)")
        }
        return text
    }

    /// Renders one reused partial on its own, for `context` (an entry, or the page for the header,
    /// footer and breadcrumb links).
    func render(_ partial: SiteReusedPartial, for context: Any) -> String {
        library.render(context, withTemplate: partial.template) ?? ""
    }
}

/// A partial a build renders once per key and reuses (``SiteTheme``).
enum SiteReusedPartial: String, CaseIterable, Sendable {
    case storyCard, relatedStory, header, footer
    /// The loop over a list's or story's breadcrumb links (in `list` and `story`; no partial of its own).
    case breadcrumbs

    /// The templates whose text is swapped: those holding the loop over the cards (`storyList`), over
    /// the related stories (`story`) or over the breadcrumb links; the header and footer are swapped whole.
    var hosts: [String] {
        switch self {
        case .storyCard: ["storyList"]
        case .relatedStory: ["story"]
        case .header, .footer: [rawValue]
        case .breadcrumbs: ["list", "story"]
        }
    }

    var loop: String? {
        switch self {
        case .storyCard: BuiltInTemplates.storyCardsLoop
        case .relatedStory: BuiltInTemplates.relatedLoop
        case .header, .footer: nil
        case .breadcrumbs: BuiltInTemplates.breadcrumbLinksLoop
        }
    }

    /// The template the text is rendered with.
    var template: String { self == .breadcrumbs ? "_breadcrumbLinks" : rawValue }

    /// The page context's name for the rendered text (``SitePageContext``'s `reused…` values).
    var contextName: String { "_reused_" + rawValue }

    /// Whether a theme folder's version of the partial reads only what its key covers (and, for a
    /// story's, holds no zero byte: ``SiteStoryFragments/marker``).
    func reusable(_ source: String) -> Bool {
        switch self {
        case .storyCard, .relatedStory: !source.utf8.contains(0) && SiteTemplateNames.readsOnly(source, Set(SiteEntryContext.names + ["."]))
        case .header, .footer: SiteTemplateNames.readsOnly(source, ["root", "siteTitle", "lang", "labels", "."], under: ["labels."])
        case .breadcrumbs: false
        }
    }
}

/// The words of a site's pages that are the same on every page: folded into the built-in templates as text.
struct SiteThemeConstants: Sendable {
    var values: [String: String]

    init(title: String, language: String, labels: [String: String]) {
        // `siteName` is the Open Graph block's (`{{#og}}`), always the site's title.
        values = ["siteTitle": title, "lang": language, "siteName": title]
        for (key, label) in labels { values["labels." + key] = label }
    }

    /// `source` with each `{{name}}` of a constant replaced by its escaped text, unless that text could
    /// read as a tag (a brace) or is blank (which could make its line a standalone tag's).
    func fold(into source: String) -> String {
        var folded = source
        for (name, value) in values {
            let tag = "{{" + name + "}}"
            guard folded.contains(tag) else { continue }
            let text = SiteEscaping.html(value)
            guard !text.contains("{"), !text.contains("}"), text.contains(where: { !$0.isWhitespace }) else { continue }
            folded = folded.replacingOccurrences(of: tag, with: text)
        }
        return folded
    }
}

/// A site that cannot be built, as a sentence naming what is wrong.
public struct SiteError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// How the theme's `{{value}}` tags escape: ``SiteEscaping/html(_:)``, byte by byte, instead of
/// swift-mustache's own escaper (character by character through a dictionary: a seventh of a full
/// build's CPU, and blind to a quote followed by a combining mark). Every template, the built-in ones
/// and a theme folder's alike, starts with ``pragma`` (a line of its own, which Mustache drops), since
/// a partial starts again with the default escaping. `{{{value}}}` stays unescaped.
struct SiteHTMLContentType: MustacheContentType {
    static let name = "NEWSMILL_HTML"

    /// Registers the content type (once) and gives the line that selects it.
    static let pragma: String = {
        MustacheContentTypes.register(SiteHTMLContentType(), named: name)
        return "{{% CONTENT_TYPE: \(name) }}\n"
    }()

    func escapeText(_ text: String) -> String { SiteEscaping.html(text) }
}
