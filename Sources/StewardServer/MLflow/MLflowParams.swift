import Foundation
import Hummingbird
import NIOCore
import StewardCore

/// The fields of an MLflow request, wherever they travel: the query string for GET (with `+` as a
/// space and repeated keys for lists), a proto3 JSON body otherwise (DELETE included). int64 fields
/// are accepted as JSON numbers or strings; `run_id` falls back to the legacy `run_uuid`.
struct MLflowParams: Sendable {
    private enum Source: Sendable {
        case query([String: [String]])
        case json([String: JSONValue])
    }

    private let source: Source

    private init(_ source: Source) { self.source = source }

    /// Reads a request's fields. A body that is not a JSON object is a 400.
    static func read(_ request: Request, context: StewardRequestContext) async throws -> MLflowParams {
        if request.method == .get || request.method == .head {
            var values: [String: [String]] = [:]
            for pair in (request.uri.query ?? "").split(separator: "&") {
                let name = String(pair.split(separator: "=", maxSplits: 1).first ?? "")
                let decoded = name.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? name
                if values[decoded] == nil { values[decoded] = request.queryValues(decoded) }
            }
            return MLflowParams(.query(values))
        }
        if let type = request.headers[.contentType]?.lowercased(), !type.hasPrefix("application/json") {
            throw MLflowError.invalid("Bad Content-Type '\(type.prefix(60))': send JSON with Content-Type: application/json.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw MLflowError(status: .contentTooLarge, code: "INVALID_PARAMETER_VALUE", message: "The JSON body is larger than \(context.maxUploadSize) bytes.")
        }
        if buffer.readableBytes == 0 { return MLflowParams(.json([:])) }
        let data = Data(buffer: buffer)
        try JSONDepth.check(data, limit: 64)
        // The byte reader; the decoder only for what it declines (same answers, same errors).
        let parsed = data.withUnsafeBytes { JSONValue.parse(utf8: $0) } ?? (try? JSONDecoder().decode(JSONValue.self, from: data))
        guard case .object(let object)? = parsed else {
            throw MLflowError.invalid("The request body is not a JSON object.")
        }
        return MLflowParams(.json(object))
    }

    /// Fields of a nested object (list items such as tags or datasets).
    init(object: [String: JSONValue]) { source = .json(object) }

    private func raw(_ key: String) -> JSONValue? {
        switch source {
        case .query(let values): values[key]?.last.map(JSONValue.string)
        case .json(let object): object[key].flatMap { $0 == .null ? nil : $0 }
        }
    }

    /// A string field; numbers are accepted and rendered as integers when whole (ids sent as numbers).
    func string(_ key: String) throws -> String? {
        switch raw(key) {
        case nil: return nil
        case .string(let value)?: return value
        case .number(let value)? where value.rounded() == value && abs(value) < 9e15: return String(Int64(value))
        case .number(let value)?: return "\(value)"
        case .bool(let value)?: return value ? "true" : "false"
        default: throw MLflowError.invalid("Invalid value for parameter '\(key)': expected a string.")
        }
    }

    /// A required, non-empty string field.
    func require(_ key: String) throws -> String {
        guard let value = try string(key), !value.isEmpty else {
            throw MLflowError.invalid("Missing value for required parameter '\(key)'.")
        }
        return value
    }

    /// `run_id`, or the legacy `run_uuid`.
    func runID() throws -> String {
        if let id = try string("run_id"), !id.isEmpty { return id }
        if let id = try string("run_uuid"), !id.isEmpty { return id }
        throw MLflowError.invalid("Missing value for required parameter 'run_id'.")
    }

    /// An int64 field sent as a number or a string.
    func int64(_ key: String) throws -> Int64? {
        switch raw(key) {
        case nil: return nil
        case .number(let value)? where value.rounded() == value && abs(value) < 9.2e18: return Int64(value)
        case .string(let text)?:
            if let value = Int64(text.trimmingCharacters(in: .whitespaces)) { return value }
            if text.isEmpty { return nil }
        default: break
        }
        throw MLflowError.invalid("Invalid value for parameter '\(key)': expected an integer.")
    }

    /// A double field sent as a number or a numeric string.
    func double(_ key: String) throws -> Double? {
        switch raw(key) {
        case nil: return nil
        case .number(let value)?: return value
        case .string(let text)?:
            if let value = Double(text) { return value }
        default: break
        }
        throw MLflowError.invalid("Invalid value for parameter '\(key)': expected a number.")
    }

    /// A boolean field (`true`/`false`, also as strings).
    func bool(_ key: String) throws -> Bool? {
        switch raw(key) {
        case nil: return nil
        case .bool(let value)?: return value
        case .string(let text)?:
            switch text.lowercased() {
            case "true", "1": return true
            case "false", "0", "": return false
            default: break
            }
        default: break
        }
        throw MLflowError.invalid("Invalid value for parameter '\(key)': expected true or false.")
    }

    /// A repeated string field: a JSON array, or repeated query keys.
    func strings(_ key: String) throws -> [String] {
        switch source {
        case .query(let values): return values[key] ?? []
        case .json(let object):
            switch object[key] {
            case nil, .null?: return []
            case .array(let items)?:
                return try items.map { item in
                    switch item {
                    case .string(let text): return text
                    case .number(let value) where value.rounded() == value: return String(Int64(value))
                    default: throw MLflowError.invalid("Invalid value for parameter '\(key)': expected a list of strings.")
                    }
                }
            case .string(let text)?: return [text]
            default: throw MLflowError.invalid("Invalid value for parameter '\(key)': expected a list of strings.")
            }
        }
    }

    /// A repeated message field: a JSON array of objects.
    func objects(_ key: String) throws -> [MLflowParams] {
        guard case .json(let object) = source else { return [] }
        switch object[key] {
        case nil, .null?: return []
        case .array(let items)?:
            return try items.map { item in
                guard case .object(let fields) = item else {
                    throw MLflowError.invalid("Invalid value for parameter '\(key)': expected a list of objects.")
                }
                return MLflowParams(object: fields)
            }
        default: throw MLflowError.invalid("Invalid value for parameter '\(key)': expected a list of objects.")
        }
    }

    /// A nested message field.
    func object(_ key: String) throws -> MLflowParams? {
        guard case .json(let object) = source, let value = object[key], value != .null else { return nil }
        guard case .object(let fields) = value else { throw MLflowError.invalid("Invalid value for parameter '\(key)': expected an object.") }
        return MLflowParams(object: fields)
    }

    /// `[{key, value}]` pairs in order (tags, params).
    func keyValues(_ key: String) throws -> [(key: String, value: String)] {
        try objects(key).map { (try $0.require("key"), try $0.string("value") ?? "") }
    }

    /// `[{key, value}]` as a map (the last value of a repeated key wins).
    func keyValueMap(_ key: String) throws -> [String: String] {
        Dictionary(try keyValues(key).map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}
