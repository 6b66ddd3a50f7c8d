import ArgumentParser
import Foundation
import NewsConfig
import HTML5Parser
import NewsCore
import StoreSQLite

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show every version of an item's title and text the archive kept, and what changed.",
        discussion: """
            LINK is the item's link (normalised as for de-duplication) or its archive key. Each version is \
            printed with the time it was stored and what changed from the one before: the title, the text \
            (with its size difference in characters) and where the text came from (the feed or the item's page).
            """
    )

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "newsmill.yaml"

    @Argument(help: "The item's link or archive key.")
    var link: String

    func run() async throws {
        let settings = try Pipeline.settings(config)
        let store = try Pipeline.store(settings)
        let histories = try await Pipeline.readingArchive(settings) { try await store.history(link) }
        guard !histories.isEmpty else {
            printError("newsmill: \(link) is not in the archive")
            throw ExitCode.failure
        }
        for history in histories {
            print(Self.describe(history), terminator: "")
        }
    }

    static func describe(_ history: ItemHistory) -> String {
        let formatter = ISO8601DateFormatter()
        var lines = [history.item.title, "  key: \(history.item.key)"]
        if let link = history.item.link { lines.append("  link: \(link)") }
        if let original = history.item.duplicateOf { lines.append("  a copy of \(original)") }
        lines.append("  now: \(textLength(history.item.html)) characters from the \(history.item.contentOrigin.rawValue)")
        var previous: ItemVersion?
        for version in history.versions {
            lines.append("  \(formatter.string(from: version.seenAt))  " + changes(from: previous, to: version).joined(separator: "; "))
            previous = version
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What changed between two versions, in words: "title changed: “a” → “b”", "text changed: +120
    /// characters", "origin feed → page".
    static func changes(from previous: ItemVersion?, to version: ItemVersion) -> [String] {
        guard let previous else {
            return ["first version: “\(version.title)”, \(textLength(version.html)) characters from the \(version.contentOrigin.rawValue)"]
        }
        var changes: [String] = []
        if previous.title != version.title { changes.append("title changed: “\(previous.title)” → “\(version.title)”") }
        if previous.html != version.html {
            let delta = textLength(version.html) - textLength(previous.html)
            changes.append("text changed: \(delta >= 0 ? "+" : "−")\(abs(delta)) characters")
        }
        if previous.contentOrigin != version.contentOrigin {
            changes.append("origin \(previous.contentOrigin.rawValue) → \(version.contentOrigin.rawValue)")
        }
        return changes.isEmpty ? ["stored again, unchanged"] : changes
    }

    static func textLength(_ html: String) -> Int {
        HTMLParser.parseFragment(html, context: "div").textContent.filter { !$0.isWhitespace }.count
    }
}
