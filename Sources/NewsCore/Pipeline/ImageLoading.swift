/// What an output that keeps copies of article images (a site with `images: archive`) asks for.
public struct ImageRequest: Sendable, Hashable {
    public var url: String
    /// The largest image accepted, in bytes (the fetcher's own page limit still applies).
    public var maxBytes: Int
    /// Image URLs come from feeds and pages: untrusted, except the hosts this allows (see ``LinkTrust``).
    public var trust: LinkTrust

    public init(url: String, maxBytes: Int, trust: LinkTrust) {
        self.url = url
        self.maxBytes = maxBytes
        self.trust = trust
    }
}

/// An image as it was downloaded, its format read from its own bytes.
public struct LoadedImage: Sendable {
    public var bytes: [UInt8]
    public var format: ImageFormat
    /// Where the image was found, after redirects.
    public var finalURL: String

    public init(bytes: [UInt8], format: ImageFormat, finalURL: String) {
        self.bytes = bytes
        self.format = format
        self.finalURL = finalURL
    }
}

/// Downloads article images for an output that keeps copies of them. Implementations fetch within
/// the fetcher's limits and politeness, send no `Referer` (so hot-link-protected images come
/// through), refuse internal addresses for untrusted URLs, and accept only what is an image both by
/// its declared type and by its bytes.
public protocol ImageLoader: Sendable {
    /// - Throws: an ``ImageLoadError`` naming the URL and the reason.
    func loadImage(_ request: ImageRequest) async throws -> LoadedImage
}

/// Why an image could not be downloaded, worded for the operator, and whether a later try may help.
public struct ImageLoadError: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// False when no later try can succeed: the URL is not a valid http(s) URL, or it leads to an
    /// internal address.
    public var mayRetry: Bool

    public init(_ description: String, mayRetry: Bool) {
        self.description = description
        self.mayRetry = mayRetry
    }
}

/// The image formats a site keeps, recognised by their first bytes, never by what a server says.
/// SVG is none of them: it is a document that can carry script.
public enum ImageFormat: String, Sendable, Hashable, CaseIterable {
    case png, jpeg, gif, webp, avif

    /// The file extension a copy gets (`jpg` for JPEG).
    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    public var mediaType: String { "image/" + rawValue }

    /// The format `bytes` begin with, or nil when they are no image of a kept format (an HTML error
    /// page, a truncated file, an SVG document).
    public static func sniff(_ bytes: [UInt8]) -> ImageFormat? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && bytes[offset..<offset + prefix.count].elementsEqual(prefix)
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8), starts(Array("VP8".utf8), at: 12) { return .webp }
        if starts(Array("ftyp".utf8), at: 4), starts(Array("avif".utf8), at: 8) || starts(Array("avis".utf8), at: 8) { return .avif }
        return nil
    }

    /// What `bytes` look like, for a refusal: `HTML`, `an SVG document`, `12 bytes of unknown data`.
    public static func describe(_ bytes: [UInt8]) -> String {
        let head = String(decoding: bytes.prefix(512), as: UTF8.self).lowercased()
        if head.contains("<svg") { return "an SVG document" }
        if head.contains("<html") || head.contains("<!doctype") || head.contains("<body") || head.contains("<title") { return "HTML" }
        if bytes.isEmpty { return "empty" }
        return "\(bytes.count) bytes of no known image format"
    }
}
