import Aggregator
import ArgumentParser
import Fetching
import Foundation
import NewsCore
import Publisher
import StoreSQLite

/// Everything a run or the daemon works with, opened from the configuration. Each failure to set
/// up is printed with its cause and ends the command (1, or 75 when another run holds the archive).
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
    /// archive, so an overlapping cron run waits for nothing and says so.
    static func lock(_ settings: NewsmillConfig) throws -> RunLock {
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: settings.storePath).deletingLastPathComponent(), withIntermediateDirectories: true)
            return try RunLock(path: settings.storePath + ".lock")
        } catch {
            printError("newsmill: \(error)")
            throw ExitCode(75)
        }
    }

    static func open(config: String) throws -> Pipeline {
        let settings = try settings(config)
        let lock = try lock(settings)
        let store: SQLiteArticleStore
        do {
            store = try SQLiteArticleStore(path: settings.storePath)
        } catch {
            lock.release()
            printError("newsmill: cannot open the store at \(settings.storePath): \(error)")
            throw ExitCode.failure
        }
        var publishers: [any Publisher] = []
        for output in settings.outputs {
            switch output {
            case .hexo(let options):
                do {
                    try OutputDirectory.prepare(options.directory)
                } catch {
                    lock.release()
                    printError("newsmill: output directory \(options.directory.path) is not writable: \(error)")
                    throw ExitCode.failure
                }
                publishers.append(HexoPublisher(options: options))
            }
        }
        let fetcher = HTTPFetcher(policy: settings.fetch, logger: Log.logger(label: "newsmill.fetch"))
        let loader = SourceLoader(files: FileDocumentLoader(maximumBytes: settings.fetch.maxFeedBytes), network: fetcher)
        var aggregator = Aggregator(store: store, loader: loader, publishers: publishers,
                                    concurrency: settings.fetch.globalConcurrency)
        aggregator.retention = settings.retention
        aggregator.knownSources = settings.sources
        aggregator.siteRules = settings.siteRules
        return Pipeline(settings: settings, lock: lock, store: store, fetcher: fetcher, aggregator: aggregator)
    }

    func close() async {
        try? await fetcher.shutdown()
        lock.release()
    }

    var outputsDescription: String {
        settings.outputs.map { output -> String in
            switch output { case .hexo(let options): "hexo → \(options.directory.path)" }
        }.joined(separator: ", ")
    }
}
