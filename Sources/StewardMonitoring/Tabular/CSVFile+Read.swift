import Foundation

extension CSVFile {
    /// Why a whole-file read stopped.
    enum ReadFailure: Error {
        case notANumber(column: Int)
        case error(TabularError)
    }

    /// Reads every data row. Large files are split at line breaks into one range per core and read
    /// in parallel; the range ends are only trusted when each range parses to a clean row end, and
    /// any failure is re-read sequentially, so quoted line breaks and error line numbers stay exact.
    func read(types: [CellType], parts: Int) throws(ReadFailure) -> PartColumns {
        let length = file.size - dataStart
        let count = length < 4 << 20 ? 1 : max(1, parts)
        if count > 1 {
            var bounds = [dataStart]
            for k in 1..<count {
                let next = (try? file.nextLineStart(after: dataStart + length * k / count)) ?? file.size
                bounds.append(max(next, bounds[k - 1]))
            }
            bounds.append(file.size)
            let ranges = (0..<count).map { (bounds[$0], bounds[$0 + 1]) }
            var results = ConcurrentMap.map(ranges, concurrency: count) { range in
                Result { () throws(CSVRowParser.Stop) -> PartColumns in try readRange(range.0, range.1, types: types).columns }
            }
            var parts: [PartColumns] = []
            for result in results {
                switch result {
                case .success(let part): parts.append(part)
                case .failure(.notANumber(let column)): throw .notANumber(column: column)
                case .failure: break
                }
            }
            results = []
            if parts.count == count {
                // Each part's column is swapped out and freed as soon as it is appended, so merging
                // costs one column of extra memory, not a whole part.
                var merged = PartColumns(types: types, reserve: 0)
                swap(&merged, &parts[0])
                for k in 1..<count { merged.append(from: &parts[k]) }
                return merged
            }
        }
        do {
            return try readRange(dataStart, file.size, types: types).columns
        } catch {
            switch error {
            case .notANumber(let column):
                throw .notANumber(column: column)
            case .malformed(let line, let column, let message):
                // Data lines start after the header line.
                let name = column.map { header[$0] }
                throw .error(TabularError(file: file.path, line: line + 1, column: name, message: message))
            }
        }
    }
}
