import Foundation
import Logging

/// Logging for the operator: logfmt lines on stderr (`ts=… level=info msg="…" source=…`), easy to
/// read and easy for log shippers to parse. `NEWSMILL_LOG_LEVEL` sets the level (default info).
enum Log {
    static let bootstrapped: Bool = {
        let level = ProcessInfo.processInfo.environment["NEWSMILL_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = LogfmtHandler(label: label)
            handler.logLevel = level
            return handler
        }
        return true
    }()

    static func logger(label: String) -> Logger {
        _ = bootstrapped
        return Logger(label: label)
    }
}

struct LogfmtHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let timestamp = Date().formatted(.iso8601)
        var line = "ts=\(timestamp) level=\(event.level) logger=\(label) msg=\(Self.quote(event.message.description))"
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for key in merged.keys.sorted() {
            line += " \(key)=\(Self.quote("\(merged[key]!)"))"
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Bare when safe, else double-quoted with escapes.
    static func quote(_ value: String) -> String {
        let safe = !value.isEmpty && value.unicodeScalars.allSatisfy { $0.value > 0x20 && $0 != "\"" && $0 != "=" && $0 != "\\" }
        if safe { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
