import Foundation

/// Reads a local CSV or NDJSON file as NDJSON lines for `steward monitor log|labels`. NDJSON lines
/// pass through unchanged; a CSV row becomes `{"id", "timestamp", "features": {…}, "prediction",
/// "probabilities": {…}}` (columns `id`, `timestamp`, `prediction`, `probability_<class>`; every
/// other column is a feature) or, for labels, `{"id", "label"}`. Numbers stay numbers and empty
/// cells are null.
struct MonitorRows: Sequence, IteratorProtocol {
    enum Kind { case predictions, labels }

    private let lines: [Substring]
    private var index = 0
    private let header: [String]?
    private let kind: Kind

    init(path: String, kind: Kind) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        let lower = path.lowercased()
        if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".json") {
            header = nil
        } else {
            guard !lines.isEmpty else { throw CLIFailure.usage("\(path) is empty; a CSV file needs a header row.") }
            header = Self.cells(lines.removeFirst()).map { $0 ?? "" }
        }
        self.lines = lines
        self.kind = kind
    }

    mutating func next() -> String? {
        guard index < lines.count else { return nil }
        defer { index += 1 }
        guard let header else { return String(lines[index]) }
        var features: [String] = [], probabilities: [String] = [], top: [String] = []
        for (name, cell) in zip(header, Self.cells(lines[index])) {
            let value = cell.map(Self.json) ?? "null"
            switch name {
            case "id", "timestamp", "prediction", "label": top.append("\(Self.quote(name)):\(name == "id" || name == "timestamp" ? Self.quote(cell ?? "") : value)")
            case _ where name.hasPrefix("probability_"): probabilities.append("\(Self.quote(String(name.dropFirst(12)))):\(value)")
            default: features.append("\(Self.quote(name)):\(value)")
            }
        }
        if kind == .predictions {
            top.append("\"features\":{\(features.joined(separator: ","))}")
            if !probabilities.isEmpty { top.append("\"probabilities\":{\(probabilities.joined(separator: ","))}") }
        }
        return "{\(top.joined(separator: ","))}"
    }

    /// The cells of a CSV line (double-quoted cells may hold commas and doubled quotes); nil when empty.
    static func cells(_ line: Substring) -> [String?] {
        var cells: [String?] = [], cell = "", quoted = false, wasQuoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    quoted = false
                } else { cell.append(character) }
            } else if character == "\"" {
                if wasQuoted { cell.append("\"") }
                quoted = true
                wasQuoted = true
            } else if character == "," {
                cells.append(cell.isEmpty && !wasQuoted ? nil : cell)
                cell = ""
                wasQuoted = false
            } else { cell.append(character) }
        }
        cells.append(cell.isEmpty && !wasQuoted ? nil : cell)
        return cells
    }

    /// A cell as JSON: a number when it is one, else a string.
    static func json(_ cell: String) -> String {
        if let number = Double(cell), number.isFinite, !cell.hasPrefix("+") { return cell }
        return quote(cell)
    }

    static func quote(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
