/// The element names the tree builder treats specially, as small integers so that its many
/// name checks are integer comparisons. Every other name is `.other`. The tag follows the local
/// name whatever the namespace (an SVG `<svg>` is `.svg`, an SVG `<title>` is `.title`).
public enum HTMLTag: UInt8, Sendable {
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
        var name = name
        return name.withUTF8 { lookup(bytes: $0) }
    }

    /// An open-addressing table keyed by an FNV-1a hash of the name's bytes: one hash and usually
    /// one comparison per tag token, with no `String` hashing.
    private static let hashSlots: [(name: [UInt8], tag: HTMLTag)?] = {
        var slots = [(name: [UInt8], tag: HTMLTag)?](repeating: nil, count: tableSize)
        for (name, tag) in byName {
            let bytes = Array(name.utf8)
            var slot = bytes.withUnsafeBufferPointer { hash($0) } & (tableSize - 1)
            while slots[slot] != nil { slot = (slot + 1) & (tableSize - 1) }
            slots[slot] = (bytes, tag)
        }
        return slots
    }()

    private static let tableSize = 512

    @inline(__always) private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var value: UInt32 = 2_166_136_261
        for byte in bytes { value = (value ^ UInt32(byte)) &* 16_777_619 }
        return Int(value >> 7)
    }

    static func lookup(bytes: UnsafeBufferPointer<UInt8>) -> HTMLTag {
        guard bytes.count <= 16 else { return .other }
        var slot = hash(bytes) & (tableSize - 1)
        while let entry = hashSlots[slot] {
            if entry.name.elementsEqual(bytes) { return entry.tag }
            slot = (slot + 1) & (tableSize - 1)
        }
        return .other
    }

    /// The element's name (from a table: `String(describing:)` on every call showed in profiles).
    public var name: String { Self.names[Int(rawValue)] }

    private static let names: [String] = {
        var names = [""]
        var raw: UInt8 = 1
        while let tag = HTMLTag(rawValue: raw) {
            switch tag {
            case .annotationXml: names.append("annotation-xml")
            case .foreignObject: names.append("foreignobject")
            default: names.append(String(describing: tag))
            }
            raw += 1
        }
        return names
    }()

    var isHeading: Bool { self == .h1 || self == .h2 || self == .h3 || self == .h4 || self == .h5 || self == .h6 }
}
