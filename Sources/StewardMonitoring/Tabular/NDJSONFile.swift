/// An NDJSON / JSON Lines file of flat objects: one row per line, one column per key. Keys come
/// from the first megabyte (in order of appearance); later unknown keys are ignored and absent
/// keys are missing cells. Values: numbers, strings, booleans (as categories) and null (missing).
struct NDJSONFile {
    let file: FileBytes
    let header: [String]
    /// Keys whose sampled values include a string or a boolean.
    let textColumns: Set<String>

    init(path: String) throws(TabularError) {
        file = try FileBytes(path: path)
        var names: [String] = [], seen = Set<String>(), text = Set<String>()
        let sample = try Self.lines(file, limit: 1 << 20) { b, start, end, _ throws(NDJSONLineParser.Malformed) in
            try NDJSONLineParser.fields(b, start, end) { field throws(NDJSONLineParser.Malformed) in
                let key = NDJSONLineParser.decode(b, field.keyStart, field.keyEnd)
                if seen.insert(key).inserted { names.append(key) }
                if field.kind == .string || field.kind == .boolean { text.insert(key) }
            }
        }
        if let failure = sample { throw TabularError(file: path, line: failure.0, message: failure.1) }
        guard !names.isEmpty else { throw TabularError(file: path, line: 1, message: "no JSON object with keys") }
        header = names
        textColumns = text
    }

    /// Calls `body` for each non-blank line (1-based line number) of the first `limit` bytes
    /// (the last, possibly cut line of a sample is skipped); returns the first failure.
    static func lines(_ file: FileBytes, limit: Int = .max,
                      _ body: (UnsafePointer<UInt8>, Int, Int, Int) throws(NDJSONLineParser.Malformed) -> Void) throws(TabularError) -> (Int, String)? {
        let chunk = 4 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        var carry = 0, offset = 0, line = 0
        let end = min(file.size, limit)
        while true {
            if carry == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            let want = min(buffer.count - carry, end - offset)
            let n = try buffer.withUnsafeMutableBufferPointer { p throws(TabularError) in try file.read(into: p.baseAddress! + carry, count: want, at: offset) }
            offset += n
            let available = carry + n, isLast = offset >= end || n == 0
            let failure: (Int, String)? = buffer.withUnsafeBufferPointer { p in
                let b = p.baseAddress!
                var start = 0
                while start < available {
                    var stop = start
                    while stop < available && b[stop] != 0x0A { stop += 1 }
                    if stop == available && !isLast { break }
                    if stop == available && limit < file.size { break }
                    line += 1
                    var k = start
                    while k < stop && (b[k] == 0x20 || b[k] == 0x09 || b[k] == 0x0D) { k += 1 }
                    if k < stop {
                        do throws(NDJSONLineParser.Malformed) { try body(b, start, stop, line) } catch { return (line, error.message) }
                    }
                    start = stop + 1
                }
                carry = max(0, available - start)
                return nil
            }
            if let failure { return failure }
            if isLast { return nil }
            if carry > 0 { buffer.replaceSubrange(0..<carry, with: buffer[(available - carry)..<available]) }
        }
    }
}
