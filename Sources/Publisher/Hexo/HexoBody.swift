import HTML5Parser
import NewsCore

/// A post's body as Hexo's Markdown engine must see it: one HTML block.
///
/// The body is written inside `<div>…</div>` in a Markdown file, and marked (CommonMark HTML block
/// type 6) ends that block at the first blank line, a line of spaces and tabs included: whatever
/// followed would be read as Markdown (`[x](javascript:…)` links, headings, code blocks). So the
/// body holds no blank line: outside preformatted text a run of whitespace that spans lines is one
/// line feed (which renders the same), and the line breaks that matter (in `<pre>` text and in
/// attribute values) are written as `&#10;`.
/// (``CleanStory`` keeps every output's body in this form.)
enum HexoBody {
    static func html(of fragment: HTMLNode) -> String {
        collapseLineBreaks(under: fragment)
        return fragment.innerHTMLWithPreservedLineBreaksAsReferences.trimmingHTMLWhitespace()
    }

    /// Elements whose text is written raw: character references mean nothing there.
    private static let rawText: Set<HTMLTag> = [.script, .style, .xmp, .iframe, .noembed, .noframes, .plaintext]

    /// Outside `<pre>`, `<textarea>` and `<listing>` (and in raw text anywhere), whitespace runs
    /// that span lines become one line feed, and carriage returns line feeds.
    /// - Complexity: O(n), one walk that knows whether it is inside preformatted text.
    static func collapseLineBreaks(under root: HTMLNode) {
        let document = root.document
        var pending: [(index: Int, preformatted: Bool)] = [(root.index, false)]
        while let (parent, preformatted) = pending.popLast() {
            let parentTag = document.tag(at: parent)
            var child = document.firstChildIndex(of: parent)
            while child >= 0 {
                switch document.kind(at: child) {
                case .text where !preformatted || rawText.contains(parentTag):
                    let data = document.data(at: child)
                    if ByteSearch.contains(0x0A, or: 0x0D, in: data) { document.node(at: child).setData(collapsed(data)) }
                case .element:
                    let tag = document.tag(at: child)
                    pending.append((child, preformatted || tag == .pre || tag == .textarea || tag == .listing))
                default:
                    break
                }
                child = document.nextSiblingIndex(of: child)
            }
        }
    }

    /// `text` with each run of spaces, tabs, form feeds and line breaks that spans more than one
    /// line break made one line feed (a run with one line break stays, its carriage return a line feed).
    static func collapsed(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var run = String.UnicodeScalarView()
        var breaks = 0
        var previous: Unicode.Scalar = " "
        func flush() {
            if breaks > 1 {
                result.append("\n")
            } else {
                for scalar in run where scalar != "\r" || breaks == 0 { result.append(scalar) }
                if breaks == 1 && !run.contains("\n") { result.append("\n") }
            }
            run.removeAll()
            breaks = 0
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\u{0C}":
                run.append(scalar)
            case "\r":
                run.append(scalar)
                breaks += 1
            case "\n":
                run.append(scalar)
                if previous != "\r" { breaks += 1 }
            default:
                flush()
                result.append(scalar)
            }
            previous = scalar
        }
        flush()
        return String(result)
    }
}
