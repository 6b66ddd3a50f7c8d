// libFuzzer target for article extraction and the published-body cleaner: any bytes must give an
// article (possibly empty) and a sanitized body, without crashing or hanging. Built like
// Fuzz/HTMLParser (see scripts/fuzz.sh).
import Extraction
import Foundation
#if !FUZZING
import FuzzSupport
#endif
import Publisher

let fuzzExtractor = ArticleExtractor(now: Date(timeIntervalSince1970: 1_714_622_400))

public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let url = size % 2 == 0 ? "https://finance.sina.com.cn/a.shtml" : "https://news.example.com/a.html"
    let article = fuzzExtractor.extract(bytes, url: url)
    _ = ArticleBodyCleaner(title: article.title ?? "", baseURL: url).clean(article.html)
    _ = ArticleBodyCleaner(title: "", baseURL: url).clean(String(decoding: bytes, as: UTF8.self))
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
