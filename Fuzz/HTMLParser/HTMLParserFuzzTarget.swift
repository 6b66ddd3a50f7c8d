// libFuzzer entry point for the HTML5 parser: every input must parse, serialize, re-parse,
// match selectors and walk the stream serializer without crashing or hanging.
// Built and run by scripts/fuzz.sh; the seed corpus is Fuzz/HTMLParser/corpus.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let scripting = size % 2 == 0
    let document = HTMLParser.parse(bytes, scripting: scripting, collectErrors: true)
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
