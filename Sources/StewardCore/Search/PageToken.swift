import Crypto
import Foundation

/// An opaque keyset page token: the sort-key values and id of the last row returned, plus a
/// fingerprint of the query it belongs to. Keyset paging stays correct while rows are added or
/// removed between pages (no offset that shifts), and a token replayed against another query is refused.
public struct PageToken: Sendable, Equatable {
    /// A sort-key value of the last row.
    public enum Value: Sendable, Equatable, Codable {
        case text(String)
        case integer(Int64)
        case number(Double)

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Int64.self) { self = .integer(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else { self = .text(try container.decode(String.self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let v): try container.encode(v)
            case .integer(let v): try container.encode(v)
            case .number(let v): try container.encode(v)
            }
        }
    }

    public var keys: [Value]
    public var lastID: String
    public var fingerprint: String

    public init(keys: [Value], lastID: String, fingerprint: String) {
        self.keys = keys
        self.lastID = lastID
        self.fingerprint = fingerprint
    }

    private struct Wire: Codable {
        var k: [Value]
        var i: String
        var f: String
    }

    /// The opaque text form.
    public var encoded: String {
        let data = (try? JSONEncoder().encode(Wire(k: keys, i: lastID, f: fingerprint))) ?? Data()
        return data.base64URLEncoded
    }

    /// Decodes a token and checks it belongs to the query with `fingerprint` and `keyCount` sort keys.
    public static func decode(_ text: String, fingerprint: String, keyCount: Int) throws -> PageToken {
        let invalid = DomainError(.invalid, code: "invalid_page_token",
                                  "Invalid page_token: it is malformed or belongs to a different query.",
                                  fieldErrors: [FieldError(field: "page_token", message: "malformed or from another query")])
        guard text.count <= 4096, let data = Data(base64URLEncoded: text),
              let wire = try? JSONDecoder().decode(Wire.self, from: data),
              wire.f == fingerprint, wire.k.count == keyCount, !wire.i.isEmpty, wire.i.count <= 64 else { throw invalid }
        return PageToken(keys: wire.k, lastID: wire.i, fingerprint: wire.f)
    }

    /// Fingerprint of a query: its scope, filter text and order.
    public static func fingerprint(scope: String, filter: String?, order: SortOrder) -> String {
        let description = "\(scope)|\(filter ?? "")|" + order.keys.map { "\($0.attribute):\($0.descending)" }.joined(separator: ",")
        return SHA256.hash(data: Data(description.utf8)).prefix(8).hexString
    }
}
