import Foundation
import StewardCore

/// Reads an ingest body, `{"rows": [row, …]}` or NDJSON (one row object per line), into rows
/// whose feature values are placed by the monitor's columns. A row is
/// `{"id": "…", "timestamp": "RFC 3339" | epoch seconds, "features": {…}, "prediction": x,
/// "probabilities": {"class": p}}`. Anything that is not such a batch (bad JSON, no `rows`, a row
/// that is not an object or has no string/integer `id`) throws: the whole batch is refused.
struct PredictionBatchParser {
    var columns: MonitorColumns
    /// The key order of the previous row: rows of one producer repeat it, so a byte comparison
    /// usually finds a feature's column without hashing its name.
    private var lastKeys: [(key: ArraySlice<UInt8>, position: Int?)] = []

    init(columns: MonitorColumns) {
        self.columns = columns
    }

    mutating func parse(_ body: [UInt8], ndjson: Bool) throws -> [PredictionRow] {
        do {
            return try JSONScanner.batch(body, ndjson: ndjson, key: "rows") { try row(&$0, number: $1) }
        } catch let error as JSONScanner.Malformed {
            throw DomainError(.invalid, code: "invalid_batch", "The batch is not valid (\(error.message)); nothing was stored.")
        }
    }

    mutating func row(_ scanner: inout JSONScanner, number: Int) throws -> PredictionRow {
        guard scanner.peek() == 0x7B else { throw JSONScanner.Malformed(message: "row \(number) is not an object") }
        let start = scanner.index
        scanner.index += 1
        var id: String?
        var timestamp: Int64?, badTimestamp = false
        var values: [FeatureValue] = []
        var prediction = FeatureValue.missing
        var probabilities: [ClassProbability]?
        if !scanner.take(0x7D) {
            repeat {
                let (keyRange, _) = try scanner.stringRange()
                try scanner.expect(0x3A)
                switch String(decoding: scanner.bytes[keyRange], as: UTF8.self) {
                case "id":
                    switch try scanner.featureValue() {
                    case .string(let text) where !text.isEmpty && text.utf8.count <= 256: id = text
                    case .number(let value) where value == value.rounded() && value.isFinite: id = FeatureValue.canonical(value)
                    default: throw JSONScanner.Malformed(message: "row \(number): id must be a non-empty string (at most 256 bytes) or an integer")
                    }
                case "timestamp":
                    switch try scanner.featureValue() {
                    case .string(let text): timestamp = RFC3339.millis(text.utf8); badTimestamp = timestamp == nil
                    case .number(let seconds) where seconds.isFinite && abs(seconds) < 1e13: timestamp = Int64((seconds * 1000).rounded(.down))
                    case .missing: break
                    default: badTimestamp = true
                    }
                case "features": values = try features(&scanner, number: number)
                case "prediction": prediction = try scanner.featureValue()
                case "probabilities": probabilities = try self.probabilities(&scanner, number: number)
                default: try scanner.skipValue()
                }
            } while scanner.take(0x2C)
            try scanner.expect(0x7D)
        }
        guard let id else { throw JSONScanner.Malformed(message: "row \(number) has no id") }
        return PredictionRow(id: id, timestamp: timestamp, badTimestamp: badTimestamp, values: values, prediction: prediction,
                             probabilities: probabilities, raw: scanner.bytes[start..<scanner.index])
    }

    mutating func features(_ scanner: inout JSONScanner, number: Int) throws -> [FeatureValue] {
        guard scanner.peek() == 0x7B else {
            if scanner.peek() == 0x6E { try scanner.literal("null"); return [] }
            throw JSONScanner.Malformed(message: "row \(number): features must be an object")
        }
        scanner.index += 1
        var values = [FeatureValue](repeating: .missing, count: columns.count)
        var ordinal = 0
        if scanner.take(0x7D) { return values }
        repeat {
            let (keyRange, escaped) = try scanner.stringRange()
            let key = scanner.bytes[keyRange]
            try scanner.expect(0x3A)
            var value = try scanner.featureValue()
            var position: Int?
            if ordinal < lastKeys.count, !escaped, lastKeys[ordinal].key.elementsEqual(key) {
                position = lastKeys[ordinal].position
            } else {
                let name = escaped ? try JSONDecoder().decode(String.self, from: Data(scanner.bytes[(keyRange.lowerBound - 1)...keyRange.upperBound]))
                    : String(decoding: key, as: UTF8.self)
                position = columns.position(of: name, firstValue: value)
                let entry = (key: escaped ? ArraySlice<UInt8>() : ArraySlice(Array(key)), position: position)
                if ordinal < lastKeys.count { lastKeys[ordinal] = entry } else if ordinal < 1000 { lastKeys.append(entry) }
            }
            ordinal += 1
            guard let position else { continue }
            if case .string(let text) = value, columns[position].isNumericType, let special = RowValidator.nonFinite[text] { value = .number(special) }
            if position >= values.count { values.append(contentsOf: repeatElement(.missing, count: position - values.count + 1)) }
            values[position] = value
        } while scanner.take(0x2C)
        try scanner.expect(0x7D)
        return values
    }

    func probabilities(_ scanner: inout JSONScanner, number: Int) throws -> [ClassProbability]? {
        if scanner.peek() == 0x6E { try scanner.literal("null"); return nil }
        guard scanner.take(0x7B) else { throw JSONScanner.Malformed(message: "row \(number): probabilities must be an object") }
        var result: [ClassProbability] = []
        if scanner.take(0x7D) { return result }
        repeat {
            let label = try scanner.string()
            try scanner.expect(0x3A)
            // A non-number probability is a row problem (invalid_probabilities), not a malformed batch.
            let value = try scanner.featureValue().number ?? .nan
            result.append(ClassProbability(label: label, value: value))
        } while scanner.take(0x2C)
        try scanner.expect(0x7D)
        return result
    }
}
