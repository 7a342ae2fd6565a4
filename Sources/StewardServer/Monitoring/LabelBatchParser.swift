import Foundation
import StewardCore

/// Reads a labels body, `{"labels": [{"id": "…", "label": x}, …]}` or NDJSON (one such object per
/// line). A label must be a string, number or boolean; anything else refuses the whole batch.
enum LabelBatchParser {
    static func parse(_ body: [UInt8], ndjson: Bool) throws -> [LabelRecord] {
        var labels: [LabelRecord] = []
        do {
            if ndjson {
                var start = 0
                while start < body.count {
                    let newline = body[start...].firstIndex(of: 0x0A) ?? body.count
                    var scanner = JSONScanner(body, from: start, to: newline)
                    if scanner.peek() != nil {
                        labels.append(try label(&scanner, number: labels.count))
                        guard scanner.peek() == nil else { throw JSONScanner.Malformed(message: "line \(labels.count): text after the object") }
                    }
                    start = newline + 1
                }
            } else {
                var scanner = JSONScanner(body)
                try scanner.expect(0x7B)
                var found = false
                if !scanner.take(0x7D) {
                    repeat {
                        let key = try scanner.string()
                        try scanner.expect(0x3A)
                        if key == "labels" {
                            found = true
                            try scanner.expect(0x5B)
                            if !scanner.take(0x5D) {
                                repeat { labels.append(try label(&scanner, number: labels.count)) } while scanner.take(0x2C)
                                try scanner.expect(0x5D)
                            }
                        } else {
                            try scanner.skipValue()
                        }
                    } while scanner.take(0x2C)
                    try scanner.expect(0x7D)
                }
                guard scanner.peek() == nil else { throw JSONScanner.Malformed(message: "text after the batch object") }
                guard found else { throw JSONScanner.Malformed(message: "the batch has no \"labels\" list") }
            }
        } catch let error as JSONScanner.Malformed {
            throw DomainError(.invalid, code: "invalid_batch", "The labels batch is not valid (\(error.message)); nothing was stored.")
        }
        return labels
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
