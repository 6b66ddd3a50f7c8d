import Foundation
import NewsCore

/// The date forms the site generators read, in the site's time zone.
enum PostDates {
    /// `2022-07-23T20:40:53+08:00`: ISO 8601 with the offset, as Hugo reads it.
    static func iso8601(_ date: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let time = CivilTime(date, offset: offset)
        return time.dateAndTime.replacingOccurrences(of: " ", with: "T") + offsetText(offset, separator: ":")
    }

    /// `2022-07-23 20:40:53 +0800`, as Jekyll writes and reads it.
    static func jekyll(_ date: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        return CivilTime(date, offset: offset).dateAndTime + " " + offsetText(offset, separator: "")
    }

    /// `2022-07-23`: the day a Jekyll post's file name starts with.
    static func day(_ date: Date, in zone: TimeZone) -> String {
        String(CivilTime(date, offset: zone.secondsFromGMT(for: date)).dateAndTime.prefix(10))
    }

    static func offsetText(_ seconds: Int, separator: String) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        let hours = minutes / 60, rest = minutes % 60
        return sign + (hours < 10 ? "0" : "") + "\(hours)" + separator + (rest < 10 ? "0" : "") + "\(rest)"
    }
}
