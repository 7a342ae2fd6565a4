/// Formats rows as left-aligned columns separated by spaces, like `docker ps` or `kubectl get`.
///
/// Cells are kept on one line (line breaks and tabs become spaces, other control characters are
/// dropped) so a description can never break the alignment; trailing spaces are never printed.
public struct TableFormatter: Sendable {
    /// The header row; empty for a table without headers (a key/value listing, for example).
    public var headers: [String]
    /// The data rows. Rows may be shorter than others; missing cells are empty.
    public var rows: [[String]]
    /// The spaces between two columns.
    public var spacing: Int

    /// Creates a table with the given header row and data rows.
    public init(headers: [String] = [], rows: [[String]] = [], spacing: Int = 3) {
        self.headers = headers
        self.rows = rows
        self.spacing = spacing
    }

    /// Appends a data row.
    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table as text: one line per row, no trailing newline.
    public func render() -> String {
        let allRows = (headers.isEmpty ? [] : [headers]) + rows
        let cleaned = allRows.map { $0.map(Self.singleLine) }
        let columnCount = cleaned.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columnCount)
        for row in cleaned {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        let gap = String(repeating: " ", count: spacing)
        return cleaned.map { row in
            var line = ""
            for index in 0..<columnCount {
                let cell = index < row.count ? row[index] : ""
                if index > 0 { line += gap }
                line += cell + String(repeating: " ", count: widths[index] - cell.count)
            }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// A two-column `Key:  value` listing, for showing one resource.
    public static func details(_ pairs: [(String, String)]) -> String {
        TableFormatter(rows: pairs.map { [$0.0 + ":", $0.1] }, spacing: 2).render()
    }

    /// `text` cut to `width` characters, ending in `…` when cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        let line = singleLine(text)
        guard line.count > width, width > 0 else { return line }
        return String(line.prefix(width - 1)) + "…"
    }

    /// `text` on one line: line breaks and tabs become spaces, other control characters go.
    static func singleLine(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                result.unicodeScalars.append(" ")
            } else if scalar.properties.generalCategory != .control {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
