/// A dictionary from byte strings to dense UInt32 codes, for categorical cells: the bytes are
/// hashed where they lie in the read buffer and only copied (once, into an arena) the first time a
/// category is seen, so a million cells of fifty categories cost fifty copies and no Strings.
struct ByteDictionary {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    var count: Int { starts.count - 1 }

    /// The code of the bytes, inserting them when new.
    mutating func code(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> UInt32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in start..<end { hash = (hash ^ UInt64(bytes[k])) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            if equals(Int(entry), bytes, start, end) { return UInt32(entry) }
            slot = (slot + 1) & mask
        }
        let code = count
        arena.append(contentsOf: UnsafeBufferPointer(start: bytes + start, count: end - start))
        starts.append(arena.count)
        slots[slot] = Int32(code)
        if count * 2 > slots.count { rehash() }
        return UInt32(code)
    }

    /// The code of a category given as a String (used when merging dictionaries).
    mutating func code(_ text: String) -> UInt32 {
        // A trailing NUL keeps the buffer non-empty (an empty category has no bytes of its own).
        let copy = Array(text.utf8) + [0]
        return copy.withUnsafeBufferPointer { code($0.baseAddress!, 0, $0.count - 1) }
    }

    /// Every category, in code order.
    var strings: [String] {
        (0..<count).map { String(decoding: arena[starts[$0]..<starts[$0 + 1]], as: UTF8.self) }
    }

    private func equals(_ code: Int, _ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let s = starts[code], length = starts[code + 1] - s
        guard length == end - start else { return false }
        for k in 0..<length where arena[s + k] != bytes[start + k] { return false }
        return true
    }

    private mutating func rehash() {
        let entries = strings
        slots = Array(repeating: -1, count: slots.count * 2)
        arena = []
        starts = [0]
        for entry in entries { _ = code(entry) }
    }
}
