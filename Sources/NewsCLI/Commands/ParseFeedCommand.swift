import ArgumentParser
import FeedParsing
import Foundation
import NewsCore

struct ParseFeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse-feed",
        abstract: "Parse an RSS, Atom or JSON feed and print what Newsmill reads from it.",
        discussion: "Dates are resolved in --timezone when they carry no offset, and printed in ISO 8601 UTC."
    )

    @Argument(help: "The feed file, or - for standard input.")
    var file: String?

    @Flag(help: "Print JSON (format, bozo, warnings, feed, entries).")
    var json = false

    @OptionGroup var zone: TimeZoneOption

    @Option(help: "The charset the server declared, if any.")
    var charset: String?

    func run() async throws {
        let timeZone = try zone.resolved()
        let bytes = try HTMLCommand.readInput(file)
        let feed: Feed
        do {
            feed = try FeedParser.parse(bytes, transportCharset: charset)
        } catch {
            FileHandle.standardError.write(Data("newsmill: \(file ?? "-"): \(error)\n".utf8))
            throw ExitCode(1)
        }
        let dates = NewsDateParser(timeZone: timeZone)
        if json {
            print(FeedJSON.render(feed, dates: dates))
        } else {
            print("\(feed.format.rawValue) · \(feed.encoding) · \(feed.title ?? "(no title)") · \(feed.entries.count) entries")
            for warning in feed.warnings { print("warning: \(warning)") }
            for entry in feed.entries {
                let date = (entry.rawPublished ?? entry.rawUpdated).flatMap(dates.parse).map(JSONText.iso8601) ?? "no date"
                print("- \(date)  \(entry.title ?? "(untitled)")  \(entry.link ?? "")")
            }
        }
    }
}

struct ParseDateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse-date",
        abstract: "Resolve a date string as Newsmill would, and print it in ISO 8601 UTC.",
        discussion: "Exits with status 1 and the reason when the string names no single instant."
    )

    @Argument(help: "The date string, e.g. '2024年05月01日 10:00' or '3分钟前'.")
    var string: String

    @OptionGroup var zone: TimeZoneOption

    @Option(help: "The fetch time that relative dates are resolved against (ISO 8601).")
    var now: String?

    func run() async throws {
        let timeZone = try zone.resolved()
        var reference = Date()
        if let now {
            guard let parsed = ISO8601DateFormatter().date(from: now) else { throw ValidationError("--now is not ISO 8601: \(now)") }
            reference = parsed
        }
        switch NewsDateParser(timeZone: timeZone, now: reference).resolve(string) {
        case .success(let date):
            print(JSONText.iso8601(date))
        case .failure(let rejection):
            FileHandle.standardError.write(Data("newsmill: cannot read \"\(string)\" as a date: \(rejection)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// `--timezone`, shared by the commands that read dates.
struct TimeZoneOption: ParsableArguments {
    @Option(help: "Time zone for times without an offset (and for CST).")
    var timezone: String = "Asia/Shanghai"

    func resolved() throws -> TimeZone {
        guard let zone = TimeZone(identifier: timezone) else { throw ValidationError("unknown time zone \(timezone)") }
        return zone
    }
}
