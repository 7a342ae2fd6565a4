import Foundation

/// Outgoing webhooks may only reach public addresses: a subscription must not turn the server into
/// a proxy into its own network (SSRF). The URL is checked when a subscription is created or
/// changed, and again before every delivery (DNS may change): every address the host resolves to
/// must be public, unless an administrator started the server with `--webhooks-allow-private`.
public enum WebhookAddress {
    /// Checks the form of a webhook URL: absolute http(s), a host, no credentials, no fragment.
    public static func validateForm(_ text: String, field: String = "webhook_url") throws -> URLComponents {
        guard text.utf8.count <= 2048, !text.containsControlCharacter, let url = URLComponents(string: text),
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else {
            throw DomainError.invalidField(field, "must be an absolute http:// or https:// URL with a host (at most 2048 bytes)")
        }
        guard url.user == nil, url.password == nil else { throw DomainError.invalidField(field, "must not carry credentials") }
        guard url.fragment == nil else { throw DomainError.invalidField(field, "must not have a #fragment") }
        return url
    }

    /// Form check, then resolution: throws `webhook_address_refused` (400) when any address of the
    /// host is not public and private targets are not allowed, `validation_failed` when it does not
    /// resolve.
    public static func check(_ text: String, allowPrivate: Bool, field: String = "webhook_url") async throws {
        let url = try validateForm(text, field: field)
        if allowPrivate { return }
        let host = url.host!.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let addresses = try await resolve(host)
        guard !addresses.isEmpty else { throw DomainError.invalidField(field, "host '\(host.prefix(253))' does not resolve") }
        if let refused = addresses.first(where: { !isPublic($0) }) {
            throw DomainError(.invalid, code: "webhook_address_refused",
                              "Webhook host '\(host.prefix(253))' resolves to \(describe(refused)), which is not a public address; an administrator may allow private targets with --webhooks-allow-private.",
                              fieldErrors: [FieldError(field: field, message: "resolves to a non-public address")])
        }
    }

    /// The addresses (4 or 16 bytes each) of `host`: itself when it is a literal, else via the
    /// system resolver (off the cooperative thread pool, since getaddrinfo blocks).
    public static func resolve(_ host: String) async throws -> [[UInt8]] {
        if let literal = literal(host) { return [literal] }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var hints = addrinfo()
                hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
                var list: UnsafeMutablePointer<addrinfo>?
                guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return continuation.resume(returning: []) }
                defer { freeaddrinfo(first) }
                var result: [[UInt8]] = []
                var cursor: UnsafeMutablePointer<addrinfo>? = first
                while let info = cursor {
                    if info.pointee.ai_family == AF_INET, let sa = info.pointee.ai_addr {
                        var v4 = sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                        result.append(withUnsafeBytes(of: &v4) { Array($0) })
                    } else if info.pointee.ai_family == AF_INET6, let sa = info.pointee.ai_addr {
                        var v6 = sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                        result.append(withUnsafeBytes(of: &v6) { Array($0) })
                    }
                    cursor = info.pointee.ai_next
                }
                continuation.resume(returning: result)
            }
        }
    }

    /// The bytes of an IPv4 or IPv6 literal.
    static func literal(_ host: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    /// False for loopback, private (RFC 1918, ULA), link-local, carrier-grade NAT, unspecified,
    /// multicast, broadcast, documentation and benchmarking ranges, and IPv6 forms embedding them.
    public static func isPublic(_ bytes: [UInt8]) -> Bool {
        if bytes.count == 4 { return isPublicV4(bytes) }
        guard bytes.count == 16 else { return false }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && ((bytes[10] == 0xff && bytes[11] == 0xff) || (bytes[10] == 0 && bytes[11] == 0)) {
            return isPublicV4(Array(bytes[12..<16])) // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d, incl. :: and ::1)
        }
        if bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b { return isPublicV4(Array(bytes[12..<16])) } // NAT64
        if bytes[0] == 0x20 && bytes[1] == 0x02 { return isPublicV4(Array(bytes[2..<6])) } // 6to4
        if bytes[0] & 0xfe == 0xfc { return false } // fc00::/7 unique local
        if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80 { return false } // fe80::/10 link-local
        if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0xc0 { return false } // fec0::/10 site-local (deprecated)
        if bytes[0] == 0xff { return false } // multicast
        if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8 { return false } // documentation
        if bytes[0] == 0x01 && bytes[1...7].allSatisfy({ $0 == 0 }) { return false } // 100::/64 discard
        if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0 { return false } // 2001::/32 Teredo
        return true
    }

    static func isPublicV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1], b[2]) {
        case (0, _, _), (10, _, _), (127, _, _): return false
        case (100, 64...127, _): return false // carrier-grade NAT
        case (169, 254, _): return false // link-local (cloud metadata lives here)
        case (172, 16...31, _), (192, 168, _): return false
        case (192, 0, 0), (192, 0, 2), (198, 51, 100), (203, 0, 113): return false // IETF, documentation
        case (198, 18...19, _): return false // benchmarking
        case (224...255, _, _): return false // multicast, reserved, broadcast
        default: return true
        }
    }

    static func describe(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: bytes.count, by: 2).map { String(format: "%x", Int(bytes[$0]) << 8 | Int(bytes[$0 + 1])) }.joined(separator: ":")
    }
}
