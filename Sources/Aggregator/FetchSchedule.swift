public import Foundation
public import NewsCore

/// When each source is next due, for the daemon: its own interval after a success (or later, when
/// the feed's `ttl` or the server's `Cache-Control: max-age` asks for it, up to ``longestHint``),
/// and exponential backoff after failures, capped. Every wait is finite and bounded, whatever a
/// feed or a server sends (`<ttl>1e300</ttl>`, `inf`, a max-age of 19 digits).
public struct FetchSchedule: Sendable {
    public struct Entry: Sendable {
        public var source: Source
        public var interval: TimeInterval
        public var nextDue: Date
        public var consecutiveFailures = 0
    }

    public private(set) var entries: [Entry]
    /// The longest a failing source waits between tries.
    public var maxBackoff: TimeInterval
    /// The longest wait a refresh hint from outside (ttl, max-age) can ask for; longer ones are
    /// capped to it.
    public var longestHint: TimeInterval = 86400
    /// The range every configured interval is kept in.
    public static let intervals: ClosedRange<TimeInterval> = 1...(30 * 86400)

    public init(sources: [(Source, TimeInterval)], start: Date, maxBackoff: TimeInterval = 6 * 3600) {
        entries = sources.map { Entry(source: $0.0, interval: Self.bounded($0.1, to: Self.intervals), nextDue: start) }
        self.maxBackoff = maxBackoff
    }

    /// `value` within `range`; NaN is the range's lower bound.
    static func bounded(_ value: TimeInterval, to range: ClosedRange<TimeInterval>) -> TimeInterval {
        value.isNaN ? range.lowerBound : min(range.upperBound, max(range.lowerBound, value))
    }

    /// The sources due at `now`, in configuration order.
    public func due(at now: Date) -> [Source] {
        entries.filter { $0.nextDue <= now }.map(\.source)
    }

    /// When the next source falls due.
    public var nextWake: Date? { entries.map(\.nextDue).min() }

    public mutating func record(_ result: RunReport.SourceResult, at now: Date) {
        guard let index = entries.firstIndex(where: { $0.source.key == result.source.key }) else { return }
        if result.error != nil {
            entries[index].consecutiveFailures += 1
            let backoff = entries[index].interval * pow(2, Double(entries[index].consecutiveFailures))
            entries[index].nextDue = now.addingTimeInterval(min(maxBackoff, max(entries[index].interval, backoff)))
        } else {
            entries[index].consecutiveFailures = 0
            let hint = result.freshFor.map { Self.bounded($0, to: 0...longestHint) } ?? 0
            let wait = max(entries[index].interval, hint)
            entries[index].nextDue = now.addingTimeInterval(wait)
        }
    }
}
