import AsyncHTTPClient
import Foundation
import Logging
public import NewsCore
import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// Fetches feeds and pages over HTTP(S), politely and defensively: conditional GET, gzip and
/// deflate, redirects followed by hand (at most `maxRedirects`, loops detected), connect, read and
/// total timeouts, size limits per kind of document (decompressed size included, so a gzip bomb
/// stops at the limit), retries with exponential backoff and jitter on 5xx, 429 (honouring
/// `Retry-After`) and connection failures, and the ``HostGate`` limits on concurrency and pace.
///
/// ```swift
/// let fetcher = HTTPFetcher(policy: FetchPolicy())
/// defer { try? await fetcher.shutdown() }
/// let outcome = try await fetcher.load(LoadRequest(url: "https://example.com/feed.xml"))
/// ```
public final class HTTPFetcher: DocumentLoader {
    public let policy: FetchPolicy
    private let configuration: HTTPClient.Configuration
    private let client: HTTPClient
    private let gate: HostGate
    private let logger: Logger

    public init(policy: FetchPolicy, logger: Logger = Logger(label: "newsmill.fetch")) {
        self.policy = policy
        self.logger = logger
        gate = HostGate(global: policy.globalConcurrency, perHost: policy.perHostConcurrency, delay: policy.perHostDelay)
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: policy.connectTimeout.timeAmount, read: policy.readTimeout.timeAmount),
            decompression: .enabled(limit: .size(max(policy.maxFeedBytes, policy.maxPageBytes))))
        if let proxy = policy.proxy, let colon = proxy.lastIndex(of: ":"), let port = Int(proxy[proxy.index(after: colon)...]) {
            configuration.proxy = .server(host: String(proxy[..<colon]), port: port)
        }
        self.configuration = configuration
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the connection pool; call once, when done.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Runs `body` with a fetcher that is shut down afterwards, whether `body` returns or throws.
    public static func with<Result>(
        policy: FetchPolicy, logger: Logger = Logger(label: "newsmill.fetch"), _ body: (HTTPFetcher) async throws -> Result
    ) async throws -> Result {
        let fetcher = HTTPFetcher(policy: policy, logger: logger)
        do {
            let result = try await body(fetcher)
            try await fetcher.shutdown()
            return result
        } catch {
            try? await fetcher.shutdown()
            throw error
        }
    }

    public func load(_ request: LoadRequest) async throws -> LoadOutcome {
        var url = request.url
        var chain = [url]
        while true {
            switch try await fetchWithRetries(url, request) {
            case .notModified:
                return .notModified(finalURL: url)
            case .document(let document):
                return .loaded(document)
            case .redirect(let location):
                guard let next = Self.resolve(location, against: url) else {
                    throw FetchError(url: request.url, reason: .connection("redirect to an invalid location \(location)"), attempts: 1)
                }
                if chain.contains(next) {
                    throw FetchError(url: request.url, reason: .redirectLoop(chain + [next]), attempts: 1)
                }
                guard chain.count <= policy.maxRedirects else {
                    throw FetchError(url: request.url, reason: .tooManyRedirects(policy.maxRedirects), attempts: 1)
                }
                logger.debug("redirect", metadata: ["from": "\(url)", "to": "\(next)"])
                chain.append(next)
                url = next
            }
        }
    }

    // MARK: - One URL, with retries

    enum Response {
        case document(LoadedDocument)
        case notModified
        case redirect(String)
    }

    /// A failure worth another try, and how long the server asked us to wait.
    struct Retryable: Error {
        var reason: FetchError.Reason
        var retryAfter: TimeInterval?
    }

    private func fetchWithRetries(_ url: String, _ request: LoadRequest) async throws -> Response {
        guard let host = URL(string: url)?.host, url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw FetchError(url: url, reason: .invalidURL, attempts: 1)
        }
        // An untrusted link connects to the address checked here.
        let address = try await LinkGuard.pinnedAddress(for: url, trust: request.trust, alsoAllowed: policy.allowPrivateHosts)
        return try await fetchWithRetries(url, request, host: host, connectingTo: address)
    }

    /// Fetches `url`, connecting to `address` instead of what `host` resolves to (when given), through a
    /// client of its own that is closed afterwards.
    func fetchWithRetries(_ url: String, _ request: LoadRequest, host: String, connectingTo address: String?) async throws -> Response {
        guard let address else { return try await fetchWithRetries(url, request, host: host, client: client) }
        var pinnedConfiguration = configuration
        pinnedConfiguration.dnsOverride = [host: address]
        let pinned = HTTPClient(eventLoopGroupProvider: .singleton, configuration: pinnedConfiguration)
        do {
            let response = try await fetchWithRetries(url, request, host: host, client: pinned)
            try? await pinned.shutdown()
            return response
        } catch {
            try? await pinned.shutdown()
            throw error
        }
    }

    private func fetchWithRetries(_ url: String, _ request: LoadRequest, host: String, client: HTTPClient) async throws -> Response {
        var attempt = 0
        while true {
            attempt += 1
            do {
                await gate.acquire(host: host)
                do {
                    let response = try await fetchOnce(url, request, client: client)
                    await gate.release(host: host)
                    return response
                } catch {
                    await gate.release(host: host)
                    throw error
                }
            } catch let failure as Retryable {
                guard attempt < policy.maxAttempts else {
                    throw FetchError(url: url, reason: failure.reason, attempts: attempt)
                }
                var wait = backoff(afterAttempt: attempt)
                if let retryAfter = failure.retryAfter {
                    guard retryAfter <= policy.maxRetryAfter.seconds else {
                        let status = if case .status(let code) = failure.reason { code } else { 429 }
                        throw FetchError(url: url, reason: .retryAfterTooLong(status: status, seconds: Int(retryAfter)), attempts: attempt)
                    }
                    wait = max(wait, retryAfter)
                }
                logger.info("retrying", metadata: [
                    "url": "\(url)", "attempt": "\(attempt)", "reason": "\(FetchError(url: url, reason: failure.reason, attempts: attempt))",
                    "wait_s": "\(String(format: "%.2f", wait))",
                ])
                try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
            } catch let error as FetchError {
                throw FetchError(url: error.url, reason: error.reason, attempts: attempt)
            }
        }
    }

    /// Exponential backoff with ±50 % jitter, capped.
    private func backoff(afterAttempt attempt: Int) -> TimeInterval {
        let base = policy.backoffBase.seconds * pow(2, Double(attempt - 1))
        return min(policy.maxBackoff.seconds, base * Double.random(in: 0.5..<1.5))
    }

    private func fetchOnce(_ url: String, _ request: LoadRequest, client: HTTPClient) async throws -> Response {
        var http = HTTPClientRequest(url: url)
        http.headers.add(name: "User-Agent", value: policy.userAgent)
        http.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        let accept = switch request.kind {
        case .feed: "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
        case .page: "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
        case .image: "image/avif, image/webp, image/png, image/jpeg, image/gif;q=0.9, image/*;q=0.8"
        }
        http.headers.add(name: "Accept", value: accept)
        for (name, value) in request.headers { http.headers.replaceOrAdd(name: name, value: value) }
        if let etag = request.validators?.etag { http.headers.add(name: "If-None-Match", value: etag) }
        if let modified = request.validators?.lastModified { http.headers.add(name: "If-Modified-Since", value: modified) }

        let started = ContinuousClock.now
        let deadline = started + policy.totalTimeout
        let response: HTTPClientResponse
        do {
            response = try await client.execute(http, deadline: .now() + policy.totalTimeout.timeAmount, logger: logger)
        } catch {
            throw classify(error, url: url, received: nil, expected: nil, limit: policy.maxBytes(for: request))
        }
        let status = Int(response.status.code)
        switch status {
        case 304:
            return .notModified
        case 301, 302, 303, 307, 308:
            guard let location = response.headers.first(name: "Location") else {
                throw FetchError(url: url, reason: .status(status), attempts: 1)
            }
            return .redirect(location)
        case 429, 500...599:
            throw Retryable(reason: .status(status), retryAfter: HTTPHeaderValues.retryAfter(response.headers.first(name: "Retry-After")))
        case 200...299:
            break
        default:
            throw FetchError(url: url, reason: .status(status), attempts: 1)
        }

        let limit = policy.maxBytes(for: request)
        let contentType = HTTPHeaderValues.mediaType(fromContentType: response.headers.first(name: "Content-Type"))
        if request.kind == .image, let contentType, !contentType.hasPrefix("image/") {
            throw FetchError(url: url, reason: .notAnImage(contentType), attempts: 1)
        }
        let declaredLength = response.headers.first(name: "Content-Length").flatMap(Int.init)
        let encoded = response.headers.first(name: "Content-Encoding").map { $0.lowercased() != "identity" } ?? false
        if let declaredLength, declaredLength > limit {
            throw FetchError(url: url, reason: .tooLarge(limit: limit), attempts: 1)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(declaredLength ?? 65536, limit))
        do {
            for try await chunk in response.body {
                guard bytes.count + chunk.readableBytes <= limit else {
                    throw FetchError(url: url, reason: .tooLarge(limit: limit), attempts: 1)
                }
                bytes.append(contentsOf: chunk.readableBytesView)
                if ContinuousClock.now > deadline {
                    throw FetchError(url: url, reason: .timeout("the whole response took over \(policy.totalTimeout)"), attempts: 1)
                }
            }
        } catch let error as FetchError {
            throw error
        } catch {
            throw classify(error, url: url, received: bytes.count, expected: encoded ? nil : declaredLength, limit: limit)
        }
        if !encoded, let declaredLength, bytes.count < declaredLength {
            throw Retryable(reason: .truncated(received: bytes.count, expected: declaredLength))
        }
        let validators = CacheValidators(etag: response.headers.first(name: "ETag"), lastModified: response.headers.first(name: "Last-Modified"))
        return .document(LoadedDocument(
            bytes: bytes,
            charset: HTTPHeaderValues.charset(fromContentType: response.headers.first(name: "Content-Type")),
            finalURL: url,
            validators: validators.isEmpty ? nil : validators,
            maxAge: HTTPHeaderValues.maxAge(fromCacheControl: response.headers.first(name: "Cache-Control")),
            contentType: contentType))
    }

    /// Turns a client error into a retryable failure or a final one.
    private func classify(_ error: any Error, url: String, received: Int?, expected: Int?, limit: Int) -> any Error {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded:
                return FetchError(url: url, reason: .timeout("no complete response within \(policy.totalTimeout)"), attempts: 1)
            case .readTimeout:
                return FetchError(url: url, reason: .timeout("no data for \(policy.readTimeout)"), attempts: 1)
            case .connectTimeout:
                return Retryable(reason: .connection("connect timeout after \(policy.connectTimeout)"))
            case .remoteConnectionClosed, .bodyLengthMismatch:
                if let received { return Retryable(reason: .truncated(received: received, expected: expected)) }
                return Retryable(reason: .connection("the server closed the connection"))
            default:
                return Retryable(reason: .connection("\(error)"))
            }
        }
        if let error = error as? NIOHTTPDecompression.DecompressionError {
            switch error {
            case .limit: return FetchError(url: url, reason: .tooLarge(limit: limit), attempts: 1)
            default: return FetchError(url: url, reason: .connection("cannot decompress the body: \(error)"), attempts: 1)
            }
        }
        if let error = error as? IOError {
            return Retryable(reason: .connection(error.errnoCode == ECONNRESET ? "connection reset by peer" : "\(error)"))
        }
        if let received {
            return Retryable(reason: .truncated(received: received, expected: expected))
        }
        return Retryable(reason: .connection("\(error)"))
    }

    static func resolve(_ location: String, against base: String) -> String? {
        guard let baseURL = URL(string: base), let resolved = URL(string: location, relativeTo: baseURL)?.absoluteURL else { return nil }
        guard let scheme = resolved.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return nil }
        return resolved.absoluteString
    }
}

extension Duration {
    var seconds: TimeInterval {
        TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }

    var timeAmount: TimeAmount {
        .nanoseconds(components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000)
    }
}
