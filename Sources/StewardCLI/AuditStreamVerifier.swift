import Foundation
import StewardCore

/// Feeds an export (JSON Lines or CSV, told apart by its first byte) chunk by chunk into
/// `AuditVerifier`, splitting lines without holding the whole export as text.
struct AuditStreamVerifier {
    let trustedKey: AuditPublicKey?
    private var pending: [UInt8] = []
    private var csv: CSVRecordReader?
    private var csvHeaderSeen = false
    private var verifier: AuditVerifier?

    init(trustedKey: AuditPublicKey?) {
        self.trustedKey = trustedKey
    }

    /// The key the entries are checked against.
    var publicKey: AuditPublicKey? { verifier?.publicKey }

    mutating func feed(_ bytes: some Sequence<UInt8>) throws {
        if csv == nil && verifier == nil && pending.isEmpty {
            var iterator = bytes.makeIterator()
            if let first = iterator.next(), first != UInt8(ascii: "{") { csv = CSVRecordReader() }
        }
        if var reader = csv {
            let records = reader.feed(bytes)
            csv = reader
            for record in records { try take(csv: record) }
            return
        }
        pending.append(contentsOf: bytes)
        var start = pending.startIndex
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            try take(line: pending[start..<newline])
            start = newline + 1
        }
        pending.removeSubrange(..<start)
    }

    private mutating func take(line: ArraySlice<UInt8>) throws {
        guard !line.isEmpty else { return }
        if verifier == nil {
            verifier = AuditVerifier(header: try AuditExportParser.header(line), trustedKey: trustedKey)
        } else {
            verifier!.add(try AuditExportParser.entry(line))
        }
    }

    private mutating func take(csv record: [String]) throws {
        if !csvHeaderSeen {
            guard record.first == "record" else { throw CLIFailure.local("not a Steward audit export (unknown CSV header)") }
            csvHeaderSeen = true
        } else if verifier == nil {
            verifier = AuditVerifier(header: try AuditExportParser.header(csv: record), trustedKey: trustedKey)
        } else {
            verifier!.add(try AuditExportParser.entry(csv: record))
        }
    }

    func finish(saved: AuditCheckpoint?) throws -> AuditVerificationReport {
        if !pending.isEmpty {
            var copy = self
            try copy.take(line: pending[...])
            copy.pending = []
            return try copy.finish(saved: saved)
        }
        guard let verifier else { throw CLIFailure.local("the export is empty or has no header") }
        return verifier.finish(saved: saved)
    }
}
