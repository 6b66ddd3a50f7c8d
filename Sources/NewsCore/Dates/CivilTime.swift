public import Foundation

/// A moment as a proleptic Gregorian date and time of day, computed with integer arithmetic (the
/// days-from-civil algorithm) instead of a `DateFormatter`, which costs tens of microseconds to make
/// and is not safe to share between threads. For writing dates in fixed formats, fast.
public struct CivilTime: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// 0 for Sunday … 6 for Saturday.
    public var weekday: Int

    /// The wall-clock time of `date` at `offset` seconds east of UTC (whole seconds, rounded down).
    public init(_ date: Date, offset: Int = 0) {
        let seconds = Int((date.timeIntervalSince1970).rounded(.down)) + offset
        var days = seconds / 86400
        var rest = seconds % 86400
        if rest < 0 {
            rest += 86400
            days -= 1
        }
        hour = rest / 3600
        minute = rest % 3600 / 60
        second = rest % 60
        weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday
        // Howard Hinnant's civil-from-days.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Seconds since 1970 of a wall-clock time at UTC (Howard Hinnant's days-from-civil).
    public static func epochSeconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86400 + hour * 3600 + minute * 60 + second
    }

    /// How many days `month` of `year` has in the Gregorian calendar.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Sat, 23 Jul 2022 12:40:53 GMT` (for a time at offset 0).
    public var rfc1123: String {
        "\(Self.weekdayNames[weekday]), \(Self.two(day)) \(Self.monthNames[month - 1]) \(Self.four(year)) "
            + "\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second)) GMT"
    }

    /// `2022-07-23 20:40:53`.
    public var dateAndTime: String {
        "\(Self.four(year))-\(Self.two(month))-\(Self.two(day)) \(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))"
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func four(_ value: Int) -> String {
        let text = "\(value)"
        return value >= 0 && text.count < 4 ? String(repeating: "0", count: 4 - text.count) + text : text
    }
}
