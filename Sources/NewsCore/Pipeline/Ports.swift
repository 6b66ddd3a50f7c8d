public import Foundation

/// What the pipeline asks a loader for.
public struct LoadRequest: Sendable {
    /// Feeds and article pages have their own size limits.
    public enum Kind: Sendable {
        case feed, page
        /// An article image, for a site that keeps copies (see ``ImageLoader``).
        case image
    }

    public var url: String
    public var kind: Kind
    /// Per-source request headers (Referer, Cookie, …).
    public var headers: [String: String]
    /// Validators from the last successful fetch, for a conditional GET.
    public var validators: CacheValidators?
    /// Who chose the URL: the operator (trusted), or a feed or page (untrusted, see ``LinkTrust``).
    public var trust: LinkTrust
    /// A tighter byte limit than the fetcher's own for the kind (an image's size cap).
    public var maxBytes: Int?

    public init(url: String, kind: Kind = .feed, headers: [String: String] = [:], validators: CacheValidators? = nil,
                trust: LinkTrust = .configured, maxBytes: Int? = nil) {
        self.url = url
        self.kind = kind
        self.headers = headers
        self.validators = validators
        self.trust = trust
        self.maxBytes = maxBytes
    }
}

/// Whether a URL may lead to an internal address. The operator's configuration is trusted; a link
/// that a feed or a page gave is not: a fetch of it, after DNS resolution and after every redirect,
/// must connect to a public address, unless its host is one of the few allowed to be internal.
public enum LinkTrust: Sendable, Hashable {
    /// The operator configured this URL (a source's feed, a URL given on the command line).
    case configured
    /// A feed or a page gave this URL. Hosts in `privateHostsAllowed` (the source's own feed host,
    /// and those the configuration allows) may still resolve to internal addresses.
    case untrusted(privateHostsAllowed: Set<String>)
}

/// HTTP cache validators (`ETag`, `Last-Modified`) remembered between runs.
public struct CacheValidators: Sendable, Hashable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String?, lastModified: String?) {
        self.etag = etag
        self.lastModified = lastModified
    }

    public var isEmpty: Bool { etag == nil && lastModified == nil }
}

/// What a load gave: the document, or word that it has not changed since the validators were issued.
public enum LoadOutcome: Sendable {
    case loaded(LoadedDocument)
    case notModified(finalURL: String)
}

/// Loads a source's document: bytes plus the charset the transport declared, if any.
public protocol DocumentLoader: Sendable {
    func load(_ request: LoadRequest) async throws -> LoadOutcome
}

public struct LoadedDocument: Sendable {
    public var bytes: [UInt8]
    public var charset: String?
    public var finalURL: String
    /// Validators to send next time (nil when the server gave none).
    public var validators: CacheValidators?
    /// How long the server says the document stays fresh (`Cache-Control: max-age`).
    public var maxAge: TimeInterval?
    /// The media type the server declared (`image/png`), without parameters; nil when it gave none.
    public var contentType: String?

    public init(bytes: [UInt8], charset: String?, finalURL: String, validators: CacheValidators? = nil, maxAge: TimeInterval? = nil,
                contentType: String? = nil) {
        self.bytes = bytes
        self.charset = charset
        self.finalURL = finalURL
        self.validators = validators
        self.maxAge = maxAge
        self.contentType = contentType
    }
}


/// A failure while handling one source: which source, which URL, what went wrong.
public struct SourceError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var url: String
    public var message: String

    public init(source: String, url: String, message: String) {
        self.source = source
        self.url = url
        self.message = message
    }

    /// `source` names the URL (a source's label is `site / channel <url>`, a loader's source is the URL).
    public var description: String { "\(source): \(message)" }
}
