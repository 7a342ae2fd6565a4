import Foundation
import StewardCore

/// Reads a labels body, `{"labels": [{"id": "…", "label": x}, …]}` or NDJSON (one such object per
/// line). A label must be a string, number or boolean; anything else refuses the whole batch.
enum LabelBatchParser {
    static func parse(_ body: [UInt8], ndjson: Bool) throws -> [LabelRecord] {
        do {
            return try JSONScanner.batch(body, ndjson: ndjson, key: "labels") { try label(&$0, number: $1) }
        } catch let error as JSONScanner.Malformed {
            throw DomainError(.invalid, code: "invalid_batch", "The labels batch is not valid (\(error.message)); nothing was stored.")
        }
    }

    static func label(_ scanner: inout JSONScanner, number: Int) throws -> LabelRecord {
        try scanner.expect(0x7B)
        var id: String?, label: String?
        if !scanner.take(0x7D) {
            repeat {
                let key = try scanner.string()
                try scanner.expect(0x3A)
                let value = try scanner.featureValue()
                switch key {
                case "id":
                    guard let text = value.text, !text.isEmpty, text.utf8.count <= 256, value.number.map({ $0 == $0.rounded() }) ?? true else {
                        throw JSONScanner.Malformed(message: "label \(number): id must be a non-empty string or an integer")
                    }
                    id = text
                case "label":
                    guard let text = value.text, value.number?.isFinite ?? true, text.utf8.count <= 1024 else {
                        throw JSONScanner.Malformed(message: "label \(number): label must be a string, a finite number or a boolean")
                    }
                    label = text
                default: break
                }
            } while scanner.take(0x2C)
            try scanner.expect(0x7D)
        }
        guard let id, let label else { throw JSONScanner.Malformed(message: "label \(number) needs an id and a label") }
        return LabelRecord(rowID: id, label: label)
    }
}
