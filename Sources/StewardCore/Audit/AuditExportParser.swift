import Foundation

/// One entry read back from an export.
public struct ExportedEntry: Sendable {
    public var index: Int64
    /// The canonical body's exact bytes.
    public var body: [UInt8]
    public var rootHash: [UInt8]
    public var signature: [UInt8]
    public var proof: [Data]?
}

/// The header of an export.
public struct ExportHeader: Sendable {
    public var checkpoint: AuditCheckpoint?
    public var publicKey: AuditPublicKey
    public var filtered: Bool

    public init(checkpoint: AuditCheckpoint?, publicKey: AuditPublicKey, filtered: Bool) {
        self.checkpoint = checkpoint
        self.publicKey = publicKey
        self.filtered = filtered
    }
}

/// Reads export lines without a general JSON parser: entry lines have a fixed field order, and the
/// canonical body must be taken byte for byte anyway.
public enum AuditExportParser {
    public static func header(_ line: some Collection<UInt8>) throws -> ExportHeader {
        guard let value = JSONValue(jsonText: String(decoding: line, as: UTF8.self)), case .object(let fields) = value,
              fields["format"] == .string(AuditExport.formatName), case .string(let key)? = fields["public_key"] else {
            throw DomainError.invalidField("export", "the first line is not a \(AuditExport.formatName) header")
        }
        return ExportHeader(checkpoint: try fields["checkpoint"].map(AuditCheckpoint.init(json:)), publicKey: try AuditPublicKey(base64: key),
                            filtered: fields["filtered"] == .bool(true))
    }

    /// Parses an entry line (`AuditExport.line`).
    public static func entry(_ line: ArraySlice<UInt8>) throws -> ExportedEntry {
        var cursor = line.startIndex
        func expect(_ text: String) throws {
            for byte in text.utf8 {
                guard cursor < line.endIndex, line[cursor] == byte else { throw malformed(line) }
                cursor += 1
            }
        }
        func until(_ stop: UInt8) throws -> ArraySlice<UInt8> {
            let start = cursor
            while cursor < line.endIndex, line[cursor] != stop { cursor += 1 }
            guard cursor < line.endIndex else { throw malformed(line) }
            return line[start..<cursor]
        }
        try expect("{\"index\":")
        let digits = try until(UInt8(ascii: ","))
        guard let index = Int64(String(decoding: digits, as: UTF8.self)) else { throw malformed(line) }
        try expect(",\"root_hash\":\"")
        let root = try hexBytes(try until(UInt8(ascii: "\"")), line)
        try expect("\",\"signature\":\"")
        guard let signature = Data(base64Encoded: String(decoding: try until(UInt8(ascii: "\"")), as: UTF8.self)) else { throw malformed(line) }
        try expect("\",")
        var proof: [Data]?
        if line[cursor...].starts(with: Array("\"proof\":[".utf8)) {
            try expect("\"proof\":[")
            var hashes: [Data] = []
            while cursor < line.endIndex, line[cursor] == UInt8(ascii: "\"") {
                cursor += 1
                hashes.append(Data(try hexBytes(try until(UInt8(ascii: "\"")), line)))
                cursor += 1
                if cursor < line.endIndex, line[cursor] == UInt8(ascii: ",") { cursor += 1 }
            }
            try expect("],")
            proof = hashes
        }
        try expect("\"entry\":")
        guard line.count >= 2, line.last == UInt8(ascii: "}"), cursor < line.endIndex - 1 else { throw malformed(line) }
        return ExportedEntry(index: index, body: Array(line[cursor..<(line.endIndex - 1)]), rootHash: root,
                             signature: Array(signature), proof: proof)
    }

    /// An entry from a CSV row (`AuditExport.csvRow`).
    public static func entry(csv fields: [String]) throws -> ExportedEntry {
        guard fields.count == 14, fields[0] == "entry", let index = Int64(fields[1]),
              let signature = Data(base64Encoded: fields[11]) else {
            throw DomainError.invalidField("export", "malformed CSV entry row")
        }
        let proof = fields[12].isEmpty ? nil : try fields[12].split(separator: " ").map { try Data(hexChecked: String($0)) }
        return ExportedEntry(index: index, body: Array(fields[13].utf8), rootHash: Array(try Data(hexChecked: fields[10])),
                             signature: Array(signature), proof: proof)
    }

    /// The header from the CSV checkpoint row.
    public static func header(csv fields: [String]) throws -> ExportHeader {
        guard fields.count == 14, fields[0] == "checkpoint", let size = Int64(fields[1]) else {
            throw DomainError.invalidField("export", "the first CSV row must be the checkpoint row")
        }
        let checkpoint = size == 0 ? nil : AuditCheckpoint(treeSize: size, rootHash: try Data(hexChecked: fields[10]),
                                                           signature: Data(base64Encoded: fields[11]) ?? Data())
        return ExportHeader(checkpoint: checkpoint, publicKey: try AuditPublicKey(base64: fields[13]), filtered: fields[12] == "filtered")
    }

    static func hexBytes(_ text: ArraySlice<UInt8>, _ line: ArraySlice<UInt8>) throws -> [UInt8] {
        guard text.count % 2 == 0 else { throw malformed(line) }
        var out = [UInt8]()
        out.reserveCapacity(text.count / 2)
        var i = text.startIndex
        while i < text.endIndex {
            guard let high = nibble(text[i]), let low = nibble(text[i + 1]) else { throw malformed(line) }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }

    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }

    static func malformed(_ line: ArraySlice<UInt8>) -> DomainError {
        DomainError.invalidField("export", "malformed entry line: \(String(decoding: line.prefix(80), as: UTF8.self))")
    }
}

/// Splits an RFC 4180 CSV document into records of fields.
public struct CSVRecordReader {
    public init() {}
    private var field: [UInt8] = []
    private var record: [String] = []
    private var quoted = false
    private var pendingQuote = false

    /// Feeds bytes; returns the records completed by them.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [[String]] {
        var done: [[String]] = []
        for byte in bytes {
            if quoted {
                if pendingQuote {
                    pendingQuote = false
                    if byte == UInt8(ascii: "\"") { field.append(byte); continue }
                    quoted = false
                } else if byte == UInt8(ascii: "\"") {
                    pendingQuote = true
                    continue
                } else {
                    field.append(byte)
                    continue
                }
            }
            switch byte {
            case UInt8(ascii: "\"") where field.isEmpty: quoted = true
            case UInt8(ascii: ","): record.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true)
            case UInt8(ascii: "\r"): break
            case UInt8(ascii: "\n"):
                record.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                done.append(record)
                record = []
            default: field.append(byte)
            }
        }
        return done
    }
}
