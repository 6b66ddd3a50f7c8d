import Foundation
import Testing

@testable import HTML5Parser

/// Hostile sizes and shapes parse without crashing, without deep recursion and in linear time.
struct RobustnessTests {
    /// CPU time of this thread: unaffected by other tests running on the other core.
    func seconds(_ body: () -> Void) -> Double {
        func now() -> Double {
            var spec = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
            return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
        }
        let start = now()
        body()
        return now() - start
    }

    @Test func hundredThousandNestedElements() throws {
        let html = String(repeating: "<div>", count: 100_000) + "deep" + String(repeating: "</div>", count: 100_000)
        let document = HTMLParser.parse(html)
        let divs = try document.select("div")
        #expect(divs.count == 100_000)
        #expect(document.root.textContent == "deep")
        #expect(document.root.innerHTML.count > 1_100_000)
    }

    @Test func nestingCostGrowsLinearly() {
        func parse(_ count: Int) -> Double {
            let html = String(repeating: "<div><span>", count: count)
            return (0..<3).map { _ in seconds { _ = HTMLParser.parse(html) } }.min()!
        }
        _ = parse(1_000)
        let small = parse(20_000)
        let large = parse(80_000)
        #expect(large < small * 8, "20k: \(small)s, 80k: \(large)s")
    }

    @Test func fiftyMegabyteTextNode() throws {
        var bytes = Array("<p>".utf8)
        bytes.append(contentsOf: [UInt8](repeating: 0x61, count: 50 * 1024 * 1024))
        let document = HTMLParser.parse(bytes)
        let paragraph = try #require(try document.select("p").first)
        #expect(paragraph.textContent.utf8.count == 50 * 1024 * 1024)
    }

    @Test func millionAttributes() throws {
        var html = "<p"
        html.reserveCapacity(12_000_000)
        for index in 0..<1_000_000 { html += " a\(index)=1" }
        html += " a5=dup>x"
        var document: HTMLDocument!
        let elapsed = seconds { document = HTMLParser.parse(html) }
        let paragraph = try #require(try document.select("p").first)
        #expect(paragraph.attributes.count == 1_000_000)
        #expect(elapsed < 60)
    }

    @Test func nulBytesAndInvalidUTF8() throws {
        var bytes = Array("<p>a\u{0}b</p><\u{0}x><p id=\"\u{0}\">".utf8)
        bytes.append(contentsOf: [0xFF, 0xC3, 0x28, 0xE2, 0x82, 0xF0, 0x9F, 0x98, 0x80, 0xED, 0xA0, 0x80])
        let document = HTMLParser.parse(bytes)
        let text = document.root.textContent
        #expect(text.contains("ab"))
        #expect(text.contains("\u{FFFD}(\u{FFFD}😀"))
        #expect(try document.select("p").last?.attribute("id") == "\u{FFFD}")
    }

    @Test func everyPrefixOfARealPageParses() {
        let html = "<!DOCTYPE html><html><head><title>t</title><script>if(a<b){}</script></head><body><table><tr><td>x<svg><p>y</table><!--c"
        for end in html.indices {
            _ = HTMLParser.parse(String(html[..<end])).root.innerHTML
        }
    }
}
