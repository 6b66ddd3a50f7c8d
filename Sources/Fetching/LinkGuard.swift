import Foundation
public import NewsCore

/// Decides where a fetch of an untrusted link may connect (see ``LinkTrust``): its host is resolved,
/// and the fetch is refused when any address is internal (``InternalAddress``), unless the host is
/// allowed to be. The fetch then connects to the checked address itself, so a name that resolves
/// differently a moment later (DNS rebinding) cannot lead it elsewhere. Redirects come back here hop
/// by hop.
enum LinkGuard {
    /// The address to connect to for `url`, or nil when the client may resolve the host itself (a
    /// trusted URL, an allowed host, or an IP literal that was checked as it is).
    static func pinnedAddress(for url: String, trust: LinkTrust, alsoAllowed: Set<String>) async throws -> String? {
        guard case .untrusted(let allowed) = trust else { return nil }
        guard let rawHost = URL(string: url)?.host else { throw FetchError(url: url, reason: .invalidURL, attempts: 1) }
        let host = normalizedHost(rawHost)
        if allowed.contains(where: { normalizedHost($0) == host }) || alsoAllowed.contains(where: { normalizedHost($0) == host }) {
            return nil
        }
        let addresses: [ResolvedAddress]
        do {
            addresses = try await HostResolver.resolve(host)
        } catch {
            throw FetchError(url: url, reason: .connection("\(error)"), attempts: 1)
        }
        guard let first = addresses.first else {
            throw FetchError(url: url, reason: .connection("cannot resolve \(host): no address"), attempts: 1)
        }
        for address in addresses {
            if let kind = InternalAddress.kind(of: address.bytes) {
                let resolved = address.text == host ? "" : " resolves to \(address.text), which"
                throw FetchError(url: url, reason: .refused("\(host)\(resolved) is a \(kind) address, and links from feeds "
                    + "may not reach internal hosts (allow it with fetch.allow_private)"), attempts: 1)
            }
        }
        return first.text == host ? nil : first.text
    }

    /// Lowercased, without IPv6 brackets or a trailing dot.
    static func normalizedHost(_ host: String) -> String {
        var host = host.lowercased()
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.hasSuffix(".") { host.removeLast() }
        return host
    }
}
