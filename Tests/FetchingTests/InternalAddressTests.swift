@testable import Fetching
import Testing

struct InternalAddressTests {
    static func v4(_ text: String) -> [UInt8] { text.split(separator: ".").map { UInt8($0)! } }

    @Test(arguments: [
        ("127.0.0.1", "loopback"), ("127.9.9.9", "loopback"), ("10.1.2.3", "private"), ("172.16.0.1", "private"),
        ("172.31.255.255", "private"), ("192.168.1.1", "private"), ("169.254.169.254", "link-local"), ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "shared (carrier-grade NAT)"), ("224.0.0.1", "multicast"), ("255.255.255.255", "reserved"),
    ])
    func internalIPv4(address: String, kind: String) {
        #expect(InternalAddress.kind(of: Self.v4(address)) == kind)
    }

    @Test(arguments: ["8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "1.1.1.1", "203.0.114.1"])
    func publicIPv4(address: String) {
        #expect(InternalAddress.kind(of: Self.v4(address)) == nil)
    }

    @Test func ipv6AndEmbeddedIPv4() async throws {
        let resolved = try HostResolver.resolveBlocking("::1")
        #expect(resolved.map { InternalAddress.kind(of: $0.bytes) } == ["loopback"])
        #expect(try HostResolver.resolveBlocking("::ffff:169.254.169.254").map { InternalAddress.kind(of: $0.bytes) } == ["link-local"])
        #expect(try HostResolver.resolveBlocking("64:ff9b::a00:1").map { InternalAddress.kind(of: $0.bytes) } == ["private"])
        #expect(try HostResolver.resolveBlocking("fe80::1").map { InternalAddress.kind(of: $0.bytes) } == ["link-local"])
        #expect(try HostResolver.resolveBlocking("fd12:3456::1").map { InternalAddress.kind(of: $0.bytes) } == ["private (unique local)"])
        #expect(try HostResolver.resolveBlocking("2001:4860:4860::8888").map { InternalAddress.kind(of: $0.bytes) } == [nil])
    }

    /// The numeric spellings the system resolver accepts still name the loopback host.
    @Test(arguments: ["2130706433", "0x7f.1", "0177.0.0.1", "127.1"])
    func numericSpellingsOfLoopback(host: String) async throws {
        let resolved = try HostResolver.resolveBlocking(host)
        #expect(resolved.map(\.text) == ["127.0.0.1"])
        #expect(resolved.allSatisfy { InternalAddress.kind(of: $0.bytes) == "loopback" })
    }
}
