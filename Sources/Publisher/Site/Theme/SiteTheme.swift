import Foundation
import Mustache
import NewsCore

/// The templates a site renders with: the built-in ones, each overridden by a file of the same name
/// in the `theme:` folder (`story.mustache`, `head.mustache`, …; `site.css` replaces the stylesheet).
struct SiteTheme: Sendable {
    let library: MustacheLibrary
    let stylesheet: String
    /// Changes whenever a template or the stylesheet changes, so that every page is rendered again.
    let fingerprint: String

    init(folder: URL?) throws {
        var sources = BuiltInTemplates.all
        var stylesheet = Stylesheet.css
        if let folder {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if names.isEmpty, !FileManager.default.fileExists(atPath: folder.path) {
                throw SiteError("theme folder \(folder.path) does not exist")
            }
            for name in names.sorted() {
                let file = folder.appendingPathComponent(name)
                if name.hasSuffix(".mustache") {
                    sources[String(name.dropLast(".mustache".count))] = try Self.read(file)
                } else if name == "site.css" {
                    stylesheet = try Self.read(file)
                }
            }
        }
        var library = MustacheLibrary()
        for name in sources.keys.sorted() {
            do {
                try library.register(SiteHTMLContentType.pragma + sources[name]!, named: name)
            } catch {
                throw SiteError("template \(name) cannot be parsed: \(error)")
            }
        }
        self.library = library
        self.stylesheet = stylesheet
        // The escaping is part of what a page is made from: a site built with another escaper is rendered again.
        fingerprint = StableHash.hex(
            SiteHTMLContentType.pragma + sources.keys.sorted().map { $0 + "\u{1F}" + sources[$0]! }.joined(separator: "\u{1E}") + stylesheet)
    }

    private static func read(_ file: URL) throws -> String {
        do {
            return try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw SiteError("theme file \(file.path) cannot be read: \(SystemErrorText.cause(of: error))")
        }
    }

    func render(_ context: SitePageContext, template: String) throws -> String {
        guard let text = library.render(context, withTemplate: template) else {
            throw SiteError("the theme has no template named \(template)")
        }
        return text
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
