import Aggregator
import ArgumentParser
import Fetching
import Foundation
import NewsConfig
import NewsCore
import Publisher
import StoreSQLite
#if canImport(Glibc)
import Glibc
#endif

/// `newsmill build`: every output written again from the archive, without fetching anything.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Rebuild every output (posts, the site) from the archive, without fetching feeds or pages.",
        discussion: """
            What is pending is published first (removals included); then each output's publish cursor is \
            reset and the whole archive is published to it again, and whole-site outputs rebuild their \
            lists, feeds and sitemap. Files whose content is already right are left untouched. A site with \
            `images: archive` downloads the images it has no copy of yet (and may still try). \
            Exit status: 0 when every output was built; 1 when the configuration, the archive or an output \
            cannot be used; 75 when another run holds the archive.
            """
    )

    /// One malloc arena for the whole process, set before any thread allocates. The build's threads
    /// (the archive's readers, the concurrency pool) each got an arena of their own and left memory
    /// spread over them: a 10,000-story site build peaked at 104 MiB with glibc's default, 87 MiB with one
    /// arena, for the same CPU time.
    static func configureMalloc() {
        GlibcMalloc.useOneArena()
    }

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "newsmill.yaml"

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() async throws {
        let settings = try Pipeline.settings(config)
        let lock = try Pipeline.lock(settings)
        defer { lock.release() }
        let checked = try Pipeline.publishers(settings)
        let store = try Pipeline.store(settings)
        let fetcher = settings.outputs.contains(where: \.archivesImages)
            ? HTTPFetcher(policy: settings.fetch, logger: Log.logger(label: "newsmill.fetch")) : nil
        let publishers = fetcher.map { settings.publishers(images: $0, warn: Pipeline.warnAboutImage) } ?? checked
        let queue = PublicationQueue(store: store, publishers: publishers, sources: settings.sources)
        let started = Date()
        let result: PublishResult
        do {
            result = try await Pipeline.readingArchive(settings) {
                // Rules changed since the archive's items were decided: decide them again first, so the
                // outputs get what the rules now keep (the journal's new revisions are published below).
                let redecision = await RuleRedecision.ifRulesChanged(store: store, rules: settings.topicRules, sources: settings.sources)
                if let error = redecision.error { printError("newsmill: \(error)") }
                if redecision.changed > 0 && !quiet { print("rules changed: \(redecision.changed) archived item(s) decided again") }
                // Pending removals reach every output first; then, with no cursor left, every output gets
                // the whole archive again.
                var total = try await queue.drain()
                try await store.pruneJournal(keeping: [])
                total = total + (try await queue.finish())
                return total
            }
            try? await fetcher?.shutdown()
        } catch let exit as ExitCode {
            try? await fetcher?.shutdown()
            throw exit
        } catch {
            try? await fetcher?.shutdown()
            printError("newsmill: build stopped: \(error)")
            throw ExitCode.failure
        }
        if !quiet {
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            print("built: \(result.written) file(s) written, \(result.removed) removed in \(seconds) s; outputs: "
                + publishers.map(\.summary).joined(separator: ", "))
        }
    }
}
