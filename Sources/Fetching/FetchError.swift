/// Why a fetch failed, worded for the operator: `GET https://… → 503 after 3 tries`.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case status(Int)
        case timeout(String)
        case tooLarge(limit: Int)
        case redirectLoop([String])
        case tooManyRedirects(Int)
        case truncated(received: Int, expected: Int?)
        case connection(String)
        /// The server answered `status` (429 or 5xx) and asked, with `Retry-After`, for a longer wait than allowed.
        case retryAfterTooLong(status: Int, seconds: Int)
        case invalidURL
        /// The URL came from untrusted input and leads to an internal address.
        case refused(String)
        /// An image request whose response declared another type (`text/html`).
        case notAnImage(String)
    }

    public var url: String
    public var reason: Reason
    public var attempts: Int

    public var description: String {
        let tries = attempts > 1 ? " after \(attempts) tries" : ""
        switch reason {
        case .status(let code): return "GET \(url) → \(code)\(tries)"
        case .timeout(let what): return "GET \(url) → timed out: \(what)\(tries)"
        case .tooLarge(let limit): return "GET \(url) → body larger than the limit of \(limit) bytes"
        case .redirectLoop(let chain): return "GET \(url) → redirect loop: \(chain.joined(separator: " → "))"
        case .tooManyRedirects(let count): return "GET \(url) → more than \(count) redirects"
        case .truncated(let received, let expected):
            let of = expected.map { " of \($0)" } ?? ""
            return "GET \(url) → connection closed before the body was complete (\(received)\(of) bytes)\(tries)"
        case .connection(let what): return "GET \(url) → \(what)\(tries)"
        case .retryAfterTooLong(let status, let seconds):
            let wait = seconds >= HTTPHeaderValues.longestRetryAfter ? "a year or more" : "\(seconds) s"
            return "GET \(url) → \(status), and Retry-After asks for \(wait): too long to wait"
        case .invalidURL: return "GET \(url) → not a valid http(s) URL"
        case .refused(let why): return "GET \(url) → refused: \(why)"
        case .notAnImage(let type): return "GET \(url) → not an image: served as \(type)"
        }
    }
}
