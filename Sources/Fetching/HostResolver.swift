import Foundation
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// One address a host name resolved to.
struct ResolvedAddress: Sendable, Hashable {
    /// 4 bytes for IPv4, 16 for IPv6.
    var bytes: [UInt8]

    /// The address as `connect` and URLs write it (`192.0.2.1`, `2001:db8::1`).
    var text: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let written = bytes.withUnsafeBytes { raw in inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) }
        guard written != nil else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Resolves host names with the system resolver (`getaddrinfo`, which also reads numeric forms
/// such as `2130706433` or `0x7f.1`), on NIO's blocking-work thread pool so that no event loop or
/// task thread waits for DNS.
enum HostResolver {
    struct Failure: Error, CustomStringConvertible {
        var host: String
        var message: String
        var description: String { "cannot resolve \(host): \(message)" }
    }

    static func resolve(_ host: String) async throws -> [ResolvedAddress] {
        try await NIOThreadPool.singleton.runIfActive { try resolveBlocking(host) }
    }

    static func resolveBlocking(_ host: String) throws -> [ResolvedAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0 else { throw Failure(host: host, message: String(cString: gai_strerror(status))) }
        defer { freeaddrinfo(list) }
        var addresses: [ResolvedAddress] = []
        var entry = list
        while let info = entry?.pointee {
            if let socketAddress = info.ai_addr {
                switch Int32(socketAddress.pointee.sa_family) {
                case AF_INET:
                    let address = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    addresses.append(ResolvedAddress(bytes: withUnsafeBytes(of: address) { Array($0) }))
                case AF_INET6:
                    let address = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    addresses.append(ResolvedAddress(bytes: withUnsafeBytes(of: address) { Array($0) }))
                default:
                    break
                }
            }
            entry = info.ai_next
        }
        var seen = Set<ResolvedAddress>()
        return addresses.filter { seen.insert($0).inserted }
    }
}
