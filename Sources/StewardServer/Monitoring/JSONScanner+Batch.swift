extension JSONScanner {
    /// The elements of a batch body, one shape for predictions and labels: a JSON object whose `key`
    /// member is the list (other members are skipped), or NDJSON with one element per line (blank
    /// lines allowed). `element` reads one element and gets its position; anything malformed throws
    /// `Malformed`, so the caller refuses the whole batch.
    static func batch<T>(_ body: [UInt8], ndjson: Bool, key: String,
                         element: (inout JSONScanner, Int) throws -> T) throws -> [T] {
        var elements: [T] = []
        if ndjson {
            var start = 0
            while start < body.count {
                let newline = body[start...].firstIndex(of: 0x0A) ?? body.count
                var scanner = JSONScanner(body, from: start, to: newline)
                if scanner.peek() != nil {
                    elements.append(try element(&scanner, elements.count))
                    guard scanner.peek() == nil else { throw Malformed(message: "line \(elements.count): text after the object") }
                }
                start = newline + 1
            }
            return elements
        }
        var scanner = JSONScanner(body)
        try scanner.expect(0x7B)
        var found = false
        if !scanner.take(0x7D) {
            repeat {
                let name = try scanner.string()
                try scanner.expect(0x3A)
                guard name == key else { try scanner.skipValue(); continue }
                found = true
                try scanner.expect(0x5B)
                if !scanner.take(0x5D) {
                    repeat { elements.append(try element(&scanner, elements.count)) } while scanner.take(0x2C)
                    try scanner.expect(0x5D)
                }
            } while scanner.take(0x2C)
            try scanner.expect(0x7D)
        }
        guard scanner.peek() == nil else { throw Malformed(message: "text after the batch object") }
        guard found else { throw Malformed(message: "the batch has no \"\(key)\" list") }
        return elements
    }
}
