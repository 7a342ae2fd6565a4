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

    /// An object without its `nil` members (proto3 JSON omits unset fields).
    static func object(_ members: [(String, MLflowJSON?)]) -> MLflowJSON {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    /// `[{key, value}]`, sorted by key, as MLflow sends tags and params.
    static func keyValues(_ map: [String: String]) -> MLflowJSON {
        .array(map.sorted { $0.key < $1.key }.map { .object([("key", .string($0.key)), ("value", .string($0.value))]) })
    }

    /// The serialized text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The serialized UTF-8 bytes. Written into one byte array, and strings that need no escaping
    /// (nearly all) are copied whole: per-character appends to a `String` dominated large replies.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out)
        return out
    }

    private func write(to out: inout [UInt8]) {
        switch self {
        case .string(let value): Self.writeString(value, to: &out)
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .double(let value): out.append(contentsOf: (value.isFinite ? "\(value)" : "\"\(value)\"").utf8) // proto3 JSON spells NaN/Infinity as strings
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var utf8 = value.utf8
        // Fast path: no quote, backslash, control character or U+2028/2029 (E2 80 A8/A9).
        let plain = utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0xE2 }
        } ?? false
        if plain {
            out.append(contentsOf: utf8)
        } else {
            var escaped = ""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": escaped += "\\\""
                case "\\": escaped += "\\\\"
                case "\n": escaped += "\\n"
                case "\r": escaped += "\\r"
                case "\t": escaped += "\\t"
                case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                    escaped += String(format: "\\u%04x", scalar.value)
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            utf8 = escaped.utf8
            out.append(contentsOf: utf8)
        }
        out.append(UInt8(ascii: "\""))
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
