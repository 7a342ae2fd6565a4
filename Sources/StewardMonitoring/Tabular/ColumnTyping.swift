/// Turns the raw parts of two files into typed ``Column``s with Evidently's rules, on ref ∪ cur.
enum ColumnTyping {
    static func type(reference: ([String], PartColumns), current: ([String], PartColumns)) -> TablePair {
        var refParts = take(reference), curParts = take(current)
        var refColumns: [Column] = [], curColumns: [Column] = [], skipped: [SkippedColumn] = []
        var typed: [String: Column] = [:]
        for name in reference.0 {
            let (ref, type) = refParts.removeValue(forKey: name)!
            let cur = curParts.removeValue(forKey: name)?.0
            if type == .string, let reason = textReason(ref, cur) {
                skipped.append(SkippedColumn(name: name, reason: reason))
                continue
            }
            let integerCategories = type == .number && isSmallInteger(ref, cur)
            refColumns.append(column(name, ref, type, integerCategories: integerCategories))
            if let cur { typed[name] = column(name, cur, type, integerCategories: integerCategories) }
        }
        for name in current.0 {
            if let column = typed.removeValue(forKey: name) {
                curColumns.append(column)
            } else if let (cur, type) = curParts.removeValue(forKey: name) {
                if type == .string, let reason = textReason(cur, nil) {
                    skipped.append(SkippedColumn(name: name, reason: reason))
                } else {
                    curColumns.append(column(name, cur, type, integerCategories: type == .number && isSmallInteger(cur, nil)))
                }
            }
        }
        return TablePair(reference: refColumns, current: curColumns, skipped: skipped)
    }

    private static func take(_ table: ([String], PartColumns)) -> [String: (ColumnPart, CellType)] {
        var parts = table.1
        var result: [String: (ColumnPart, CellType)] = [:]
        for (index, name) in table.0.enumerated() {
            var part = ColumnPart()
            swap(&part, &parts.columns[index])
            result[name] = (part, parts.types[index])
        }
        return result
    }

    /// Strings with more than 50 % distinct values are free text, not categories (Evidently).
    static func textReason(_ a: ColumnPart, _ b: ColumnPart?) -> String? {
        var categories = Set(a.dictionary.strings)
        var values = a.codes.count - a.missing
        if let b {
            categories.formUnion(b.dictionary.strings)
            values += b.codes.count - b.missing
        }
        guard values > 0, Double(categories.count) > 0.5 * Double(values) else { return nil }
        return "text: \(categories.count) distinct values in \(values) rows"
    }

    /// Integer cells only, nothing missing, at most 10 distinct values on both sides together.
    static func isSmallInteger(_ a: ColumnPart, _ b: ColumnPart?) -> Bool {
        guard a.integerOnly, a.missing == 0, b.map({ $0.integerOnly && $0.missing == 0 }) ?? true else { return false }
        var distinct = Set<Double>()
        for part in [a] + (b.map { [$0] } ?? []) {
            for value in part.numbers {
                distinct.insert(value)
                if distinct.count > TableLoader.integerCardinalityLimit { return false }
            }
        }
        return !distinct.isEmpty
    }

    private static func column(_ name: String, _ part: ColumnPart, _ type: CellType, integerCategories: Bool) -> Column {
        if type == .string {
            return Column(name: name, values: .categorical(codes: part.codes, categories: part.dictionary.strings))
        }
        guard integerCategories else { return Column(name: name, values: .numeric(part.numbers)) }
        var labels: [Double: UInt32] = [:], categories: [String] = []
        let codes = part.numbers.map { value -> UInt32 in
            if let code = labels[value] { return code }
            let code = UInt32(categories.count)
            labels[value] = code
            categories.append(String(Int64(value)))
            return code
        }
        return Column(name: name, values: .categorical(codes: codes, categories: categories))
    }
}
