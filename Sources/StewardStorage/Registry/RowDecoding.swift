import Foundation
import SQLKit
import StewardCore

/// Turning rows into domain values.
///
/// Optional columns check for NULL first and then decode the plain type: drivers convert plain
/// `String`/`Int64` directly, while `Optional<T>` goes through a full `Decoder` per value, which was
/// a fifth of a 10,000-row lineage answer.
extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }

    func optionalString(_ column: String) throws -> String? {
        try decodeNil(column: column) ? nil : try decode(column: column, as: String.self)
    }

    func int(_ column: String) throws -> Int { Int(try decode(column: column, as: Int64.self)) }
    func int64(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }

    func optionalInt64(_ column: String) throws -> Int64? {
        try decodeNil(column: column) ? nil : try decode(column: column, as: Int64.self)
    }

    func date(_ column: String) throws -> Date { Timestamp.date(milliseconds: try int64(column)) }
    func optionalDate(_ column: String) throws -> Date? { try optionalInt64(column).map(Timestamp.date(milliseconds:)) }

    /// A JSON-encoded column (tags, params, metrics, card, schemas). Flat maps of strings or
    /// numbers, the common case, are read by `JSONValue`'s byte reader; anything else by `JSONDecoder`.
    func json<T: Decodable>(_ column: String, as type: T.Type) throws -> T {
        let text = try string(column)
        if T.self == [String: String].self, let map = JSONValue.parseStrings(text) { return map as! T }
        if T.self == [String: Double].self, let map = JSONValue.parseNumbers(text) { return map as! T }
        return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    func optionalJSON(_ column: String) throws -> JSONValue? {
        try optionalString(column).flatMap { JSONValue(jsonText: $0) }
    }
}

/// Encodes a value as compact JSON text with sorted keys, for storage.
func jsonText<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
}

extension Date {
    /// Milliseconds since the epoch, the stored form of timestamps.
    var millis: Int64 { Timestamp.milliseconds(self) }
}
