/// The element names the tree builder treats specially, as small integers so that its many
/// name checks are integer comparisons. Every other name is `.other`.
enum HTMLTag: UInt8 {
    case other
    case a, address, annotationXml, applet, area, article, aside, b, base, basefont, bgsound, big, blockquote
    case body, br, button, caption, center, code, col, colgroup, dd, desc, details, dialog, dir, div, dl, dt
    case em, embed, fieldset, figcaption, figure, font, footer, foreignObject, form, frame, frameset
    case h1, h2, h3, h4, h5, h6, head, header, hgroup, hr, html, i, iframe, image, img, input, keygen
    case label, li, link, listing, main, malignmark, marquee, math, menu, meta, mglyph, mi, mn, mo, ms, mtext
    case nav, nobr, noembed, noframes, noscript, object, ol, optgroup, option, p, param, plaintext, pre
    case rb, rp, rt, rtc, ruby, s, script, search, section, select, selectedcontent, small, source, span
    case strike, strong, style, sub, summary, sup, svg, table, tbody, td, template, textarea, tfoot, th
    case thead, title, tr, track, tt, u, ul, `var`, wbr, xmp

    static let byName: [String: HTMLTag] = {
        var table: [String: HTMLTag] = [:]
        var raw: UInt8 = 1
        while let tag = HTMLTag(rawValue: raw) {
            table[tag.name] = tag
            raw += 1
        }
        return table
    }()

    @inline(__always) static func lookup(_ name: String) -> HTMLTag {
        byName[name] ?? .other
    }

    var name: String {
        switch self {
        case .annotationXml: "annotation-xml"
        case .foreignObject: "foreignobject"
        default: String(describing: self)
        }
    }

    var isHeading: Bool { self == .h1 || self == .h2 || self == .h3 || self == .h4 || self == .h5 || self == .h6 }
}
