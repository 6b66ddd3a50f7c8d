import Aggregator
import ArgumentParser
import Fetching
import Foundation
import NewsConfig
import NewsCore
import Publisher
import StoreSQLite

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Fetch every source, archive new items and write their posts.",
        discussion: """
            Exit status: 0 when the run completed (sources that failed are reported on stderr and the \
            others are processed); 1 when nothing could run (invalid configuration, unusable store or output) \
            or the archive turned out damaged during the run; 75 when another run holds the archive.
            """
    )

    /// Two malloc arenas for the whole process, set before any thread allocates. With glibc's default
    /// each thread that allocated (the concurrency pool's, the archive's readers and writer, the
    /// fetcher's) kept an arena of its own, and what one freed the others did not reuse: a cold import
    /// of 2,000 feeds with a Hexo output peaked at 105–115 MB against 78 MB with one arena (86–88 MB
    /// against 67 MB at 500 feeds). With one arena, though, the pool's two threads waited for each
    /// other's allocations: half of a cold import's 50,000 voluntary context switches were that lock.
    /// Two arenas halved them for about 1 MB more at its peak, and about 7 % less CPU. See BENCHMARKS.md,
    /// "Peak memory of a cold import".
    ///
    /// A second arena's heap grows by exactly what each allocation lacks, one `mprotect` a page (glibc
    /// pads only the main heap's growth), except for the padding it starts with: a re-run that parsed a
    /// 3,000-item feed made 3,177 `mprotect` calls, 12 % of its samples. A 16 MB pad (address space;
    /// pages count only once used) starts the heap that large: 561 calls, and no higher peak RSS.
    static func configureMalloc() {
        GlibcMalloc.limitArenas(to: 2)
        GlibcMalloc.set(.topPad, to: 16 << 20)
    }

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "newsmill.yaml"

    @Flag(help: "Run once and exit (for cron). `newsmill daemon` keeps running on a schedule instead.")
    var once = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Accept an empty (0-byte) archive file as a new archive. Without it such a file is refused: it is an archive that lost its history and tombstones.")
    var newArchive = false

    func run() async throws {
        guard once else {
            throw ValidationError("add --once to run once (for cron), or use `newsmill daemon` to keep running")
        }
        let pipeline = try Pipeline.open(config: config, newArchive: newArchive)
        let progress = ProgressDisplay(total: pipeline.settings.sources.count, enabled: !quiet)
        let report = await pipeline.aggregator.run(pipeline.settings.sources) { result in progress.record(result) }
        progress.finish()
        await pipeline.close()
        if let stop = pipeline.stopMessage(report) {
            printError(stop)
            throw ExitCode.failure
        }
        for result in report.results {
            if let error = result.error {
                printError("newsmill: source failed: \(error)")
            } else if !quiet {
                print("\(result.source.site) / \(result.source.channel): " + Self.summary(result))
            }
            // A list page's selectors that match nothing are the operator's to fix: say which.
            if result.source.listing != nil {
                for warning in result.warnings { printError("newsmill: warning: \(warning)") }
            }
        }
        if let rulesError = report.rulesError { printError("newsmill: \(rulesError)") }
        if report.redecided > 0 && !quiet { print("rules changed: \(report.redecided) archived item(s) decided again") }
        if let publishError = report.publishError {
            printError("newsmill: publishing stopped: \(publishError); what was not published is published by the next run")
        }
        if !quiet {
            print("done: \(report.inserted) new, \(report.updated) updated, \(report.duplicates) duplicate, "
                  + "\(report.filesWritten) file(s) written, \(report.failures.count) source(s) failed; "
                  + "outputs: \(pipeline.outputsDescription)")
        }
        if report.publishError != nil { throw ExitCode.failure }
    }
}

extension RunCommand {
    static func summary(_ result: RunReport.SourceResult) -> String {
        if result.notModified { return "not modified (304)" }
        var parts = ["\(result.inserted) new", "\(result.updated) updated", "\(result.unchanged) unchanged",
                     "\(result.duplicates) duplicate"]
        if result.tombstoned > 0 { parts.append("\(result.tombstoned) tombstoned") }
        if result.expired > 0 { parts.append("\(result.expired) expired") }
        if result.fullTexts > 0 { parts.append("\(result.fullTexts) full text(s) fetched") }
        if !result.warnings.isEmpty { parts.append("\(result.warnings.count) feed warning(s)") }
        return parts.joined(separator: ", ")
    }
}

enum OutputDirectory {
    /// Creates the directory, proves it is writable, and clears what a killed run left half-written.
    /// - Throws: a ``SetupError`` naming the directory and the cause.
    static func prepare(_ directory: URL) throws {
        try DirectoryProblem.create(directory, what: "cannot use the output directory")
        guard access(directory.path, W_OK) == 0 else {
            throw SetupError(description: "cannot use the output directory \(directory.path): \(SystemErrorText.cause(errno: errno))")
        }
        AtomicFileWriter.removeStaleTemporaries(in: directory)
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// An exclusive `flock` on a file beside the archive, held for the whole run. The kernel drops it
/// when the process dies, so a killed run never leaves a stale lock.
final class RunLock: Sendable {
    private let descriptor: Int32

    struct Busy: Error, CustomStringConvertible {
        var path: String
        var description: String { "another newsmill run holds \(path); not starting a second one" }
    }

    /// - Throws: ``Busy`` when another process holds the lock; a ``SetupError`` when the lock file
    ///   cannot be opened.
    init(path: String) throws {
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SetupError(description: "cannot create the lock file \(path): \(SystemErrorText.cause(errno: errno))")
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
