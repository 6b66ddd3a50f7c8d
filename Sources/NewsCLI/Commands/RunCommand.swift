import Aggregator
import ArgumentParser
import Fetching
import Foundation
import NewsCore
import Publisher
import StoreSQLite

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Fetch every source, archive new items and write their posts.",
        discussion: """
            Exit status: 0 when the run completed (sources that failed are reported on stderr and the \
            others are processed); 1 when nothing could run (invalid configuration, unusable store or output).
            """
    )

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "newsmill.yaml"

    @Flag(help: "Run once and exit (for cron). Required until the daemon arrives.")
    var once = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() async throws {
        guard once else {
            throw ValidationError("only --once is supported for now: add --once (the daemon comes with the scheduler)")
        }
        let settings: NewsmillConfig
        do {
            settings = try ConfigLoader.load(config)
        } catch {
            printError("newsmill: invalid configuration\n\(error)")
            throw ExitCode.failure
        }
        // One run at a time per archive: an overlapping cron run waits for nothing and says so.
        let lock: RunLock
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: settings.storePath).deletingLastPathComponent(), withIntermediateDirectories: true)
            lock = try RunLock(path: settings.storePath + ".lock")
        } catch {
            printError("newsmill: \(error)")
            throw ExitCode(75)
        }
        defer { lock.release() }
        let store: SQLiteArticleStore
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: settings.storePath).deletingLastPathComponent(), withIntermediateDirectories: true)
            store = try SQLiteArticleStore(path: settings.storePath)
        } catch {
            printError("newsmill: cannot open the store at \(settings.storePath): \(error)")
            throw ExitCode.failure
        }
        var publishers: [any ItemPublisher] = []
        for output in settings.outputs {
            switch output {
            case .hexo(let options):
                do {
                    try OutputDirectory.prepare(options.directory)
                } catch {
                    printError("newsmill: output directory \(options.directory.path) is not writable: \(error)")
                    throw ExitCode.failure
                }
                publishers.append(HexoItemPublisher(publisher: HexoPublisher(options: options)))
            }
        }
        let fetcher = HTTPFetcher(policy: settings.fetch)
        let loader = SourceLoader(files: FileDocumentLoader(maximumBytes: settings.fetch.maxFeedBytes), network: fetcher)
        var aggregator = Aggregator(store: store, loader: loader, publishers: publishers,
                                    concurrency: settings.fetch.globalConcurrency)
        aggregator.retention = settings.retention
        let report = await aggregator.run(settings.sources)
        try? await fetcher.shutdown()
        for result in report.results {
            if let error = result.error {
                printError("newsmill: source failed: \(error)")
            } else if !quiet {
                print("\(result.source.site) / \(result.source.channel): " + Self.summary(result))
            }
        }
        if !quiet {
            let outputs = settings.outputs.map { output -> String in
                switch output { case .hexo(let options): "hexo → \(options.directory.path)" }
            }
            print("done: \(report.inserted) new, \(report.updated) updated, \(report.filesWritten) file(s) written, "
                  + "\(report.failures.count) source(s) failed; outputs: \(outputs.joined(separator: ", "))")
        }
    }
}

extension RunCommand {
    static func summary(_ result: RunReport.SourceResult) -> String {
        if result.notModified { return "not modified (304)" }
        var parts = ["\(result.inserted) new", "\(result.updated) updated", "\(result.unchanged) unchanged",
                     "\(result.duplicates) duplicate"]
        if result.tombstoned > 0 { parts.append("\(result.tombstoned) tombstoned") }
        if result.expired > 0 { parts.append("\(result.expired) expired") }
        parts.append("\(result.filesWritten) file(s) written")
        if !result.warnings.isEmpty { parts.append("\(result.warnings.count) feed warning(s)") }
        return parts.joined(separator: ", ")
    }
}

struct HexoItemPublisher: ItemPublisher {
    var publisher: HexoPublisher

    func publish(_ item: Item, source: Source) throws -> Bool {
        try publisher.publish(item, source: source) == .written
    }
}

enum OutputDirectory {
    /// Creates the directory, proves it is writable, and clears what a killed run left half-written.
    static func prepare(_ directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        guard FileManager.default.isWritableFile(atPath: directory.path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: directory.path])
        }
        AtomicFileWriter.removeStaleTemporaries(in: directory)
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// An exclusive `flock` on a file beside the archive, held for the whole run. The kernel drops it
/// when the process dies, so a killed run never leaves a stale lock.
final class RunLock {
    private let descriptor: Int32

    struct Busy: Error, CustomStringConvertible {
        var path: String
        var description: String { "another newsmill run holds \(path); not starting a second one" }
    }

    init(path: String) throws {
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw Busy(path: path)
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
