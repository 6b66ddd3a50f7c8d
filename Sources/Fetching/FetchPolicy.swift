public import NewsCore

/// Limits, timeouts and politeness rules for fetching.
public struct FetchPolicy: Sendable {
    public var userAgent = "Newsmill/0.1 (+https://github.com/newsmill/newsmill)"
    public var connectTimeout: Duration = .seconds(10)
    /// The longest wait for the next bytes of a response.
    public var readTimeout: Duration = .seconds(20)
    /// The longest a whole request may take, body included (a server trickling bytes hits this).
    public var totalTimeout: Duration = .seconds(60)
    public var maxRedirects = 5
    public var maxFeedBytes = 10 * 1024 * 1024
    public var maxPageBytes = 5 * 1024 * 1024
    /// Attempts per request, the first included, for 5xx, 429 and connection failures.
    public var maxAttempts = 3
    /// The first retry waits about this long, each next one twice as long, with jitter.
    public var backoffBase: Duration = .milliseconds(500)
    public var maxBackoff: Duration = .seconds(30)
    /// A `Retry-After` longer than this is not waited for: the request fails instead.
    public var maxRetryAfter: Duration = .seconds(120)
    /// Requests in flight at once, over all hosts.
    public var globalConcurrency = 16
    /// Requests in flight at once to one host.
    public var perHostConcurrency = 2
    /// The least time between the starts of two requests to one host.
    public var perHostDelay: Duration = .seconds(1)
    /// An HTTP proxy, as `host:port`. With a proxy, the proxy connects: links are checked against
    /// the addresses this machine resolves, but the proxy resolves them again itself.
    public var proxy: String?
    /// Hosts that links from feeds and pages may reach even though they resolve to internal
    /// addresses (an intranet news server). A source's own feed host is always allowed for its items.
    public var allowPrivateHosts: Set<String> = []

    public init() {}

    func maxBytes(for kind: LoadRequest.Kind) -> Int {
        kind == .feed ? maxFeedBytes : maxPageBytes
    }

    /// The request's own limit when it has a tighter one (an image's size cap), else the kind's.
    func maxBytes(for request: LoadRequest) -> Int {
        min(request.maxBytes ?? .max, maxBytes(for: request.kind))
    }
}


