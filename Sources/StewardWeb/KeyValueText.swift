import Foundation
import StewardCore

/// `key=value` lines typed into a form's textarea (tags, parameters, metrics), one pair a line, as
/// the CLI's `--tag k=v` takes them. Blank lines are skipped; a line without `=`, an empty key or a
/// key given twice is reported for its field, so the whole form is refused and nothing changes.
/// Names and values are then validated by the use case, as for the API.
enum KeyValueText {
    static func pairs(_ text: String?, field: String, into validator: inout Validator) -> [String: String] {
        var result: [String: String] = [:]
        for (index, rawLine) in (text ?? "").split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let equals = line.firstIndex(of: "=") else {
                validator.add(field, "line \(index + 1) is not key=value")
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else {
                validator.add(field, "line \(index + 1) has no key before '='")
                continue
            }
            guard result[key] == nil else {
                validator.add(field, "'\(key)' is given twice")
                continue
            }
            result[key] = value
        }
        return result
    }

    /// Metrics: the values must be finite numbers.
    static func metrics(_ text: String?, field: String, into validator: inout Validator) -> [String: Double] {
        var result: [String: Double] = [:]
        for (key, value) in pairs(text, field: field, into: &validator).sorted(by: { $0.key < $1.key }) {
            guard let number = Double(value), number.isFinite else {
                validator.add(field, "'\(key)' must be a number, not '\(value)'")
                continue
            }
            result[key] = number
        }
        return result
    }
}
