import Aggregator
import ArgumentParser
import Foundation
import NewsConfig
import NewsCore
import Publisher
import StoreSQLite

struct ForgetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Delete items from the archive and their posts, for good.",
        discussion: """
            Each argument is an item's link (normalised as for de-duplication) or its archive key. The item, \
            its copies from other sources and their posts are deleted, and a tombstone keeps them from being \
            imported again. Forgetting a link never seen yet keeps it out too.
            """
    )

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "newsmill.yaml"

    @Argument(help: "Links or archive keys of the items to forget.")
    var items: [String]

    func run() async throws {
        let settings = try Pipeline.settings(config)
        let lock = try Pipeline.lock(settings)
        defer { lock.release() }
        let store = try Pipeline.store(settings)
        let publishers = settings.outputs.map(\.publisher)
        var forgotten = 0
        for target in items {
            let removed = try await Pipeline.readingArchive(settings) {
                try await store.forget(target, reason: "forgotten by the operator", at: Date())
            }
            if removed.isEmpty { print("\(target): not in the archive; tombstoned so it never will be") }
            forgotten += removed.count
        }
        // The journal now holds the removals: every output drops the posts.
        let published = try await PublicationQueue(store: store, publishers: publishers, sources: settings.sources).finish()
        print("forgot \(forgotten) item(s), removed \(published.removed) post(s)")
    }
}
