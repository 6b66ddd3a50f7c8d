import Foundation
import NewsCore

/// Dates as the site shows and publishes them.
struct SiteDates: Sendable {
    var timeZone: TimeZone
    var chinese: Bool

    func civil(_ date: Date) -> CivilTime { CivilTime(date, offset: timeZone.secondsFromGMT(for: date)) }

    /// `2022年7月23日 20:40` on a Chinese site, `2022-07-23 20:40` elsewhere.
    func display(_ date: Date) -> String {
        let time = civil(date)
        let clock = Self.two(time.hour) + ":" + Self.two(time.minute)
        if chinese { return "\(time.year)年\(time.month)月\(time.day)日 \(clock)" }
        return "\(time.year)-\(Self.two(time.month))-\(Self.two(time.day)) \(clock)"
    }

    /// `2022年7月` or `2022-07`.
    func month(year: Int, month: Int) -> String {
        chinese ? "\(year)年\(month)月" : "\(year)-\(Self.two(month))"
    }

    /// ISO 8601 with the site's offset: `2022-07-23T20:40:53+08:00`.
    func iso8601(_ date: Date) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let time = CivilTime(date, offset: offset)
        let sign = offset < 0 ? "-" : "+"
        let zone = sign + Self.two(abs(offset) / 3600) + ":" + Self.two(abs(offset) % 3600 / 60)
        return "\(Self.four(time.year))-\(Self.two(time.month))-\(Self.two(time.day))T\(Self.two(time.hour)):\(Self.two(time.minute)):\(Self.two(time.second))" + zone
    }

    /// `2022-07-23`, for the sitemap.
    func day(_ date: Date) -> String {
        let time = civil(date)
        return "\(Self.four(time.year))-\(Self.two(time.month))-\(Self.two(time.day))"
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    static func four(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
