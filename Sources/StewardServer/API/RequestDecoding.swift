import Foundation
import Hummingbird
import NIOCore
import StewardCore

extension Request {
    /// Decodes a JSON body within the context's size limit, refusing non-JSON content types and
    /// documents nested deeper than 64 levels (a cheap defence against parser stack exhaustion).
    func decodeJSON<T: Decodable>(_ type: T.Type, context: StewardRequestContext) async throws -> T {
        if let contentType = headers[.contentType]?.lowercased(),
           !contentType.hasPrefix("application/json"), !contentType.hasPrefix("application/merge-patch+json") {
            throw DomainError(.unsupportedMedia, code: "unsupported_media_type", "Send JSON with Content-Type: application/json.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw DomainError(.tooLarge, code: "payload_too_large", "The JSON body is larger than \(context.maxUploadSize) bytes.")
        }
        guard buffer.readableBytes > 0 else {
            throw DomainError(.invalid, code: "invalid_json", "The request body is empty; a JSON object is required.")
        }
        let data = Data(buffer: buffer)
        try JSONDepth.check(data, limit: 64)
        return try JSONDecoder().decode(T.self, from: data)
    }
}

/// Measures JSON nesting depth without parsing.
enum JSONDepth {
    static func check(_ data: Data, limit: Int) throws {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > limit {
                    throw DomainError(.invalid, code: "invalid_json", "The JSON body is nested more than \(limit) levels deep.")
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
    }
}

extension Parameters {
    /// A path parameter, percent-decoded (the router matches on the raw path).
    func decoded(_ name: String) throws -> String {
        guard let raw = get(name) else { throw DomainError.invalidField(name, "is missing") }
        guard let value = raw.removingPercentEncoding else { throw DomainError.invalidField(name, "is not validly percent-encoded") }
        return value
    }

    /// The `version` path parameter as a positive integer.
    func versionNumber() throws -> Int {
        let raw = try decoded("version")
        guard let number = Int(raw), number >= 1 else {
            throw DomainError.invalidField("version", "'\(raw.prefix(32))' is not a version number (a positive integer)")
        }
        return number
    }
}

extension Request {
    /// The file path of a `…/files/<path>` route, taken from the raw URI (the router's catch-all
    /// drops empty segments, which would turn `files//etc/passwd` into a harmless-looking relative
    /// path instead of refusing it), percent-decoded and validated.
    func artifactPath() throws -> ArtifactPath {
        // The route is /api/v1/models/{name}/versions/{version}/files/{path…}; names and versions
        // cannot hold a raw "/", so everything after the eighth separator is the file path.
        let components = uri.path.split(separator: "/", omittingEmptySubsequences: false)
        guard components.count > 8 else {
            throw DomainError(.invalid, code: "invalid_path", "Invalid file path: the path is empty.")
        }
        let encoded = components[8...].joined(separator: "/")
        guard let decoded = encoded.removingPercentEncoding else {
            throw DomainError(.invalid, code: "invalid_path", "Invalid file path: bad percent-encoding.")
        }
        return try ArtifactPath(decoded)
    }

    /// Query values for `name` (repeated keys allowed), with `+` read as a space as HTML forms and
    /// Python's `requests` send it.
    func queryValues(_ name: String) -> [String] {
        guard let query = uri.query, !query.isEmpty else { return [] }
        var values: [String] = []
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            if decode(parts[0]) == name { values.append(parts.count > 1 ? decode(parts[1]) : "") }
        }
        return values
    }

    /// One optional query value.
    func queryValue(_ name: String) -> String? { queryValues(name).last }

    /// An optional integer query value; a non-integer is a 400.
    func queryInt(_ name: String) throws -> Int? {
        guard let raw = queryValue(name) else { return nil }
        guard let value = Int(raw) else { throw DomainError.invalidField(name, "must be an integer") }
        return value
    }

    /// An optional boolean query value (`true`/`false`/`1`/`0`).
    func queryBool(_ name: String) throws -> Bool {
        guard let raw = queryValue(name)?.lowercased() else { return false }
        switch raw {
        case "true", "1", "yes": return true
        case "false", "0", "no", "": return false
        default: throw DomainError.invalidField(name, "must be true or false")
        }
    }
}
