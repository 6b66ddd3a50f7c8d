import Foundation
import HTML5Parser
import Publisher
import Testing

/// Hostile HTML through the cleaner every published body passes: nothing executable survives, and
/// the output is stable when parsed and cleaned again (no mutation XSS through a second parse).
struct SanitizerXSSTests {
    static let handwritten: [String] = [
        "<script>alert(1)</script>", "<SCRIPT SRC=http://x.example/xss.js></SCRIPT>", "<img src=x onerror=alert(1)>",
        "<img src=\"javascript:alert(1)\">", "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<img src=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
        "<img src=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a href=\" javascript:alert(1)\">x</a>", "<a href=\"java\nscript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>", "<a href=\"jAvAsCrIpT&#58;alert(1)\">x</a>",
        "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>",
        "<iframe src=\"javascript:alert(1)\"></iframe>", "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<iframe src=\"https://evil.example/\"></iframe>", "<object data=\"javascript:alert(1)\"></object>", "<embed src=\"javascript:alert(1)\">",
        "<svg onload=alert(1)>", "<svg><script>alert(1)</script></svg>", "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>", "<svg><set attributeName=href to=javascript:alert(1)>",
        "<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "<math href=\"javascript:alert(1)\">x</math>",
        "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
        "<math><mi><svg><desc><img src=x onerror=alert(1)></desc></svg></mi></math>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<base href=\"javascript:alert(1)//\">", "<link rel=stylesheet href=\"javascript:alert(1)\">",
        "<style>@import 'javascript:alert(1)';</style>", "<div style=\"width: expression(alert(1))\">x</div>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>", "<div style=\"behavior: url(x.htc)\">x</div>",
        "<div style=\"-moz-binding:url(x.xml#xss)\">x</div>", "<p style=\"xss:expr/**/ession(alert(1))\">x</p>",
        "<p style=\"xss:ex\\pression(alert(1))\">x</p>", "<p style=\"color:red;background-image:url('javascript:alert(1)')\">x</p>",
        "<form action=\"javascript:alert(1)\"><input type=submit></form>", "<button formaction=\"javascript:alert(1)\">x</button>",
        "<input onfocus=alert(1) autofocus>", "<body onload=alert(1)>", "<details open ontoggle=alert(1)>x</details>",
        "<video><source onerror=alert(1)></video>", "<video poster=javascript:alert(1)></video>", "<audio src=x onerror=alert(1)></audio>",
        "<marquee onstart=alert(1)>x</marquee>", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<title><img src=x onerror=alert(1)></title>", "<textarea><img src=x onerror=alert(1)></textarea>",
        "<xmp><img src=x onerror=alert(1)></xmp>", "<noembed><img src=x onerror=alert(1)></noembed>",
        "<noframes><img src=x onerror=alert(1)></noframes>", "<template><script>alert(1)</script></template>",
        "<!--<img src=x onerror=alert(1)>-->", "<![CDATA[<img src=x onerror=alert(1)>]]>", "<!--><img src=x onerror=alert(1)>-->",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">", "<img srcset=\"javascript:alert(1) 1x, x.jpg 2x\">",
        "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>", "<blockquote cite=\"javascript:alert(1)\">x</blockquote>",
        "<isindex action=javascript:alert(1) type=image>", "<keygen autofocus onfocus=alert(1)>", "<select onfocus=alert(1) autofocus></select>",
        "<frameset onload=alert(1)>", "<applet code=x></applet>", "<portal src=javascript:alert(1)></portal>",
        "<img dynsrc=\"javascript:alert(1)\">", "<img lowsrc=\"javascript:alert(1)\">", "<div data-bind=\"html: x\">x</div>",
        "<a href=\"https://e.example\" target=_blank>x</a>", "<p>a<script>alert(1)</script>b</p>",
        "<scr<script>ipt>alert(1)</script>", "<img src=`x`onerror=alert(1)>", "<img/src=x/onerror=alert(1)>",
        "<div id=\"x\"><a id=\"x\" name=\"cookie\">x</a></div>", "<a href=\"\u{0001}javascript:alert(1)\">x</a>",
        "<a href=\"javascript\u{0000}:alert(1)\">x</a>", "<object><param name=src value=javascript:alert(1)></object>",
        "<canvas id=c></canvas><script>alert(1)</script>", "<map><area href=javascript:alert(1)></map>",
        "<dialog open onclose=alert(1)>x</dialog>", "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    ]

    static var generated: [String] {
        let handlers = ["onerror", "onload", "onclick", "onmouseover", "onfocus", "onanimationstart", "onpointerenter"]
        let tags = ["img src=x", "div", "a href=#", "p", "span", "video", "table"]
        let byHandler = handlers.flatMap { handler in tags.map { "<\($0) \(handler)=alert(1)>x" } }
        let schemes = ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                       "&#106;avascript:alert(1)", "vbscript:x", "data:text/html,<script>alert(1)</script>"]
        let sinks = [("a", "href"), ("img", "src"), ("iframe", "src"), ("video", "poster"), ("blockquote", "cite"), ("source", "src")]
        let byScheme = schemes.flatMap { scheme in sinks.map { "<\($0.0) \($0.1)=\"\(scheme)\">x</\($0.0)>" } }
        return byHandler + byScheme
    }

    static var vectors: [String] { handwritten + generated }

    static let dangerousElements: Set<String> = [
        "script", "style", "object", "embed", "applet", "svg", "math", "meta", "base", "link", "form", "input", "button",
        "select", "textarea", "noscript", "template", "frame", "frameset", "iframe", "title", "xmp", "noembed", "noframes",
        "isindex", "keygen", "portal", "dialog", "area", "map", "param", "marquee",
    ]

    /// Every way the cleaned output could still run script, as readable findings.
    static func findings(in html: String) -> [String] {
        var found: [String] = []
        let root = HTMLParser.parseFragment(html, context: "div")
        for node in root.descendants where node.isElement {
            if node.namespace != .html { found.append("foreign element <\(node.name)>") }
            if dangerousElements.contains(node.name) { found.append("element <\(node.name)>") }
            for attribute in node.attributes {
                let name = attribute.name.lowercased()
                let value = String(String.UnicodeScalarView(attribute.value.lowercased().unicodeScalars.filter { $0.value > 0x20 }))
                if name.hasPrefix("on") { found.append("handler \(name)") }
                if ["srcdoc", "formaction", "action", "background", "dynsrc", "lowsrc", "data"].contains(name) { found.append("attribute \(name)") }
                if attribute.namespace != nil { found.append("namespaced attribute \(name)") }
                if value.contains("javascript:") || value.contains("vbscript:") { found.append("script URL in \(name)") }
                if value.hasPrefix("data:") && !(node.name == "img" && name == "src" && value.hasPrefix("data:image/") && !value.hasPrefix("data:image/svg")) {
                    found.append("data URL in \(name)")
                }
                if name == "style", ["expression", "url(", "behavior", "binding", "@import"].contains(where: value.contains) {
                    found.append("style \(value)")
                }
            }
            if node.name == "a", node.attribute("target") != nil, node.attribute("rel") != "noopener noreferrer" {
                found.append("target without rel=noopener")
            }
        }
        return found
    }

    @Test func theCorpusHasOverAHundredVectors() {
        #expect(Self.vectors.count >= 100)
    }

    @Test(arguments: vectors)
    func nothingExecutableSurvives(vector: String) {
        let cleaner = ArticleBodyCleaner(title: "", baseURL: "https://news.example.com/a/b.html")
        let cleaned = cleaner.clean("<p>before</p>" + vector + "<p>after</p>")
        #expect(Self.findings(in: cleaned).isEmpty, "\(vector) → \(cleaned)")
        #expect(cleaner.clean(cleaned) == cleaned, "unstable under a second parse: \(vector) → \(cleaned)")
        // The text before the vector survives (an unterminated vector may legitimately swallow what follows).
        #expect(cleaned.contains("before"), "surrounding text survives: \(cleaned)")
    }

    @Test func safeContentIsKept() {
        let cleaner = ArticleBodyCleaner(title: "", baseURL: "https://news.example.com/a/b.html")
        let cleaned = cleaner.clean("""
            <p style="color: red">红字</p><a href="/c/d.html" target="_blank">链接</a><img data-src="/img/1.jpg" src="blank.gif" width="640" height="480">
            <iframe src="https://player.bilibili.com/player.html?bvid=1"></iframe><a href="mailto:x@example.com">信</a>
            <img src="data:image/png;base64,iVBORw0KGgo=" width="300" height="200">
            """)
        #expect(cleaned.contains("<p style=\"color: red\">红字</p>"))
        #expect(cleaned.contains("<a href=\"https://news.example.com/c/d.html\" target=\"_blank\" rel=\"noopener noreferrer\">链接</a>"))
        #expect(cleaned.contains("src=\"https://news.example.com/img/1.jpg\""), "lazy image promoted and resolved: \(cleaned)")
        #expect(cleaned.contains("loading=\"lazy\""))
        #expect(cleaned.contains("<iframe src=\"https://player.bilibili.com/player.html?bvid=1\" sandbox="))
        #expect(cleaned.contains("href=\"mailto:x@example.com\""))
        #expect(cleaned.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""))
    }

    // MARK: - Inline styles (issue 12, item 4)

    static let styleCleaner = ArticleBodyCleaner(title: "", baseURL: "https://news.example.com/a/b.html")

    /// The style attributes of the cleaned body.
    static func styles(_ html: String) -> [String] {
        HTMLParser.parseFragment(styleCleaner.clean(html), context: "div").descendants.compactMap { $0.attribute("style") }
    }

    /// Tracking images and overlays written so that a substring test misses them: CSS escapes,
    /// comments, odd case and spacing, in the property or in the value.
    @Test(arguments: [
        #"background:\75rl(https://tracker.example/p.gif)"#,
        #"background-image:\000075rl('https://tracker.example/p.gif')"#,
        #"background:\75 rl(https://tracker.example/p.gif)"#,
        #"background:u\rl(https://tracker.example/p.gif)"#,
        #"background:u\72l(https://tracker.example/p.gif)"#,
        "background:u/**/rl(https://tracker.example/p.gif)",
        #"\62 ackground: url(https://tracker.example/p.gif)"#,
        "BACKGROUND: URL(https://tracker.example/p.gif)",
        "list-style: url(https://tracker.example/p.gif)",
        "cursor: url(https://tracker.example/c.cur), auto",
        "color: red; background: image-set(\"https://tracker.example/p.gif\" 1x)",
        "color: red; border-image: url(https://tracker.example/p.gif) 30",
        "content: url(https://tracker.example/p.gif)",
        #"color:\r\e\d; background:\75\72\6c(https://tracker.example/p.gif)"#,
    ])
    func noTrackingURLSurvivesInAStyle(style: String) {
        let styles = Self.styles("<p style=\"\(style.replacingOccurrences(of: "\"", with: "&quot;"))\">x</p>")
        for value in styles {
            #expect(!value.contains("\\") && !value.lowercased().contains("url") && !value.contains("tracker"), "\(style) → \(value)")
        }
    }

    @Test(arguments: [
        "position:fixed;top:0;left:0;width:100%;height:100%;z-index:2147483647;background:#fff",
        "position: absolute; inset: 0",
        #"\70osition: fixed; top: 0"#,
        "posi/**/tion: fixed",
        "display:block;position:sticky;top:0;opacity:0.01",
        "transform: scale(100); margin-top: -9999px",
    ])
    func noOverlaySurvivesInAStyle(style: String) {
        for value in Self.styles("<div style=\"\(style)\">overlay</div><p>story</p>") {
            for banned in ["position", "fixed", "absolute", "sticky", "inset", "z-index", "top", "opacity", "transform", "margin", "\\"] {
                #expect(!value.contains(banned), "\(style) → \(value)")
            }
        }
    }

    @Test func harmlessStylesAreKeptTidily() {
        #expect(Self.styles("<p style=\"color: red\">x</p>") == ["color: red"])
        #expect(Self.styles("<p style=\"TEXT-ALIGN:Center;font-weight:bold ; text-indent: 2em;\">x</p>")
            == ["text-align: center; font-weight: bold; text-indent: 2em"])
        #expect(Self.styles("<p style=\"color:#c00;background-color:rgb(255, 240, 200);font-style:italic\">x</p>")
            == ["color: #c00; background-color: rgb(255, 240, 200); font-style: italic"])
        #expect(Self.styles("<img src=\"https://example.com/a.jpg\" style=\"width:50%;height:auto;max-width:640px\">")
            == ["width: 50%; height: auto; max-width: 640px"])
        #expect(Self.styles("<p style=\"text-decoration: underline line-through; vertical-align: super\">x</p>")
            == ["text-decoration: underline line-through; vertical-align: super"])
        // Only the bad declarations go; a style left empty goes whole.
        #expect(Self.styles("<p style=\"color: blue; position: fixed\">x</p>") == ["color: blue"])
        #expect(Self.styles("<p style=\"position: fixed\">x</p>").isEmpty)
        #expect(Self.styles("<p style=\"color: red !important\">x</p>") == ["color: red"])
        #expect(Self.styles("<p style=\"width: 100vw; height: 100vh; font-size: 10000px\">x</p>").isEmpty)
        #expect(Self.styles("<p style=\"font-size:16px\">x</p>") == ["font-size: 16px"])
    }
}
