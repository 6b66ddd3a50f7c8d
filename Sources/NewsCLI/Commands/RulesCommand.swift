import ArgumentParser
import Foundation
import NewsConfig
import NewsCore
import StoreSQLite
import Topics

/// `newsmill rules test`: how the configured rules decide the archived items, and which rule decided each.
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Try keep/block rules, topics and tags on the archive.",
        subcommands: [Test.self]
    )

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Show, for every archived item, whether the configured rules publish it and which rule decided.",
            discussion: """
                Reads the configuration's rules as they are now (not as they were when the items were \
                archived), so a rule can be tried before a run publishes by it. Each line: kept or \
                blocked, the title, the deciding rule; then the item's topics and tags, and the decision \
                of each output that has rules of its own.
                """
        )

        @Option(name: .shortAndLong, help: "The configuration file.")
        var config: String = "newsmill.yaml"

        @Option(help: "Only the source whose site, channel or URL is this.")
        var source: String?

        func run() async throws {
            let settings = try Pipeline.settings(config)
            let sources = settings.sources.filter { source == nil || [$0.site, $0.channel, $0.url].contains(source!) }
            guard !sources.isEmpty else {
                throw ValidationError("no configured source has the site, channel or URL '\(source ?? "")'")
            }
            guard FileManager.default.fileExists(atPath: settings.storePath) else {
                throw ValidationError("there is no archive at \(settings.storePath) yet: run `newsmill run --once` first")
            }
            let store = try Pipeline.store(settings)
            let rules = settings.topicRules
            let outputsWithRules = settings.outputs.indices.filter(rules.hasRules(forOutput:))
            var kept = 0
            var blocked = 0
            for configured in sources {
                let items = try await Pipeline.readingArchive(settings) { try await store.items(sourceKey: configured.key) }
                print("\(configured.label): \(items.count) item(s)")
                for item in items where item.duplicateOf == nil {
                    var item = item
                    let decision = rules.decide(item, source: configured)
                    item.topics = decision.topics
                    item.tags = decision.tags
                    if decision.isKept { kept += 1 } else { blocked += 1 }
                    print("  \(decision.isKept ? "kept   " : "blocked") \(item.title) — \(decision.explanation)")
                    if !decision.topics.isEmpty { print("          topics: \(decision.topics.joined(separator: ", "))") }
                    if !decision.tags.isEmpty { print("          tags: \(decision.tags.joined(separator: ", "))") }
                    for index in outputsWithRules where decision.isKept {
                        print("          outputs[\(index)]: \(rules.decide(item, output: index).explanation)")
                    }
                }
            }
            print("\(kept + blocked) item(s): \(kept) kept, \(blocked) filtered out")
        }
    }
}
