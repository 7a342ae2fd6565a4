import Foundation

/// `--format json`: pretty-printed JSON with sorted keys, timestamps as RFC 3339 with milliseconds.
/// The generated API types encode with their `snake_case` wire names, so the output uses the same
/// field names as the API, and absent optional fields are written as `null` (see ``NullPreserving``)
/// so every field of the contract is always present.
enum JSONOutput {
    /// The encoder used for every JSON printed on stdout.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }

    /// Encodes `value` as a string.
    static func string<Value: Encodable>(_ value: Value) throws -> String {
        let text = String(decoding: try makeEncoder().encode(NullPreserving(wrapped: value)), as: UTF8.self)
        // Foundation's pretty printer on Linux spreads an empty object or array over three lines.
        // Raw line breaks only ever appear between tokens (inside strings they are escaped), so
        // folding them back is safe.
        return text
            .replacingOccurrences(of: #"\{\n\s*\}"#, with: "{}", options: .regularExpression)
            .replacingOccurrences(of: #"\[\n\s*\]"#, with: "[]", options: .regularExpression)
    }

    /// Encodes `value` on one line (for table cells such as a model card).
    static func compactString<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "?" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Prints `value` on stdout.
    static func print<Value: Encodable>(_ value: Value) throws {
        Swift.print(try string(value))
    }
}
