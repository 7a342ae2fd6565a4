import NIOCore

/// The rate-limit identity of an unauthenticated caller: its IP address, or its /64 network for
/// IPv6, since one IPv6 host commonly holds a whole /64 and could otherwise rotate addresses to
/// escape its limit. Proxy headers (`X-Forwarded-For`) are not trusted: behind a proxy all
/// anonymous traffic shares the proxy's budget, which errs on the safe side.
enum ClientAddress {
    static func key(_ address: SocketAddress?) -> String {
        switch address {
        case .v4?:
            return address?.ipAddress ?? "unknown"
        case .v6(let v6)?:
            var raw = v6.address.sin6_addr
            let prefix = withUnsafeBytes(of: &raw) { Array($0.prefix(8)) }
            return "v6:" + prefix.map { String($0, radix: 16) }.joined(separator: ".") + "/64"
        case .unixDomainSocket?:
            return "unix"
        default:
            return "unknown"
        }
    }
}
