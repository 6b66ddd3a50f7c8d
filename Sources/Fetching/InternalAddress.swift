/// Classifies IP addresses that must not be reached through links from untrusted input: loopback,
/// private and shared ranges, link-local (cloud metadata services live at 169.254.169.254),
/// multicast, reserved and documentation ranges, and IPv6's equivalents. IPv4 addresses embedded in
/// IPv6 (mapped, compatible, NAT64) are classified as the IPv4 address they carry.
enum InternalAddress {
    /// Why the address is internal, or nil for a public address.
    static func kind(of bytes: [UInt8]) -> String? {
        switch bytes.count {
        case 4: return ipv4Kind(bytes[0], bytes[1], bytes[2], bytes[3])
        case 16: return ipv6Kind(bytes)
        default: return "not an IP address"
        }
    }

    static func ipv4Kind(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> String? {
        switch (a, b, c) {
        case (0, _, _): return "unspecified"
        case (10, _, _), (172, 16...31, _), (192, 168, _): return "private"
        case (100, 64...127, _): return "shared (carrier-grade NAT)"
        case (127, _, _): return "loopback"
        case (169, 254, _): return "link-local"
        case (192, 0, 0), (192, 0, 2), (198, 51, 100), (203, 0, 113), (198, 18...19, _): return "reserved"
        case (224...239, _, _): return "multicast"
        case (240...255, _, _): return "reserved"
        default: return nil
        }
    }

    static func ipv6Kind(_ bytes: [UInt8]) -> String? {
        let prefix12 = Array(bytes[0..<12])
        let embedded = (bytes[12], bytes[13], bytes[14], bytes[15])
        if prefix12.allSatisfy({ $0 == 0 }) {
            if embedded == (0, 0, 0, 0) { return "unspecified" }
            if embedded == (0, 0, 0, 1) { return "loopback" }
            // IPv4-compatible (deprecated): the IPv4 address decides.
            return ipv4Kind(embedded.0, embedded.1, embedded.2, embedded.3) ?? "reserved"
        }
        if prefix12 == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] || prefix12 == [0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] {
            // IPv4-mapped and NAT64: the IPv4 address decides.
            return ipv4Kind(embedded.0, embedded.1, embedded.2, embedded.3)
        }
        switch (bytes[0], bytes[1]) {
        case (0xFC...0xFD, _): return "private (unique local)"
        case (0xFE, 0x80...0xBF): return "link-local"
        case (0xFE, 0xC0...0xFF): return "private (site-local)"
        case (0xFF, _): return "multicast"
        case (0x20, 0x01) where bytes[2] == 0x0D && bytes[3] == 0xB8: return "reserved"
        case (0x20, 0x02):
            // 6to4 carries an IPv4 address in bytes 2–5.
            return ipv4Kind(bytes[2], bytes[3], bytes[4], bytes[5])
        default: return nil
        }
    }
}
