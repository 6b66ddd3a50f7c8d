public import Foundation

/// The common case of RSS dates, read from its bytes without a regular expression:
/// `Wed, 01 May 2024 10:00:00 +0800` (weekday optional and never checked, one- or two-digit day,
/// seconds optional, a numeric offset or `GMT`/`UT`/`UTC`/`Z`). Anything else gives nil and goes to
/// ``NewsDateParser``'s general forms, which read the same shapes the same way.
enum RFC1123Bytes {
    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    static func parse(_ text: String) -> Date? {
        var bytes = Array(text.utf8)
        // Surrounding whitespace only; anything more unusual takes the general path.
        while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { bytes.removeLast() }
        var index = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D } ?? bytes.endIndex
        func letters() -> String? {
            let start = index
            while index < bytes.count, (bytes[index] | 0x20) >= 0x61, (bytes[index] | 0x20) <= 0x7A { index += 1 }
            return index > start ? String(decoding: bytes[start..<index], as: UTF8.self).lowercased() : nil
        }
        func number(_ widths: ClosedRange<Int>) -> Int? {
            let start = index
            var value = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, index - start < widths.upperBound {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            return widths.contains(index - start) ? value : nil
        }
        func skip(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        if index < bytes.count, bytes[index] > 0x39 {
            guard let weekday = letters(), weekday.count == 3, skip(0x2C), skip(0x20) else { return nil }
        }
        guard let day = number(1...2), skip(0x20), let monthName = letters(), let month = months[monthName], skip(0x20),
              let year = number(4...4), skip(0x20), let hour = number(2...2), skip(0x3A), let minute = number(2...2)
        else { return nil }
        var second = 0
        if skip(0x3A) {
            guard let value = number(2...2) else { return nil }
            second = value
        }
        guard skip(0x20), index < bytes.count else { return nil }
        let offset: Int
        if bytes[index] == 0x2B || bytes[index] == 0x2D {
            let sign = bytes[index] == 0x2D ? -1 : 1
            index += 1
            guard let hhmm = number(4...4), hhmm % 100 < 60, hhmm / 100 <= 18 else { return nil }
            offset = sign * (hhmm / 100 * 3600 + hhmm % 100 * 60)
        } else {
            guard let zone = letters(), ["gmt", "ut", "utc", "z"].contains(zone) else { return nil }
            offset = 0
        }
        guard index == bytes.count, (1970...2200).contains(year), (1...CivilTime.daysInMonth(year: year, month: month)).contains(day),
              hour <= 23, minute <= 59, second <= 60
        else { return nil }
        let local = CivilTime.epochSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59))
        return Date(timeIntervalSince1970: TimeInterval(local - offset))
    }
}
