import Foundation

/// A reference table and a current table read together, so both sides get the same column types.
public struct TablePair: Sendable {
    public var reference: [Column]
    public var current: [Column]
    /// Columns left out of both sides (text columns), with the reason.
    public var skipped: [SkippedColumn]

    public init(reference: [Column], current: [Column], skipped: [SkippedColumn]) {
        self.reference = reference
        self.current = current
        self.skipped = skipped
    }
}

/// Reads two table files (CSV with a header row, or NDJSON/JSON Lines by extension) into columns,
/// typed like Evidently: numbers → numeric; integers with at most 10 distinct values on ref ∪ cur
/// and no missing cell → categorical; strings → categorical, or text (skipped) when more than
/// half of the values are distinct.
public enum TableLoader {
    /// Integer columns with at most this many distinct values are categorical (Evidently).
    public static let integerCardinalityLimit = 10

    /// Loads both files; `parallelism` readers per file (default: one per core).
    public static func loadPair(reference: String, current: String,
                                parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) throws(TabularError) -> TablePair {
        _ = AllocatorTuning.applied
        let ref = try TableSource(path: reference), cur = try TableSource(path: current)
        var text = try ref.textColumnsInSample().union(cur.textColumnsInSample())
        while true {
            do throws(TableSource.Failure) {
                let refParts = try ref.read(text: text, parallelism: parallelism)
                let curParts = try cur.read(text: text, parallelism: parallelism)
                return ColumnTyping.type(reference: (ref.header, refParts), current: (cur.header, curParts))
            } catch {
                switch error {
                case .notANumber(let name):
                    // A number column met a non-number after the sample: read it as text, from the start.
                    text.insert(name)
                case .error(let error):
                    throw error
                }
            }
        }
    }
}

/// A CSV or NDJSON file behind one interface.
enum TableSource {
    case csv(CSVFile)
    case ndjson(NDJSONFile)

    enum Failure: Error {
        case notANumber(String)
        case error(TabularError)
    }

    init(path: String) throws(TabularError) {
        let lower = path.lowercased()
        if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") {
            self = .ndjson(try NDJSONFile(path: path))
        } else {
            self = .csv(try CSVFile(path: path))
        }
    }

    var header: [String] {
        switch self {
        case .csv(let file): return file.header
        case .ndjson(let file): return file.header
        }
    }

    func textColumnsInSample() throws(TabularError) -> Set<String> {
        switch self {
        case .csv(let file): return Set(try file.textColumnsInSample().map { file.header[$0] })
        case .ndjson(let file): return file.textColumns
        }
    }

    func read(text: Set<String>, parallelism: Int) throws(Failure) -> PartColumns {
        let types = header.map { text.contains($0) ? CellType.string : .number }
        switch self {
        case .csv(let file):
            do { return try file.read(types: types, parts: parallelism) } catch {
                switch error {
                case .notANumber(let column): throw .notANumber(file.header[column])
                case .error(let error): throw .error(error)
                }
            }
        case .ndjson(let file):
            do { return try file.read(types: types) } catch {
                switch error {
                case .notANumber(let column): throw .notANumber(file.header[column])
                case .error(let error): throw .error(error)
                }
            }
        }
    }
}
