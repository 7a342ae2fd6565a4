import Crypto
import Foundation
import HummingbirdTesting
import NIOCore
import StewardTestSupport
import Testing

/// Helpers for the deprecation, retention and garbage-collection tests (issue 6).
enum LifecycleFixtures {
    /// Creates, fills (one `model.bin` with `content`) and seals a version; returns its number.
    @discardableResult
    static func ready(_ client: any TestClientProtocol, _ app: TestApp, model: String, content: String) async throws -> Int {
        var response = try await client.send(.post, "/api/v1/models/\(model)/versions", app: app, json: "{}")
        #expect(response.status == .created, "\(response.text)")
        let number = try #require(response.json["version"] as? Int)
        response = try await client.send(.put, "/api/v1/models/\(model)/versions/\(number)/files/model.bin", app: app,
                                         body: ByteBuffer(string: content))
        #expect(response.status == .created, "\(response.text)")
        response = try await client.send(.post, "/api/v1/models/\(model)/versions/\(number)/finalize", app: app)
        #expect(response.status == .ok, "\(response.text)")
        return number
    }

    /// Where the blob of `content` lives under a data directory.
    static func blobPath(_ dataDirectory: String, _ content: String) -> String {
        let digest = SHA256.hash(data: Data(content.utf8)).map { String(format: "%02x", $0) }.joined()
        let chars = Array(digest)
        return "\(dataDirectory)/blobs/sha256/\(String(chars[0..<2]))/\(String(chars[2..<4]))/\(digest)"
    }

    static func blobExists(_ dataDirectory: String, _ content: String) -> Bool {
        FileManager.default.fileExists(atPath: blobPath(dataDirectory, content))
    }

    /// An RFC 3339 time `seconds` from now.
    static func future(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date().addingTimeInterval(seconds))
    }

    static func deprecate(_ client: any TestClientProtocol, _ app: TestApp, model: String, version: Int, replacement: Int,
                          sunsetIn seconds: Double) async throws -> TestResponse {
        try await client.send(.post, "/api/v1/models/\(model)/versions/\(version)/deprecation", app: app,
                              json: #"{"reason":"superseded by a better model","replacement":\#(replacement),"sunset":"\#(future(seconds))"}"#)
    }

    static func decisions(_ report: [String: Any]) -> [Int: (action: String, reasons: [String])] {
        var result: [Int: (String, [String])] = [:]
        for decision in report["decisions"] as? [[String: Any]] ?? [] {
            result[decision["version"] as? Int ?? 0] = (decision["action"] as? String ?? "", decision["reasons"] as? [String] ?? [])
        }
        return result
    }
}
