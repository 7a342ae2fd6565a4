import Foundation
import Hummingbird
import NIOCore

/// Builds JSON responses with stable key order.
enum JSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, etag: String? = nil,
                                   location: String? = nil) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let etag { headers[.eTag] = etag }
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// An empty 204.
    static func noContent() -> Response { Response(status: .noContent) }
}

/// Percent-encodes one path segment for `Location` headers.
func pathSegment(_ text: String) -> String {
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: "/")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}
