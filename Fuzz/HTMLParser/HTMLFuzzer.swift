// libFuzzer target for the HTML5 parser: every input must parse, serialize, re-parse, match
// selectors and walk the stream serializer without crashing or hanging.
//
// scripts/fuzz.sh HTMLParser builds it with -sanitize=fuzzer (FUZZING defined); a plain build
// gives a replayer: `HTMLFuzzer FILE…` runs the same checks on saved inputs (crash reproduction).
#if !FUZZING
import FuzzSupport
#endif
import HTML5Parser

public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let document = HTMLParser.parse(bytes, scripting: size % 2 == 0, collectErrors: true)
    let html = document.root.outerHTML
    _ = HTMLParser.parse(html).root.textContent
    _ = HTMLStreamSerializer().serialize(HTMLStreamSerializer.tokens(of: document.root))
    if let selector = try? CSSSelector(String(decoding: bytes.prefix(64), as: UTF8.self)) {
        _ = document.root.select(selector)
    }
    _ = HTMLParser.parseFragment(String(decoding: bytes, as: UTF8.self), context: "td").outerHTML
    _ = HTMLEncoding.decode(bytes)
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
