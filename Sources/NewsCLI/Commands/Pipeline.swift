import Aggregator
import ArgumentParser
import Fetching
import Foundation
import NewsConfig
import NewsCore
import Publisher
import StoreSQLite

/// Everything a run or the daemon works with, opened from the configuration. Each failure to set
/// up is printed as a sentence naming the path and the cause, and ends the command (1, or 75 when
/// another run holds the archive). The outputs are checked before the archive is opened, so a
/// run that cannot write its posts never leaves a new archive behind.
struct Pipeline: Sendable {
    let settings: NewsmillConfig
    let lock: RunLock
    let store: SQLiteArticleStore
    let fetcher: HTTPFetcher
    let aggregator: Aggregator

    /// The validated configuration, or exit 1 with every problem printed.
    static func settings(_ config: String) throws -> NewsmillConfig {
        do {
            return try ConfigLoader.load(config)
        } catch {
            printError("newsmill: invalid configuration\n\(error)")
            throw ExitCode.failure
        }
    }

    /// The archive's run lock, or exit 75 when another run holds it: one writer at a time per
    /// archive, so an overlapping cron run waits for nothing and says so. A directory or lock
    /// file that cannot be created is exit 1.
    static func lock(_ settings: NewsmillConfig) throws -> RunLock {
        do {
            try DirectoryProblem.create(
                URL(fileURLWithPath: settings.storePath).deletingLastPathComponent(), what: "cannot create the archive's directory")
            return try RunLock(path: settings.storePath + ".lock")
        } catch let busy as RunLock.Busy {
            printError("newsmill: \(busy)")
            throw ExitCode(75)
        } catch {
            printError("newsmill: \(error)")
            throw ExitCode.failure
        }
    }

    /// The archive, or exit 1 with what is wrong with it and what to do.
    /// - Parameter acceptingEmptyFile: `--new-archive`: a 0-byte file becomes a new archive.
    static func store(_ settings: NewsmillConfig, acceptingEmptyFile: Bool = false) throws -> SQLiteArticleStore {
        do {
            return try SQLiteArticleStore(path: settings.storePath, acceptingEmptyFile: acceptingEmptyFile)
        } catch var error as ArchiveError {
            let directory = URL(fileURLWithPath: settings.storePath).deletingLastPathComponent()
            if case .cannotCreate = error.reason, let problem = DirectoryProblem.fileInTheWay(of: directory) {
                error.reason = .cannotCreate(problem.hasPrefix("it ") ? "\(directory.path) is a file, not a directory" : problem)
            }
            printError("newsmill: " + ArchiveAdvice.sentence(for: error))
            throw ExitCode.failure
        } catch {
            printError("newsmill: cannot open the archive \(settings.storePath): \(error)")
            throw ExitCode.failure
        }
    }

    /// `body`'s result; when it finds the archive damaged, exit 1 with the archive named and what to do.
    static func readingArchive<Result>(_ settings: NewsmillConfig, _ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch {
            guard let damage = SQLiteArticleStore.damage(in: error, path: settings.storePath) else { throw error }
            printError("newsmill: " + ArchiveAdvice.sentence(for: damage))
            throw ExitCode.failure
        }
    }

    /// The publishers of every output, each directory created, proven writable and cleared of what
    /// a killed run left half-written; or exit 1 naming the directory and the cause.
    static func publishers(_ settings: NewsmillConfig, images: (any ImageLoader)? = nil) throws -> [any Publisher] {
        let publishers = settings.publishers(images: images, warn: warnAboutImage)
        for directory in publishers.flatMap(\.directories) {
            do {
                try OutputDirectory.prepare(directory)
            } catch {
                printError("newsmill: \(error)")
                throw ExitCode.failure
            }
        }
        return publishers
    }

    /// An image a site could not copy (`images: archive`): a warning on stderr, and the run goes on.
    static let warnAboutImage: @Sendable (String) -> Void = { printError("newsmill: warning: \($0)") }

    static func open(config: String, newArchive: Bool = false) throws -> Pipeline {
        let settings = try settings(config)
        let lock = try lock(settings)
        let publishers: [any Publisher]
        let store: SQLiteArticleStore
        do {
            publishers = try Self.publishers(settings)
            store = try Self.store(settings, acceptingEmptyFile: newArchive)
        } catch {
            lock.release()
            throw error
        }
        let fetcher = HTTPFetcher(policy: settings.fetch, logger: Log.logger(label: "newsmill.fetch"))
        let loader = SourceLoader(files: FileDocumentLoader(maximumBytes: settings.fetch.maxFeedBytes), network: fetcher)
        // The same publishers, now with the fetcher for the images of sites that copy them (feeds, pages
        // and images share one set of per-host limits).
        let publishing = settings.outputs.contains(where: \.archivesImages)
            ? settings.publishers(images: fetcher, warn: warnAboutImage) : publishers
        var aggregator = Aggregator(store: store, loader: loader, publishers: publishing,
                                    concurrency: settings.fetch.globalConcurrency)
        aggregator.retention = settings.retention
        aggregator.knownSources = settings.sources
        aggregator.siteRules = settings.siteRules
        aggregator.topicRules = settings.topicRules
        aggregator.isFatal = { SQLiteArticleStore.damage(in: $0, path: "") != nil }
        return Pipeline(settings: settings, lock: lock, store: store, fetcher: fetcher, aggregator: aggregator)
    }

    func close() async {
        try? await fetcher.shutdown()
        lock.release()
    }

    /// When the report's run was stopped by a damaged archive: the sentence to print, naming the
    /// archive and what to do.
    func stopMessage(_ report: RunReport) -> String? {
        guard let error = report.fatalError else { return nil }
        let damage = SQLiteArticleStore.damage(in: error, path: settings.storePath)
            ?? ArchiveError(path: settings.storePath, reason: .damaged("\(error)"))
        return "newsmill: " + ArchiveAdvice.sentence(for: damage) + " The run stopped without trying the remaining sources."
    }

    var outputsDescription: String {
        aggregator.publishers.map(\.summary).joined(separator: ", ")
    }
}
