extension NDJSONFile {
    /// Reads every line into columns of the given types (sequentially: NDJSON is the slow path).
    func read(types: [CellType]) throws(CSVFile.ReadFailure) -> PartColumns {
        var columns = PartColumns(types: types, reserve: 1024)
        var keys = ByteDictionary()
        for name in header { _ = keys.code(name) }
        var filled = [Bool](repeating: false, count: header.count)
        var mismatch: Int?
        let failure: (Int, String)?
        do {
            failure = try Self.lines(file) { b, start, end, _ throws(NDJSONLineParser.Malformed) in
                for index in filled.indices { filled[index] = false }
                try NDJSONLineParser.fields(b, start, end) { field throws(NDJSONLineParser.Malformed) in
                    let key = field.keyEscaped
                        ? keys.code(NDJSONLineParser.decode(b, field.keyStart, field.keyEnd))
                        : keys.code(b, field.keyStart, field.keyEnd)
                    // Keys beyond the sampled header are ignored; a repeated key keeps its first value.
                    guard Int(key) < header.count, !filled[Int(key)] else { return }
                    let column = Int(key)
                    filled[column] = true
                    if !store(field, b, column: column, into: &columns) {
                        mismatch = column
                        throw NDJSONLineParser.Malformed(message: "not a number")
                    }
                }
                for index in filled.indices where !filled[index] { appendMissing(index, into: &columns) }
                columns.rows += 1
            }
        } catch {
            throw .error(error)
        }
        if let mismatch { throw .notANumber(column: mismatch) }
        if let failure { throw .error(TabularError(file: file.path, line: failure.0, message: failure.1)) }
        return columns
    }

    private func store(_ field: NDJSONLineParser.Field, _ b: UnsafePointer<UInt8>, column: Int, into columns: inout PartColumns) -> Bool {
        if field.kind == .null {
            appendMissing(column, into: &columns)
            return true
        }
        if columns.types[column] == .number {
            guard field.kind == .number, case .number(let value, let integer) = NumberParser.parse(b, field.start, field.end) else {
                return false
            }
            columns.columns[column].numbers.append(value)
            if !integer { columns.columns[column].integerOnly = false }
        } else if field.escaped {
            columns.columns[column].codes.append(columns.columns[column].dictionary.code(NDJSONLineParser.decode(b, field.start, field.end)))
        } else if field.start == field.end {
            appendMissing(column, into: &columns)
        } else {
            columns.columns[column].codes.append(columns.columns[column].dictionary.code(b, field.start, field.end))
        }
        return true
    }

    private func appendMissing(_ column: Int, into columns: inout PartColumns) {
        if columns.types[column] == .number { columns.columns[column].numbers.append(.nan) } else { columns.columns[column].codes.append(Column.missingCode) }
        columns.columns[column].missing += 1
    }
}
