import Aggregator
import Foundation
import Logging
import NewsCore
import NIOConcurrencyHelpers

/// What a run is doing, for whoever watches it: on a terminal, one status line redrawn in place
/// (sources done/total, items new/updated/duplicate, errors); otherwise one structured log line
/// per source.
final class ProgressDisplay: Sendable {
    private struct Counts {
        var done = 0
        var new = 0
        var updated = 0
        var duplicates = 0
        var errors = 0
    }

    private let total: Int
    private let interactive: Bool
    private let enabled: Bool
    private let counts = NIOLockedValueBox(Counts())
    private let logger = Log.logger(label: "newsmill.run")

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
        interactive = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    func record(_ result: RunReport.SourceResult) {
        let line = counts.withLockedValue { counts -> String in
            counts.done += 1
            counts.new += result.inserted
            counts.updated += result.updated
            counts.duplicates += result.duplicates
            if result.error != nil { counts.errors += 1 }
            return "\(counts.done)/\(total) sources · \(counts.new) new · \(counts.updated) updated · "
                + "\(counts.duplicates) duplicate · \(counts.errors) error(s)"
        }
        guard enabled else { return }
        if interactive {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        } else {
            var metadata: Logger.Metadata = [
                "source": "\(result.source.label)", "new": "\(result.inserted)", "updated": "\(result.updated)",
                "duplicates": "\(result.duplicates)", "unchanged": "\(result.unchanged)",
            ]
            if result.notModified { metadata["not_modified"] = "true" }
            if let error = result.error {
                metadata["error"] = "\(error.message)"
                logger.warning("source failed", metadata: metadata)
            } else {
                logger.info("source done", metadata: metadata)
            }
        }
    }

    func finish() {
        if enabled && interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
