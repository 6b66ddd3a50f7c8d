import Aggregator
import ArgumentParser
import Foundation
import NewsConfig
import Logging
import NewsCore
import ServiceLifecycle
import UnixSignals

struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Keep running: fetch each source on its own schedule until SIGTERM or SIGINT.",
        discussion: """
            Each source is fetched every `interval` (default 15m; set it globally, per group or per source), \
            or less often when its feed's ttl or the server's Cache-Control asks; a failing source backs off \
            exponentially (up to 6h). On SIGTERM or SIGINT the daemon starts nothing new, lets the sources in \
            flight finish (each is bounded by the fetch timeouts), and exits 0. A damaged archive stops it \
            with exit 1.
            """
    )

    @Option(name: .shortAndLong, help: "The configuration file.")
    var config: String = "newsmill.yaml"

    @Flag(help: "Accept an empty (0-byte) archive file as a new archive. Without it such a file is refused: it is an archive that lost its history and tombstones.")
    var newArchive = false

    func run() async throws {
        let pipeline = try Pipeline.open(config: config, newArchive: newArchive)
        let logger = Log.logger(label: "newsmill.daemon")
        let service = SchedulerService(pipeline: pipeline, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            await pipeline.close()
            throw error
        }
        await pipeline.close()
        logger.info("stopped")
    }
}

/// The daemon's loop as a ServiceLifecycle service: run what is due, sleep until the next source
/// falls due, and on graceful shutdown stop between rounds.
struct SchedulerService: Service {
    let pipeline: Pipeline
    let logger: Logger

    func run() async throws {
        var schedule = FetchSchedule(sources: pipeline.settings.sources.map { ($0, $0.interval) }, start: Date())
        logger.info("started", metadata: ["sources": "\(pipeline.settings.sources.count)"])
        while !Task.isShuttingDownGracefully {
            let now = Date()
            let due = schedule.due(at: now)
            if !due.isEmpty {
                let progress = ProgressDisplay(total: due.count, enabled: true)
                // In-flight sources finish even when shutdown is requested meanwhile: every write is
                // atomic, but finishing avoids fetching the same feeds again on the next start.
                let report = await pipeline.aggregator.run(due) { result in progress.record(result) }
                progress.finish()
                if let stop = pipeline.stopMessage(report) {
                    printError(stop)
                    throw ExitCode.failure
                }
                for result in report.results { schedule.record(result, at: Date()) }
                logger.info("round done", metadata: [
                    "sources": "\(due.count)", "new": "\(report.inserted)", "updated": "\(report.updated)",
                    "duplicates": "\(report.duplicates)", "failed": "\(report.failures.count)",
                ])
            }
            guard let wake = schedule.nextWake else { break }
            // Woken at least hourly, so that no wait, however long, overflows the sleep's milliseconds.
            let wait = min(3600, max(0.05, wake.timeIntervalSinceNow))
            logger.debug("sleeping", metadata: ["seconds": "\(String(format: "%.1f", wait))"])
            do {
                try await cancelWhenGracefulShutdown {
                    try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
                }
            } catch {
                break  // shutdown requested while sleeping
            }
        }
        logger.info("shutting down")
    }
}
