/// The cells of one column read from one part of a file: numbers, or dictionary codes.
struct ColumnPart {
    var numbers: [Double] = []
    var codes: [UInt32] = []
    var dictionary = ByteDictionary()
    /// Every non-missing cell was written as an integer (no '.', no exponent).
    var integerOnly = true
    var missing = 0
}

/// How the parser treats a column's cells.
enum CellType: Sendable, Equatable {
    case number
    case string
}

/// The columns of one part, filled row by row by ``CSVRowParser``.
struct PartColumns {
    var types: [CellType]
    var columns: [ColumnPart]
    var rows = 0

    init(types: [CellType], reserve: Int) {
        self.types = types
        columns = types.map { type in
            var part = ColumnPart()
            if type == .number { part.numbers.reserveCapacity(reserve) } else { part.codes.reserveCapacity(reserve) }
            return part
        }
    }

    /// Removes the first `cells` cells of the last (incomplete) row.
    mutating func dropPartialRow(cells: Int) {
        for index in 0..<cells {
            if types[index] == .number { columns[index].numbers.removeLast() } else { columns[index].codes.removeLast() }
        }
    }

    /// Appends `other` (the next part of the same file) column by column, remapping its category
    /// codes into this part's dictionaries; each column's old storage is freed before the next one
    /// grows, so the peak stays near the size of the data.
    mutating func append(from other: inout PartColumns) {
        for index in columns.indices {
            var source = ColumnPart()
            swap(&source, &other.columns[index])
            columns[index].integerOnly = columns[index].integerOnly && source.integerOnly
            columns[index].missing += source.missing
            if types[index] == .number {
                columns[index].numbers.append(contentsOf: source.numbers)
            } else {
                let remap = source.dictionary.strings.map { columns[index].dictionary.code($0) }
                columns[index].codes.reserveCapacity(columns[index].codes.count + source.codes.count)
                for code in source.codes {
                    columns[index].codes.append(code == Column.missingCode ? code : remap[Int(code)])
                }
            }
        }
        rows += other.rows
    }
}
