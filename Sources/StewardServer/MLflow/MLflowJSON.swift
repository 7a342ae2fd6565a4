import Foundation
import Hummingbird
import NIOCore

/// A JSON document as MLflow's client expects it: int64 fields as exact integers, doubles in their
/// shortest form, object keys in the order written. Built by hand because `JSONEncoder` cannot tell
/// an integer-valued `Double` from an `Int64` the way proto3 JSON needs.
indirect enum MLflowJSON: Sendable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case array([MLflowJSON])
    case object([(String, MLflowJSON)])
    /// Only for native documents written with this writer (proto3 JSON omits unset fields instead).
    case null
    /// A value that writes itself. The entities of search pages (100 models with their latest
    /// versions) are written straight from their domain values: a tree of them cost an allocation
    /// per field.
    case written(Fragment)

    /// Writes one JSON value.
    struct Fragment: Sendable {
        let write: @Sendable (inout JSONByteWriter) -> Void
    }

    /// An object without its `nil` members (proto3 JSON omits unset fields).
    static func object(_ members: [(String, MLflowJSON?)]) -> MLflowJSON {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    /// `[{key, value}]`, sorted by key, as MLflow sends tags and params.
    static func keyValues(_ map: [String: String]) -> MLflowJSON {
        .written(.init { $0.keyValues(map) })
    }

    /// The serialized text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The serialized UTF-8 bytes.
    var bytes: [UInt8] {
        var writer = JSONByteWriter()
        write(to: &writer)
        return writer.bytes
    }

    func write(to out: inout JSONByteWriter) {
        switch self {
        case .string(let value): out.string(value)
        case .int(let value): out.int(value)
        case .double(let value): out.raw(bytes: Array((value.isFinite ? "\(value)" : "\"\(value)\"").utf8)) // proto3 JSON spells NaN/Infinity as strings
        case .bool(let value): value ? out.raw("true") : out.raw("false")
        case .null: out.null()
        case .written(let fragment): fragment.write(&out)
        case .array(let items):
            out.raw("[")
            for (index, item) in items.enumerated() {
                if index > 0 { out.raw(",") }
                item.write(to: &out)
            }
            out.raw("]")
        case .object(let members):
            out.raw("{")
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out.raw(",") }
                out.string(key)
                out.raw(":")
                value.write(to: &out)
            }
            out.raw("}")
        }
    }

    /// A 200 response with this document as its body (always exactly 200: the client treats any
    /// other success status as a failure).
    func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `200 {}`, the reply of calls that return nothing.
    static var empty: Response { MLflowJSON.object([(String, MLflowJSON)]()).response() }
}
