import Foundation
import NewsCore
import Testing

/// The date forms of issue 15: `UTC+8`/`GMT+8` offsets, JavaScript's `Date.toString()` with a Chinese
/// zone name, and RFC 822 written with Chinese weekday and month names. Each resolves to its exact
/// instant, or is rejected: never a guess.
struct ChineseDateFormTests {
    static let parser = NewsDateParser(
        timeZone: TimeZone(identifier: "Asia/Shanghai")!, now: ISO8601DateFormatter().date(from: "2024-05-02T04:00:00Z")!)

    static let accepted: [(String, String)] = [
        // Offsets written UTC+8 / GMT+8, after any date form
        ("2024-05-01 10:00:00 UTC+8", "2024-05-01T02:00:00Z"),
        ("2024-05-01 10:00 GMT+8", "2024-05-01T02:00:00Z"),
        ("2024-05-01T10:00:00 UTC+08:00", "2024-05-01T02:00:00Z"),
        ("2024-05-01 10:00:00 (UTC+8)", "2024-05-01T02:00:00Z"),
        ("2024-05-01 11:00:00 GMT+0900", "2024-05-01T02:00:00Z"),
        ("2024-05-01 01:00 UTC-1", "2024-05-01T02:00:00Z"),
        ("2024年5月1日 10:00 UTC+8", "2024-05-01T02:00:00Z"),
        ("2024年05月01日 10:00（北京时间）", "2024-05-01T02:00:00Z"),
        ("Wed, 01 May 2024 10:00:00 UTC+8", "2024-05-01T02:00:00Z"),
        ("Wed, 01 May 2024 10:00:00 GMT+08:00", "2024-05-01T02:00:00Z"),
        // JavaScript's Date.toString() with a Chinese (or other) zone name: the numeric offset decides
        ("Wed May 01 2024 10:00:00 GMT+0800 (中国标准时间)", "2024-05-01T02:00:00Z"),
        ("Wed May 01 2024 10:00:00 GMT+0800 (CST)", "2024-05-01T02:00:00Z"),
        ("Wed May 01 2024 02:00:00 GMT+0000 (协调世界时)", "2024-05-01T02:00:00Z"),
        ("Wed May 01 2024 11:00:00 GMT+0900 (日本标准时间)", "2024-05-01T02:00:00Z"),
        ("Wed May 01 2024 10:00:00 GMT+0800 (香港標準時間)", "2024-05-01T02:00:00Z"),
        // RFC 822 with Chinese weekday and month names
        ("周三, 01 5月 2024 10:00:00 +0800", "2024-05-01T02:00:00Z"),
        ("星期三, 01 5月 2024 10:00:00 +0800", "2024-05-01T02:00:00Z"),
        ("周三, 1 5月 2024 10:00 +0800", "2024-05-01T02:00:00Z"),
        ("周三，01 五月 2024 10:00:00 +0800", "2024-05-01T02:00:00Z"),
        ("周日, 31 12月 2023 10:00:00 GMT", "2023-12-31T10:00:00Z"),
        ("01 十一月 2023 10:00:00 +0800", "2023-11-01T02:00:00Z"),
        ("周三, 01 5月 2024 10:00:00", "2024-05-01T02:00:00Z"),
    ]

    static let rejected: [String] = [
        "周三, 01 13月 2024 10:00:00 +0800",  // no thirteenth month
        "周三, 31 2月 2024 10:00:00 +0800",  // no 31 February
        "周三, 01 5月 2024 25:00:00 +0800",
        "2024-05-01 10:00 UTC+15",  // no such offset
        "2024-05-01 10:00 GMT+8abc",
        "Wed May 01 2024 10:00:00 GMT+2500 (中国标准时间)",
    ]

    @Test(arguments: accepted)
    func formIsReadAsTheExactInstant(input: String, expected: String) throws {
        let instant = try #require(ISO8601DateFormatter().date(from: expected))
        let result = Self.parser.resolve(input)
        #expect(try result.get() == instant, "\(input) → \(result)")
    }

    @Test(arguments: rejected)
    func impossibleFormIsRejected(input: String) {
        #expect(Self.parser.parse(input) == nil, "\(input) gave \(String(describing: Self.parser.parse(input)))")
    }

    /// A Date.toString() without its offset, only the Chinese zone name: China Standard Time is UTC+8.
    @Test func chineseZoneNameAloneIsChinaTime() throws {
        let instant = try #require(ISO8601DateFormatter().date(from: "2024-05-01T02:00:00Z"))
        #expect(Self.parser.parse("Wed May 01 2024 10:00:00 (中国标准时间)") == instant)
        let newYork = NewsDateParser(timeZone: TimeZone(identifier: "America/New_York")!, now: Self.parser.now)
        #expect(newYork.parse("Wed May 01 2024 10:00:00 (中国标准时间)") == instant)
        #expect(newYork.parse("2024年05月01日 10:00（北京时间）") == instant)
    }
}
