import ArgumentParser
import Foundation
import NewsCore
import StoreSQLite

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show, per source, the last fetch, the last success, item counts and the last error."
    )

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "newsmill.yaml"

    func run() async throws {
        let settings = try Pipeline.settings(config)
        let store = try Pipeline.store(settings)
        let formatter = ISO8601DateFormatter()
        for status in try await Pipeline.readingArchive(settings, { try await store.statuses() }) {
            print(status.label)
            print("  items: \(status.itemCount)")
            if status.duplicateCount > 0 { print("  of which copies of items from elsewhere: \(status.duplicateCount)") }
            print("  last fetch: \(status.lastFetch.map(formatter.string) ?? "never")")
            print("  last success: \(status.lastSuccess.map(formatter.string) ?? "never")")
            print("  failures on record: \(status.errorCount)")
            if let error = status.lastError { print("  last error: \(error)") }
        }
    }
}
