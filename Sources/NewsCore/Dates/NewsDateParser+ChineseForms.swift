import Foundation

/// Zone names in parentheses (JavaScript's `Date.toString()`, `（北京时间）`) and RFC 822 written with
/// Chinese weekday and month names.
extension NewsDateParser {
    nonisolated(unsafe) static let trailingZoneNamePattern = /\s*\(([^()]*)\)\s*$/
    nonisolated(unsafe) static let numericOffsetPattern = /(?:GMT|UTC|UT)\s*[+-]\d|[+-]\d{2}:?\d{2}\s*$/
    nonisolated(unsafe) static let bareOffsetPattern = /(?:GMT|UTC|UT)(?:[+-]\d{1,2}(?::?\d{2})?)?/
    nonisolated(unsafe) static let englishZoneNamePattern = /[A-Za-z ]+/
    /// `周三, 01 5月 2024 10:00:00 +0800`: weekday (ignored, as in the English form), day, month, year, rest.
    nonisolated(unsafe) static let chineseRFC822Pattern =
        /(?:(?:星期|周|礼拜)[一二三四五六日天]\s*,?\s*)?(\d{1,2})\s+(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月\s+(\d{2,4})(,?\s+.*)/

    /// Offsets of the zone names pages write in parentheses; names not listed here are only dropped
    /// when the text gives a numeric offset of its own (otherwise the date is not trusted).
    static let zoneNameOffsets: [String: String] = {
        let groups: [(String, [String])] = [
            ("+0800", ["中国标准时间", "中國標準時間", "北京时间", "北京時間", "中国时间", "香港标准时间", "香港標準時間",
                       "台北标准时间", "台北標準時間", "新加坡标准时间", "china standard time", "hong kong standard time",
                       "singapore standard time", "taipei standard time"]),
            ("+0900", ["日本标准时间", "日本標準時間", "韩国标准时间", "韓國標準時間", "japan standard time",
                       "korean standard time"]),
            ("+0000", ["协调世界时", "協調世界時", "世界标准时间", "格林尼治标准时间", "格林威治标准时间",
                       "coordinated universal time", "greenwich mean time"]),
        ]
        var table: [String: String] = [:]
        for (offset, names) in groups { for name in names { table[name] = offset } }
        return table
    }()

    /// A trailing `(zone)` replaced by what it says: an offset written in it (`(UTC+8)`) or a known
    /// zone's offset is kept after the time; a name is dropped when the text has a numeric offset, or
    /// when it is an English name (read in the configured zone, as before). An unknown non-English
    /// name with no offset stays, so the text is rejected rather than read in a guessed zone.
    static func resolvingZoneName(_ text: String) -> String {
        guard let match = text.firstMatch(of: trailingZoneNamePattern) else { return text }
        let name = String(match.output.1).trimmingWhitespace()
        let before = String(text[..<match.range.lowerBound])
        if name.wholeMatch(of: bareOffsetPattern) != nil { return before + " " + name }
        if before.firstMatch(of: numericOffsetPattern) != nil { return before }
        if let offset = zoneNameOffsets[name.lowercased()] { return before + " " + offset }
        if name.wholeMatch(of: englishZoneNamePattern) != nil { return before }
        return text
    }

    private static let chineseMonths: [String: String] = [
        "一": "Jan", "二": "Feb", "三": "Mar", "四": "Apr", "五": "May", "六": "Jun", "七": "Jul", "八": "Aug",
        "九": "Sep", "十": "Oct", "十一": "Nov", "十二": "Dec",
    ]
    private static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The English RFC 822 form of `周三, 01 5月 2024 10:00:00 +0800` (`01 May 2024 10:00:00 +0800`),
    /// or nil when the text is not that shape or names no month.
    static func englishRFC822(fromChinese text: String) -> String? {
        guard let match = text.wholeMatch(of: chineseRFC822Pattern) else { return nil }
        let monthText = String(match.output.2)
        let month: String
        if let number = Int(monthText) {
            guard (1...12).contains(number) else { return nil }
            month = englishMonths[number - 1]
        } else {
            guard let name = chineseMonths[monthText] else { return nil }
            month = name
        }
        return "\(match.output.1) \(month) \(match.output.3)\(match.output.4)"
    }
}
