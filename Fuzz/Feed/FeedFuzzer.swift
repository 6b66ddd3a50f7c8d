// libFuzzer target for the feed reader and the date parser: any bytes must give a feed or a
// FeedError, and every date string must give an instant or a rejection, without crashing or
// hanging. Built like Fuzz/HTMLParser (see scripts/fuzz.sh).
import FeedParsing
#if !FUZZING
import FuzzSupport
#endif
import Foundation
import NewsCore

let fuzzDateParser = NewsDateParser(
    timeZone: TimeZone(identifier: "Asia/Shanghai")!, now: Date(timeIntervalSince1970: 1_714_622_400))

public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let feed = try? FeedParser.parse(bytes, transportCharset: size % 3 == 0 ? "gbk" : nil, baseURL: "https://example.com/feed") {
        for entry in feed.entries {
            _ = entry.bestHTML
            _ = ItemIdentity.key(for: entry, sourceKey: "fuzz")
            for raw in [entry.rawPublished, entry.rawUpdated].compactMap({ $0 }) { _ = fuzzDateParser.resolve(raw) }
        }
    }
    // The input itself, read as a date string (short inputs are the interesting ones).
    if size <= 256 { _ = fuzzDateParser.resolve(String(decoding: bytes, as: UTF8.self)) }
    return 0
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func libFuzzerEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzOneInput(data, size)
}
#else
@main
struct Replay {
    static func main() {
        FuzzReplay.run(fuzzOneInput)
    }
}
#endif
