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

    /// An object without its `nil` members (proto3 JSON omits unset fields).
    static func object(_ members: [(String, MLflowJSON?)]) -> MLflowJSON {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    /// `[{key, value}]`, sorted by key, as MLflow sends tags and params.
    static func keyValues(_ map: [String: String]) -> MLflowJSON {
        .array(map.sorted { $0.key < $1.key }.map { .object([("key", .string($0.key)), ("value", .string($0.value))]) })
    }

    /// The serialized text.
    var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .string(let value): Self.writeString(value, to: &out)
        case .int(let value): out += String(value)
        case .double(let value): out += value.isFinite ? "\(value)" : "\"\(value)\"" // proto3 JSON spells NaN/Infinity as strings
        case .bool(let value): out += value ? "true" : "false"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// A 200 response with this document as its body (always exactly 200: the client treats any
    /// other success status as a failure).
    func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `200 {}`, the reply of calls that return nothing.
    static var empty: Response { MLflowJSON.object([(String, MLflowJSON)]()).response() }
}
