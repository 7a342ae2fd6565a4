import Foundation

/// A CSV file with a header row, read into per-column storage by parallel part readers.
struct CSVFile {
    static let chunkSize = 4 << 20
    let file: FileBytes
    let header: [String]
    /// Offset of the first data row.
    let dataStart: Int

    init(path: String) throws(TabularError) {
        let bytes = try FileBytes(path: path)
        file = bytes
        let fileSize = bytes.size
        let sampleSize = min(fileSize, 1 << 20)
        var sample = [UInt8](repeating: 0, count: sampleSize)
        let n = try sample.withUnsafeMutableBufferPointer { buffer throws(TabularError) in
            try bytes.read(into: buffer.baseAddress!, count: sampleSize, at: 0)
        }
        guard let end = sample[..<n].firstIndex(of: UInt8(ascii: "\n")) ?? (n == fileSize && n > 0 ? n : nil) else {
            throw TabularError(file: path, line: 1, message: n == 0 ? "the file is empty" : "no header row")
        }
        let names = Self.splitHeader(Array(sample[..<end]))
        guard !names.isEmpty, !(names.count == 1 && names[0].isEmpty) else { throw TabularError(file: path, line: 1, message: "empty header row") }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw TabularError(file: path, line: 1, column: name, message: "duplicate column name")
        }
        header = names
        dataStart = min(end + 1, fileSize)
    }

    /// Header cells, unquoted (a header with quoted line breaks is not supported).
    static func splitHeader(_ bytes: [UInt8]) -> [String] {
        var cells: [String] = [], cell: [UInt8] = [], quoted = false, i = 0
        let line = bytes.last == UInt8(ascii: "\r") ? Array(bytes.dropLast()) : bytes
        while i < line.count {
            let b = line[i]
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < line.count && line[i + 1] == UInt8(ascii: "\"") { cell.append(b); i += 1 } else { quoted = false }
                } else { cell.append(b) }
            } else if b == UInt8(ascii: "\"") {
                quoted = true
            } else if b == UInt8(ascii: ",") {
                cells.append(String(decoding: cell, as: UTF8.self))
                cell = []
            } else { cell.append(b) }
            i += 1
        }
        cells.append(String(decoding: cell, as: UTF8.self))
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Columns whose cells in the first megabyte are not all numbers (read as text).
    func textColumnsInSample() throws(TabularError) -> Set<Int> {
        let length = min(file.size - dataStart, 1 << 20)
        let types = [CellType](repeating: .number, count: header.count)
        // Malformed rows are reported by the full read, with their line.
        guard let parser = try? readRange(dataStart, dataStart + length, types: types,
                                          cutLastRow: dataStart + length < file.size, sampling: true) else { return [] }
        return parser.notNumbers
    }

    /// Reads `[start, end)` with one parser. `cutLastRow`: the range may end inside a row (sampling),
    /// which is then dropped instead of being an error.
    func readRange(_ start: Int, _ end: Int, types: [CellType], cutLastRow: Bool = false,
                   sampling: Bool = false) throws(CSVRowParser.Stop) -> CSVRowParser {
        let total = end - start
        let averageRow = max(8, header.count * 4)
        var parser = CSVRowParser(columns: PartColumns(types: types, reserve: total / averageRow / 4 + 16))
        parser.sampling = sampling
        var capacity = Self.chunkSize
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var carry = 0, offset = start
        var estimated = false
        while true {
            let want = min(capacity - carry, end - offset)
            let n: Int
            do { n = try file.read(into: buffer + carry, count: want, at: offset) } catch {
                throw .malformed(line: parser.line, column: nil, message: error.message)
            }
            offset += n
            let available = carry + n
            let isLast = offset >= end || n == 0
            let consumed = try parser.parse(buffer, count: available, isLast: isLast && !cutLastRow)
            if !estimated && parser.columns.rows > 0 {
                // Reserve for the whole range from the bytes per row seen so far: no regrowth copies.
                estimated = true
                let rows = Int(Double(total) / Double(max(consumed, 1)) * Double(parser.columns.rows) * 1.02) + 64
                parser.reserve(rows)
            }
            if isLast { return parser }
            carry = available - consumed
            if carry > 0 { buffer.update(from: buffer + consumed, count: carry) }
            if carry == capacity {
                // One row longer than the buffer: grow it.
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.update(from: buffer, count: carry)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
        }
    }
}

extension CSVRowParser {
    mutating func reserve(_ rows: Int) {
        for index in columns.columns.indices {
            if columns.types[index] == .number {
                columns.columns[index].numbers.reserveCapacity(rows)
            } else {
                columns.columns[index].codes.reserveCapacity(rows)
            }
        }
    }
}
