public import Foundation

/// Parses the date strings found in feeds and pages into one instant, or rejects them.
///
/// Handles RFC 822/1123 and sloppy variants, ISO 8601/RFC 3339 variants, slashes and dots,
/// compact `20240501`, Unix seconds and milliseconds, Chinese forms (年月日, 上午/下午, full-width
/// digits, labels such as 发布时间：) and relative forms (刚刚, 3分钟前, 昨天 10:00), resolved
/// against `now`. Times without an offset, and ambiguous zone names such as `CST`, are read in
/// `timeZone`. A string that does not name one instant, or names one further in the future than
/// `futureTolerance`, gives `nil`: never a guess.
///
/// ```swift
/// let parser = NewsDateParser(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
/// parser.parse("2021-04-10 23:49:51")  // 2021-04-10T15:49:51Z
/// ```
public struct NewsDateParser: Sendable {
    // The patterns, built once (a regex literal in a function body is rebuilt on every call).
    nonisolated(unsafe) static let firstDatePattern = /(\d{4})\s*[-\/.年]\s*(\d{1,2})\s*[-\/.月]\s*(\d{1,2})\s*日?(?:\s*(?:T|\s)?\s*(?:上午|下午|AM|PM|am|pm)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?/
    nonisolated(unsafe) static let bylinePattern = /(?:来源|作者|编辑|责任编辑|记者)\s*:\s*\S*/
    nonisolated(unsafe) static let whitespacePattern = /\s+/
    /// "September 10th": the day's ordinal suffix goes.
    nonisolated(unsafe) static let ordinalPattern = /(\d{1,2})(?:st|nd|rd|th)\b/
    nonisolated(unsafe) static let relativePattern = /(\d+)\s*(秒|分钟|小时|天)前/
    nonisolated(unsafe) static let dayWordPattern = /(今天|昨天|前天)\s*(\d{1,2}):(\d{2})(?::(\d{2}))?/
    nonisolated(unsafe) static let numericPattern = /(\d{4})\s*[-\/.年]\s*(\d{1,2})\s*[-\/.月]\s*(\d{1,2})\s*日?\s*(?:\((?:星期|周)?.\)|星期.|周.)?\s*(?:T|\s)?\s*(上午|下午|AM|PM|am|pm)?\s*(?:(\d{1,2})(?::|时)(\d{2})(?:(?::|分)(\d{2})秒?(?:[.,](\d+))?|分)?)?\s*(?:(上午|下午|AM|PM|am|pm))?\s*(Z|(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{2,5})?/
    nonisolated(unsafe) static let rfc822Pattern = /(?:[A-Za-z]{2,9},?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2,4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{1,2}|[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?/
    nonisolated(unsafe) static let monthNamePattern = /(?:[A-Za-z]{2,9},?\s*)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM|am|pm)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?/
    nonisolated(unsafe) static let monthDayPattern = /(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2}):(\d{2}))?/

    public var timeZone: TimeZone
    public var now: Date
    public var futureTolerance: TimeInterval

    public init(timeZone: TimeZone, now: Date = Date(), futureTolerance: TimeInterval = 24 * 3600) {
        self.timeZone = timeZone
        self.now = now
        self.futureTolerance = futureTolerance
    }

    public func parse(_ raw: String) -> Date? {
        try? resolve(raw).get()
    }

    /// Why a string gave no date.
    public enum Rejection: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        /// The literal `Invalid Date` that JavaScript (and RSSHub) writes when its own parsing failed.
        case invalidDateLiteral
        /// No known form matches, or the form matches but names no real calendar instant (Feb 30, hour 25).
        case unrecognized
        case tooFarInFuture(Date)

        public var description: String {
            switch self {
            case .empty: "empty date"
            case .invalidDateLiteral: "\"Invalid Date\" written by the feed's generator"
            case .unrecognized: "not a recognised date form, or not a real calendar date"
            case .tooFarInFuture(let date): "\(date) is further in the future than the tolerance allows"
            }
        }
    }

    /// The instant `raw` names, or why it names none.
    public func resolve(_ raw: String) -> Result<Date, Rejection> {
        // Most feeds write RFC 1123 with a numeric offset or GMT: read that shape straight from its bytes.
        if let date = RFC1123Bytes.parse(raw) {
            guard date.timeIntervalSince(now) <= futureTolerance else { return .failure(.tooFarInFuture(date)) }
            return .success(date)
        }
        let text = Self.normalize(raw)
        if text.isEmpty { return .failure(.empty) }
        if text.lowercased() == "invalid date" { return .failure(.invalidDateLiteral) }
        // Cheap checks first decide which forms can match at all; each form is a regex.
        let startsWithYear = text.utf8.prefix(4).count == 4 && text.utf8.prefix(4).allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        let hasLetters = text.utf8.contains { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
        let date = parseUnix(text)
            ?? (text.contains("前") || text.contains("天") || text.hasPrefix("刚") ? parseRelative(text) : nil)
            ?? (startsWithYear ? parseNumericDate(text) : nil)
            ?? (hasLetters ? parseRFC822(text) : nil)
            ?? (text.contains("月") && !startsWithYear ? Self.englishRFC822(fromChinese: text).flatMap(parseRFC822) : nil)
            ?? (text.contains("月") ? parseMonthDayWithoutYear(text) : nil)
        guard let date else { return .failure(.unrecognized) }
        guard date.timeIntervalSince(now) <= futureTolerance else { return .failure(.tooFarInFuture(date)) }
        return .success(date)
    }

    /// Finds the first date in running text (such as an article's byline).
    public func firstDate(inText text: String) -> Date? {
        // Only the widths: the date pattern skips labels and spaces itself, and dropping bylines here
        // could take a date glued to a source name with them.
        guard Self.mayHoldDate(text) else { return nil }
        let normalized = Self.asciiWidths(text)
        let pattern = Self.firstDatePattern
        for match in normalized.matches(of: pattern) {
            if let date = parse(String(match.output.0)) { return date }
        }
        return nil
    }

    // MARK: - Normalisation

    /// Full-width digits, letters and punctuation become ASCII, ideographic and no-break spaces plain ones.
    static func asciiWidths(_ raw: String) -> String {
        guard raw.utf8.contains(where: { $0 == 0xEF || $0 == 0xE3 || $0 == 0xC2 }) else { return raw }
        var scalars = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000, 0x00A0: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// A digit followed by s, n, r or t: the only texts the ordinal pattern needs to look at.
    static func mayHoldOrdinal(_ text: String) -> Bool {
        var previousIsDigit = false
        for byte in text.utf8 {
            if previousIsDigit && (byte == 0x73 || byte == 0x6E || byte == 0x72 || byte == 0x74) { return true }
            previousIsDigit = (0x30...0x39).contains(byte)
        }
        return false
    }

    /// A cheap test before the date pattern runs over free text: four digits, then (after spaces)
    /// one of - / . 年.
    public static func mayHoldDate(_ text: String) -> Bool {
        var digits = 0
        var afterYear = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0xFF10...0xFF19:  // ASCII and full-width digits
                digits += 1
                afterYear = false
            case 0x20, 0x09, 0x0A, 0x0D, 0x3000, 0xA0:
                if digits >= 4 { afterYear = true }
                digits = 0
            case 0x2D, 0x2F, 0x2E, 0x5E74, 0xFF0D, 0xFF0F, 0xFF0E:  // - / . 年 and their full-width forms
                if digits >= 4 || afterYear { return true }
                digits = 0
                afterYear = false
            default:
                digits = 0
                afterYear = false
            }
        }
        return false
    }

    /// Full-width digits, letters and punctuation become ASCII; labels before the date go.
    static func normalize(_ raw: String) -> String {
        var text = asciiWidths(raw)
        // Bylines around the date: "来源：每日经济新闻", "作者：张三"; and zone names such as JavaScript's
        // "(China Standard Time)" or "(中国标准时间)".
        if ByteSearch.containsAny(text, ["来源", "作者", "编辑", "记者"]) { text = text.replacing(Self.bylinePattern, with: " ") }
        if text.hasSuffix(")") { text = Self.resolvingZoneName(text) }
        if Self.mayHoldOrdinal(text) { text = text.replacing(Self.ordinalPattern) { String($0.output.1) } }
        text = text.trimmingWhitespace()
        for label in ["发布时间:", "发布日期:", "更新时间:", "发表于", "时间:", "日期:", "发布于"] where text.hasPrefix(label) {
            text = String(text.dropFirst(label.count)).trimmingWhitespace()
        }
        // "来源：xxx 2024-05-01" and similar: drop a leading label up to the first digit.
        if let colon = text.firstIndex(where: { $0 == ":" }), text[..<colon].allSatisfy({ !$0.isNumber }),
            text[..<colon].count <= 6
        {
            text = String(text[text.index(after: colon)...]).trimmingWhitespace()
        }
        let needsCollapsing = text.unicodeScalars.contains { $0 == "\t" || $0 == "\n" || $0 == "\r" } || text.contains("  ")
        return needsCollapsing ? text.replacing(Self.whitespacePattern, with: " ") : text
    }

    // MARK: - Forms

    private func parseUnix(_ text: String) -> Date? {
        guard text.allSatisfy(\.isASCIIDigit) else { return nil }
        if text.count == 10, let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        if text.count == 13, let millis = Double(text) { return Date(timeIntervalSince1970: millis / 1000) }
        if text.count == 8 || text.count == 14 {
            let digits = Array(text)
            func number(_ range: Range<Int>) -> Int { Int(String(digits[range]))! }
            let hasTime = text.count == 14
            return makeDate(
                year: number(0..<4), month: number(4..<6), day: number(6..<8),
                hour: hasTime ? number(8..<10) : 0, minute: hasTime ? number(10..<12) : 0,
                second: hasTime ? number(12..<14) : 0, offset: nil)
        }
        return nil
    }

    private func parseRelative(_ text: String) -> Date? {
        if text == "刚刚" || text == "刚才" { return now }
        if let match = text.wholeMatch(of: Self.relativePattern) {
            guard let amount = Double(match.output.1) else { return nil }
            let unit: Double = switch match.output.2 {
            case "秒": 1
            case "分钟": 60
            case "小时": 3600
            default: 86400
            }
            return now.addingTimeInterval(-amount * unit)
        }
        if let match = text.wholeMatch(of: Self.dayWordPattern) {
            let daysBack = match.output.1 == "今天" ? 0 : (match.output.1 == "昨天" ? 1 : 2)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            guard let day = calendar.date(byAdding: .day, value: -daysBack, to: now) else { return nil }
            let parts = calendar.dateComponents([.year, .month, .day], from: day)
            return makeDate(
                year: parts.year!, month: parts.month!, day: parts.day!, hour: Int(match.output.2)!,
                minute: Int(match.output.3)!, second: match.output.4.flatMap { Int($0) } ?? 0, offset: nil)
        }
        return nil
    }

    private func parseNumericDate(_ text: String) -> Date? {
        let pattern = Self.numericPattern
        guard let match = text.wholeMatch(of: pattern) else { return nil }
        let output = match.output
        let meridiem = output.4 ?? output.9
        // A meridiem with no time is not a time.
        guard output.5 != nil || meridiem == nil else { return nil }
        var hour = output.5.map { Int($0)! } ?? 0
        if let meridiem {
            let pm = meridiem == "下午" || meridiem.lowercased() == "pm"
            guard hour <= 12 else { return nil }
            if pm && hour < 12 { hour += 12 }
            if !pm && hour == 12 { hour = 0 }
        }
        var fraction = 0.0
        if let digits = output.8 { fraction = Double("0." + digits) ?? 0 }
        var offset: Int?
        if let zone = output.10 {
            guard let seconds = zoneOffset(String(zone)) else { return nil }
            offset = seconds
        }
        return makeDate(
            year: Int(output.1)!, month: Int(output.2)!, day: Int(output.3)!, hour: hour,
            minute: output.6.map { Int($0)! } ?? 0, second: output.7.map { Int($0)! } ?? 0, offset: offset
        )?.addingTimeInterval(fraction)
    }

    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12,
    ]

    private func parseRFC822(_ text: String) -> Date? {
        // Optional weekday (any, even wrong), day, month name, year, time, zone.
        let pattern = Self.rfc822Pattern
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
        var zone: String?
        if let match = text.wholeMatch(of: pattern) {
            let output = match.output
            guard let monthNumber = Self.months[String(output.2.prefix(3)).lowercased()] else { return nil }
            day = Int(output.1)!
            month = monthNumber
            year = Int(output.3)!
            hour = Int(output.4)!
            minute = Int(output.5)!
            second = output.6.map { Int($0)! } ?? 0
            zone = output.7.map(String.init)
        } else if let match = text.wholeMatch(
            of: Self.monthNamePattern)
        {
            // "May 1, 2024 10:00 AM +0800" and JavaScript's Date.toString() shape.
            let output = match.output
            guard let monthNumber = Self.months[String(output.1.prefix(3)).lowercased()] else { return nil }
            month = monthNumber
            day = Int(output.2)!
            year = Int(output.3)!
            hour = Int(output.4)!
            minute = Int(output.5)!
            second = output.6.map { Int($0)! } ?? 0
            if let meridiem = output.7?.lowercased() {
                if meridiem == "pm" && hour < 12 { hour += 12 }
                if meridiem == "am" && hour == 12 { hour = 0 }
            }
            zone = output.8.map(String.init)
        } else {
            return nil
        }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        var offset: Int?
        if let zone {
            guard let seconds = zoneOffset(zone) else { return nil }
            offset = seconds
        }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    private func parseMonthDayWithoutYear(_ text: String) -> Date? {
        guard let match = text.wholeMatch(of: Self.monthDayPattern) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let year = calendar.component(.year, from: now)
        let hour = match.output.3.map { Int($0)! } ?? 0
        let minute = match.output.4.map { Int($0)! } ?? 0
        let month = Int(match.output.1)!
        let day = Int(match.output.2)!
        guard let date = makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: 0, offset: nil)
        else { return nil }
        if date.timeIntervalSince(now) > futureTolerance {
            return makeDate(year: year - 1, month: month, day: day, hour: hour, minute: minute, second: 0, offset: nil)
        }
        return date
    }

    // MARK: - Helpers

    /// Seconds east of UTC for a zone designator; `nil` when unknown. Ambiguous names
    /// (`CST`, `IST`) and naive times follow the configured time zone, signalled by `Int.min`.
    private func zoneOffset(_ zone: String) -> Int? {
        let upper = zone.uppercased()
        switch upper {
        case "Z", "UT", "UTC", "GMT": return 0
        case "CST", "IST", "BST": return Int.min
        case "EST": return -5 * 3600
        case "EDT": return -4 * 3600
        case "CDT": return -5 * 3600
        case "MST": return -7 * 3600
        case "MDT": return -6 * 3600
        case "PST": return -8 * 3600
        case "PDT": return -7 * 3600
        case "JST", "KST": return 9 * 3600
        case "HKT", "SGT", "AWST": return 8 * 3600
        case "CET": return 3600
        case "CEST", "EET": return 2 * 3600
        case "EEST", "MSK": return 3 * 3600
        default: break
        }
        var digits = upper
        if digits.hasPrefix("GMT") || digits.hasPrefix("UTC") { digits = String(digits.dropFirst(3)) }
        guard let sign = digits.first, sign == "+" || sign == "-" else { return nil }
        let numbers = digits.dropFirst().filter(\.isASCIIDigit)
        let hours: Int, minutes: Int
        switch numbers.count {
        case 1, 2: hours = Int(numbers)!; minutes = 0
        case 3: hours = Int(numbers.prefix(1))!; minutes = Int(numbers.suffix(2))!
        case 4: hours = Int(numbers.prefix(2))!; minutes = Int(numbers.suffix(2))!
        default: return nil
        }
        guard hours <= 14, minutes < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    private func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int?) -> Date? {
        guard (1970...2200).contains(year), (1...12).contains(month), (1...31).contains(day), (0...24).contains(hour),
            (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        if let offset, offset != Int.min {
            // A fixed offset needs no calendar: plain arithmetic, after rejecting impossible days (Feb 30).
            guard day <= CivilTime.daysInMonth(year: year, month: month) else { return nil }
            let local = CivilTime.epochSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59))
            return Date(timeIntervalSince1970: TimeInterval(local - offset))
        }
        var calendar = Calendar(identifier: .gregorian)
        if let offset, offset != Int.min {
            calendar.timeZone = TimeZone(secondsFromGMT: offset)!
        } else {
            calendar.timeZone = timeZone
        }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59))
        guard let date = calendar.date(from: components) else { return nil }
        // Reject impossible days (Feb 30) that Calendar would roll over.
        let check = calendar.dateComponents([.year, .month, .day], from: date)
        guard check.year == year, check.month == month, check.day == day || hour == 24 else { return nil }
        return date
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
