import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A small wire-level client for tests against real server processes.
public enum HTTP {
    public struct Reply: Sendable {
        public var status: Int
        public var headers: HTTPHeaders
        public var body: ByteBuffer

        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        }
        public var text: String { String(buffer: body) }
    }

    /// Status of a GET, or nil when the server cannot be reached.
    public static func get(_ url: String) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }

    /// Sends a request and collects the reply (up to 256 MiB).
    public static func send(_ method: HTTPMethod, _ url: String, token: String?, json: String? = nil,
                            body: HTTPClientRequest.Body? = nil, headers: [(String, String)] = [],
                            timeout: TimeAmount = .seconds(120)) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        if let body { request.body = body }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let collected = try await response.body.collect(upTo: 256 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: collected)
    }
}
