/// The RFC 4180 scanner: turns a buffer of complete-or-partial rows into column cells.
///
/// Cells are parsed where they lie in the buffer (numbers by ``NumberParser``, categories through
/// ``ByteDictionary``); only a quoted cell with doubled quotes is copied, to unescape it. A row cut
/// by the end of the buffer is rolled back and reported as unconsumed, so the reader can carry its
/// bytes over to the next read.
struct CSVRowParser {
    enum Stop: Error {
        /// A cell of a number column is not a number: the column must be read as text.
        case notANumber(column: Int)
        /// The file is malformed at `line` (1-based within this part), `column` (0-based) if known.
        case malformed(line: Int, column: Int?, message: String)
    }

    var columns: PartColumns
    let columnCount: Int
    /// The line (within the part) of the next row; quoted line breaks count.
    var line = 1
    /// Sampling mode: a non-number in a number column is recorded here instead of stopping.
    var sampling = false
    var notNumbers = Set<Int>()
    private var scratch: [UInt8] = []

    init(columns: PartColumns) {
        self.columns = columns
        columnCount = columns.types.count
    }

    /// Parses the complete rows of `bytes[0..<count]` and returns the offset after the last one.
    /// With `isLast`, the end of the buffer also ends the last row.
    mutating func parse(_ bytes: UnsafePointer<UInt8>, count: Int, isLast: Bool) throws(Stop) -> Int {
        let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r")
        var pos = 0
        rows: while pos < count {
            let rowStart = pos, rowLine = line
            if bytes[pos] == newline { pos += 1; line += 1; continue }
            if bytes[pos] == cr && pos + 1 < count && bytes[pos + 1] == newline { pos += 2; line += 1; continue }
            var column = 0
            while true {
                var start = pos, end = pos, escaped = false
                if pos < count && bytes[pos] == quote {
                    var i = pos + 1
                    var closed = false
                    while i < count {
                        if bytes[i] == quote {
                            if i + 1 < count && bytes[i + 1] == quote { escaped = true; i += 2; continue }
                            if i + 1 == count && !isLast { break }
                            closed = true
                            break
                        }
                        if bytes[i] == newline { line += 1 }
                        i += 1
                    }
                    if !closed {
                        if isLast { throw .malformed(line: rowLine, column: column, message: "unterminated quoted field") }
                        columns.dropPartialRow(cells: column)
                        line = rowLine
                        return rowStart
                    }
                    start = pos + 1
                    end = i
                    pos = i + 1
                } else {
                    while pos < count && bytes[pos] != comma && bytes[pos] != newline { pos += 1 }
                    end = pos
                    if pos < count && bytes[pos] == newline && end > start && bytes[end - 1] == cr { end -= 1 }
                }
                if pos == count && !isLast {
                    columns.dropPartialRow(cells: column)
                    line = rowLine
                    return rowStart
                }
                if pos < count && bytes[pos] == cr && pos + 1 < count && bytes[pos + 1] == newline { pos += 1 }
                if pos < count && bytes[pos] != comma && bytes[pos] != newline {
                    throw .malformed(line: rowLine, column: column, message: "unexpected text after a closing quote")
                }
                guard column < columnCount else {
                    throw .malformed(line: rowLine, column: nil, message: "row has more than the header's \(columnCount) fields")
                }
                try store(bytes, start, end, escaped: escaped, column: column)
                column += 1
                if pos >= count || bytes[pos] == newline {
                    guard column == columnCount else {
                        throw .malformed(line: rowLine, column: nil, message: "row has \(column) fields, the header has \(columnCount)")
                    }
                    if pos < count { line += 1 }
                    pos += 1
                    columns.rows += 1
                    continue rows
                }
                pos += 1
            }
        }
        return min(pos, count)
    }

    private mutating func store(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool, column: Int) throws(Stop) {
        if escaped {
            // Doubled quotes inside a quoted cell: unescape into scratch and parse that.
            scratch.removeAll(keepingCapacity: true)
            var k = start
            while k < end {
                scratch.append(bytes[k])
                k += bytes[k] == UInt8(ascii: "\"") ? 2 : 1
            }
            let copy = scratch
            try copy.withUnsafeBufferPointer { buffer throws(Stop) in try storeCell(buffer.baseAddress!, 0, buffer.count, column: column) }
        } else {
            try storeCell(bytes, start, end, column: column)
        }
    }

    private mutating func storeCell(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int, column: Int) throws(Stop) {
        if columns.types[column] == .number {
            switch NumberParser.parse(bytes, start, end) {
            case .number(let value, let integer):
                columns.columns[column].numbers.append(value)
                if !integer { columns.columns[column].integerOnly = false }
            case .missing:
                columns.columns[column].numbers.append(.nan)
                columns.columns[column].missing += 1
            case .notANumber:
                guard sampling else { throw .notANumber(column: column) }
                notNumbers.insert(column)
                columns.columns[column].numbers.append(.nan)
            }
        } else if start == end {
            columns.columns[column].codes.append(Column.missingCode)
            columns.columns[column].missing += 1
        } else {
            let code = columns.columns[column].dictionary.code(bytes, start, end)
            columns.columns[column].codes.append(code)
        }
    }
}
