import Foundation
import OpenAPIRuntime

/// Small conversions from API values to table cells.
enum Cells {
    /// The placeholder for an absent value.
    static let none = "-"

    /// `value`, or `-` when nil or empty.
    static func text(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return none }
        return value
    }

    /// `value` as text, or `-` when nil.
    static func number(_ value: Int?) -> String {
        value.map(String.init) ?? none
    }

    /// A timestamp as the API writes it, or `-`.
    static func date(_ value: Date?) -> String {
        value.map(Timestamp.format) ?? none
    }

    /// `k=v` pairs sorted by key, comma-separated, or `-`.
    static func pairs(_ map: [String: String]) -> String {
        map.isEmpty ? none : map.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }

    /// `k=number` pairs sorted by key, or `-`.
    static func metrics(_ map: [String: Double]) -> String {
        map.isEmpty ? none : map.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }

    /// The first line of `text`, cut to `width` characters, or `-`.
    static func summary(_ text: String, width: Int = 50) -> String {
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return firstLine.isEmpty ? none : TableFormatter.truncate(firstLine, to: width)
    }

    /// A free-form JSON value on one line, or `-` for null.
    static func json(_ value: OpenAPIValueContainer?) -> String {
        guard let value, value.value != nil else { return none }
        return JSONOutput.compactString(value)
    }

    /// A JSON object on one line, or `-` when empty.
    static func json(_ object: OpenAPIObjectContainer) -> String {
        object.value.isEmpty ? none : JSONOutput.compactString(object)
    }
}

extension Cells {
    /// The values comma-separated, or `-` when there are none.
    static func list(_ values: [String]) -> String {
        values.isEmpty ? none : values.joined(separator: ", ")
    }
}
