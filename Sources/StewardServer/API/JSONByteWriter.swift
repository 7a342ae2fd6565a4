import Foundation
import StewardCore

/// Appends JSON tokens as UTF-8 bytes to one growing array. Large replies (lineage, MLflow
/// searches) are written through it rather than built as a tree first: no per-value allocations,
/// and strings that need no escaping (nearly all) are copied whole.
struct JSONByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// Appends text that is already JSON (punctuation, a pre-encoded document).
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends pre-encoded JSON bytes.
    mutating func raw(bytes more: [UInt8]) { bytes.append(contentsOf: more) }

    /// Appends `"key":`.
    mutating func key(_ key: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    mutating func int(_ value: Int64) { bytes.append(contentsOf: String(value).utf8) }

    mutating func null() { raw("null") }

    /// Appends a string, or `null`.
    mutating func string(_ value: String?) {
        guard let value else { return null() }
        string(value)
    }

    /// Appends a quoted, escaped string: `"`, `\`, control characters and U+2028/2029 escaped.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        let plain = value.withUTF8 { utf8 in
            // U+2028/2029 start with E2 80 A8/A9; any E2 takes the careful path.
            if utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0xE2 }) { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if !plain {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": raw("\\\"")
                case "\\": raw("\\\\")
                case "\n": raw("\\n")
                case "\r": raw("\\r")
                case "\t": raw("\\t")
                case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                    bytes.append(contentsOf: String(format: "\\u%04x", scalar.value).utf8)
                default: bytes.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends an RFC 3339 timestamp string for epoch milliseconds (`Timestamp.format`).
    mutating func timestamp(milliseconds: Int64) {
        bytes.append(UInt8(ascii: "\""))
        Timestamp.appendRFC3339(milliseconds: milliseconds, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}
