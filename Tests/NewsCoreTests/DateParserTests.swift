import Foundation
import NewsCore
import Testing

/// Every date form Newsmill must read, each with the exact instant (or a rejection). Naive times
/// are Beijing time; relative forms resolve against `now`, 2024-05-02 12:00 in Beijing.
struct DateParserTests {
    static let now = iso("2024-05-02T04:00:00Z")!
    static let parser = NewsDateParser(timeZone: TimeZone(identifier: "Asia/Shanghai")!, now: now)

    static func iso(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.date(from: text)
    }

    static let accepted: [(String, String)] = [
        // RFC 822 / 1123 and sloppy variants
        ("Wed, 01 May 2024 10:00:00 +0800", "2024-05-01T02:00:00Z"),
        ("Wed, 01 May 2024 02:00:00 GMT", "2024-05-01T02:00:00Z"),
        ("Wed, 1 May 2024 02:00:00 UT", "2024-05-01T02:00:00Z"),
        ("01 May 2024 10:00:00 +0800", "2024-05-01T02:00:00Z"),
        ("Mon, 01 May 2024 10:00:00 +0800", "2024-05-01T02:00:00Z"),
        ("Wed, 01 May 24 10:00:00 +0800", "2024-05-01T02:00:00Z"),
        ("Wed, 01 May 2024 10:00 +0800", "2024-05-01T02:00:00Z"),
        ("Wed, 01 May 2024 10:00:00 CST", "2024-05-01T02:00:00Z"),
        ("Tue, 30 Apr 2024 22:00:00 EDT", "2024-05-01T02:00:00Z"),
        ("Tue, 30 Apr 2024 19:00:00 PDT", "2024-05-01T02:00:00Z"),
        ("Wed, 01 May 2024 02:00:00 Z", "2024-05-01T02:00:00Z"),
        ("Wednesday, 01 May 2024 10:00:00 +0800", "2024-05-01T02:00:00Z"),
        ("Wed, 01 May 2024 10:00:00 +08:00", "2024-05-01T02:00:00Z"),
        ("Wed, 01-May-2024 10:00:00 +0800", "2024-05-01T02:00:00Z"),
        ("Wed, 01 May 2024 10:00:00", "2024-05-01T02:00:00Z"),
        ("Wed, 01 May 2024 11:00:00 JST", "2024-05-01T02:00:00Z"),
        ("Wed, 01 May 2024 04:00:00 CEST", "2024-05-01T02:00:00Z"),
        ("Wed, 01 May 2024 10:00:00 GMT+8", "2024-05-01T02:00:00Z"),
        ("wed, 01 may 2024 10:00:00 +0800", "2024-05-01T02:00:00Z"),
        ("May 1, 2024 10:00 AM +0800", "2024-05-01T02:00:00Z"),
        ("May 1, 2024 2:30 PM", "2024-05-01T06:30:00Z"),
        ("Wed May 01 2024 10:00:00 GMT+0800 (China Standard Time)", "2024-05-01T02:00:00Z"),
        // ISO 8601 / RFC 3339 variants
        ("2024-05-01T02:00:00Z", "2024-05-01T02:00:00Z"),
        ("2024-05-01T10:00:00+08:00", "2024-05-01T02:00:00Z"),
        ("2024-05-01T10:00:00+0800", "2024-05-01T02:00:00Z"),
        ("2024-05-01T10:00:00+08", "2024-05-01T02:00:00Z"),
        ("2024-05-01T10:00:00 +08:00", "2024-05-01T02:00:00Z"),
        ("2024-05-01T02:00:00.123Z", "2024-05-01T02:00:00.123Z"),
        ("2024-05-01T10:00:00.000+08:00", "2024-05-01T02:00:00Z"),
        ("2024-05-01T02:00Z", "2024-05-01T02:00:00Z"),
        ("2024-05-01T10:00:00", "2024-05-01T02:00:00Z"),
        ("2024-05-01 10:00:00", "2024-05-01T02:00:00Z"),
        ("2024-05-01 10:00", "2024-05-01T02:00:00Z"),
        ("2024-05-01 10:00:00 CST", "2024-05-01T02:00:00Z"),
        ("2024-05-01", "2024-04-30T16:00:00Z"),
        ("2024-5-1 10:00", "2024-05-01T02:00:00Z"),
        // Slashes, dots, compact, Unix time
        ("2024/05/01 10:00:00", "2024-05-01T02:00:00Z"),
        ("2024/5/1 10:00", "2024-05-01T02:00:00Z"),
        ("2024.05.01 10:00", "2024-05-01T02:00:00Z"),
        ("20240501", "2024-04-30T16:00:00Z"),
        ("20240501100000", "2024-05-01T02:00:00Z"),
        ("1714528800", "2024-05-01T02:00:00Z"),
        ("1714528800000", "2024-05-01T02:00:00Z"),
        (" 1714528800 ", "2024-05-01T02:00:00Z"),
        // Chinese forms
        ("2024年05月01日 10:00", "2024-05-01T02:00:00Z"),
        ("2024年5月1日 10:00:00", "2024-05-01T02:00:00Z"),
        ("2024年05月01日10:00", "2024-05-01T02:00:00Z"),
        ("2024年05月01日", "2024-04-30T16:00:00Z"),
        ("2024年5月1日 10时00分", "2024-05-01T02:00:00Z"),
        ("2024年5月1日 10时05分30秒", "2024-05-01T02:05:30Z"),
        ("2024-05-01 下午 02:30", "2024-05-01T06:30:00Z"),
        ("2024-05-01 上午 10:00", "2024-05-01T02:00:00Z"),
        ("2024年5月1日 下午2:30", "2024-05-01T06:30:00Z"),
        ("2024年5月1日 星期三 10:00", "2024-05-01T02:00:00Z"),
        ("2024年05月01日 周三 10:00", "2024-05-01T02:00:00Z"),
        ("2024年5月1日（星期三）10:00", "2024-05-01T02:00:00Z"),
        ("２０２４年０５月０１日　１０：００", "2024-05-01T02:00:00Z"),
        ("２０２４－０５－０１　１０：００：００", "2024-05-01T02:00:00Z"),
        ("发布时间：2024-05-01 10:00", "2024-05-01T02:00:00Z"),
        ("发布时间: 2024-05-01 10:00:00", "2024-05-01T02:00:00Z"),
        ("日期：2024/05/01", "2024-04-30T16:00:00Z"),
        ("更新时间：2024年05月01日 10:00", "2024-05-01T02:00:00Z"),
        ("2024-05-01 10:00 来源：每日经济新闻", "2024-05-01T02:00:00Z"),
        ("来源：新浪财经 2024年05月01日 10:00", "2024-05-01T02:00:00Z"),
        // Relative forms, against the fetch time
        ("刚刚", "2024-05-02T04:00:00Z"),
        ("30秒前", "2024-05-02T03:59:30Z"),
        ("3分钟前", "2024-05-02T03:57:00Z"),
        ("3 分钟前", "2024-05-02T03:57:00Z"),
        ("2小时前", "2024-05-02T02:00:00Z"),
        ("1天前", "2024-05-01T04:00:00Z"),
        ("今天 08:30", "2024-05-02T00:30:00Z"),
        ("昨天 10:00", "2024-05-01T02:00:00Z"),
        ("前天 10:00", "2024-04-30T02:00:00Z"),
        ("05月01日 10:00", "2024-05-01T02:00:00Z"),
        ("5月1日", "2024-04-30T16:00:00Z"),
        ("12月31日 10:00", "2023-12-31T02:00:00Z"),
    ]

    static let rejected: [(String, NewsDateParser.Rejection?)] = [
        ("Invalid Date", .invalidDateLiteral),
        ("", .empty),
        ("   ", .empty),
        ("2024-02-30 10:00", .unrecognized),
        ("2024-13-01", .unrecognized),
        ("Wed, 01 May 2024 25:00:00 GMT", .unrecognized),
        ("Wed, 01 Mai 2024 10:00:00 GMT", .unrecognized),
        ("next Tuesday", .unrecognized),
        ("明天 10:00", .unrecognized),
        ("05/01/2024", .unrecognized),
        ("01/05/2024 10:00", .unrecognized),
        ("2024-05-01T10:00:00 XYZ", .unrecognized),
        ("2024-05-01T10:00:00+25:00", .unrecognized),
        ("12345", .unrecognized),
        ("2099-01-01T00:00:00Z", nil),  // too far in the future
        ("2024-05-04T00:00:00Z", nil),  // 44 hours ahead: beyond the 24 h tolerance
    ]

    @Test(arguments: accepted)
    func formIsReadAsTheExactInstant(input: String, expected: String) throws {
        let instant = try #require(Self.iso(expected))
        let result = try Self.parser.resolve(input).get()
        // Exact to the millisecond (fractions go through binary floating point).
        #expect((result.timeIntervalSince1970 * 1000).rounded() == (instant.timeIntervalSince1970 * 1000).rounded(), "\(input) → \(result)")
    }

    @Test(arguments: rejected)
    func formIsRejectedNotGuessed(input: String, reason: NewsDateParser.Rejection?) {
        switch Self.parser.resolve(input) {
        case .success(let date):
            Issue.record("\(input) gave \(date)")
        case .failure(let rejection):
            if let reason { #expect(rejection == reason) } else if case .tooFarInFuture = rejection {} else {
                Issue.record("\(input): expected a future rejection, got \(rejection)")
            }
        }
    }

    @Test func configuredZoneDecidesNaiveTimesAndCST() {
        let newYork = NewsDateParser(timeZone: TimeZone(identifier: "America/Chicago")!, now: Self.now)
        #expect(newYork.parse("2024-05-01 10:00") == Self.iso("2024-05-01T15:00:00Z"))
        #expect(newYork.parse("Wed, 01 May 2024 10:00:00 CST") == Self.iso("2024-05-01T15:00:00Z"))
        #expect(newYork.parse("2024-05-01T10:00:00+08:00") == Self.iso("2024-05-01T02:00:00Z"))
    }

    @Test func atLeastSixtyFormsAreCovered() {
        #expect(Self.accepted.count + Self.rejected.count >= 60)
    }
}

/// The fixed-format date writer agrees with Foundation's formatter on every kind of day.
struct CivilTimeTests {
    @Test(arguments: [
        -2_208_988_800.5, -1, 0, 951_782_400, 951_868_799, 1_234_567_890, 1_658_580_053, 1_709_251_199,
        4_102_444_800, 253_402_300_799,
    ])
    func matchesFoundation(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(CivilTime(date).rfc1123 == formatter.string(from: date))
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        formatter.timeZone = shanghai
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        #expect(CivilTime(date, offset: shanghai.secondsFromGMT(for: date)).dateAndTime == formatter.string(from: date))
    }
}

/// The byte-level reader of the common RSS date shape gives the instants the general forms give.
struct RFC1123FastPathTests {
    @Test(arguments: [
        ("Wed, 01 May 2024 10:00:00 +0800", "2024-05-01T02:00:00Z"), ("Thu, 1 May 2024 10:00 +0800", "2024-05-01T02:00:00Z"),
        ("01 May 2024 10:00:00 GMT", "2024-05-01T10:00:00Z"), ("Sat, 29 Feb 2020 23:59:59 -0530", "2020-03-01T05:29:59Z"),
        ("  Mon, 31 Dec 2029 00:00:00 UT \n", "2029-12-31T00:00:00Z"), ("Fri, 30 Jun 2023 12:00:60 Z", "2023-06-30T12:00:59Z"),
    ])
    func readsTheCommonShape(text: String, expected: String) throws {
        let parser = NewsDateParser(timeZone: TimeZone(identifier: "Asia/Shanghai")!, now: Date(timeIntervalSince1970: 1_900_000_000))
        let instant = try #require(ISO8601DateFormatter().date(from: expected))
        #expect(parser.parse(text) == instant)
    }

    @Test(arguments: ["Sun, 30 Feb 2024 10:00:00 +0800", "Wed, 01 Mai 2024 10:00:00 +0800", "Wed, 01 May 2024 25:00:00 +0800",
                      "Wed, 01 May 1969 10:00:00 +0800"])
    func rejectsWhatTheGeneralFormsReject(text: String) {
        let parser = NewsDateParser(timeZone: TimeZone(identifier: "Asia/Shanghai")!, now: Date(timeIntervalSince1970: 1_900_000_000))
        #expect(parser.parse(text) == nil)
    }
}
