import Foundation
import StewardCore
import Testing

/// `AuditVerifier` on logs built with `AuditSealer`, then tampered with in every way the issue
/// names: each must fail and name the first bad entry.
@Suite("Audit log verification")
struct AuditVerifierTests {
    static let signer = AuditSigner.generate()
    static let actor = Principal(id: "u1", name: "alice", kind: .user, roles: [.admin], authenticatedBy: "token:t1")

    /// Entries 0..<count as an exporter would write them.
    static func log(_ count: Int, signer: AuditSigner = signer) throws -> [AuditEntry] {
        let sealer = AuditSealer(signer: signer)
        var frontier = MerkleFrontier()
        var entries: [AuditEntry] = []
        for i in 0..<count {
            let record = AuditRecord("model.update", target: .model("m\(i % 3)"), before: ["description": "old"], after: ["description": .string("new \(i)")],
                                     by: actor, at: Date(timeIntervalSince1970: 1_800_000_000 + Double(i)))
            let sealed = try sealer.seal(record, after: frontier)
            frontier = sealed.frontier
            entries.append(sealed.entry)
        }
        return entries
    }

    /// Verifies entries as a live server would present them: the checkpoint is the last entry's head.
    static func verify(_ entries: [AuditEntry], saved: AuditCheckpoint? = nil) throws -> AuditVerificationReport {
        var text = AuditExport.header(checkpoint: entries.last?.checkpoint, publicKey: signer.publicKey, filtered: false)
        for entry in entries { text += AuditExport.line(entry, proof: nil) }
        let lines = text.split(separator: "\n").map { Array($0.utf8)[...] }
        var verifier = AuditVerifier(header: try AuditExportParser.header(lines[0]), trustedKey: signer.publicKey)
        for line in lines.dropFirst() { verifier.add(try AuditExportParser.entry(line)) }
        return verifier.finish(saved: saved)
    }

    static func edited(_ entry: AuditEntry) -> AuditEntry {
        var copy = entry
        copy.body = copy.body.replacingOccurrences(of: "alice", with: "mallory")
        return copy
    }

    @Test func anUntouchedLogVerifies() throws {
        let entries = try Self.log(50)
        let report = try Self.verify(entries, saved: entries[19].checkpoint)
        #expect(report.verified && report.entries == 50 && report.savedCheckpointChecked)
        #expect(try Self.verify([]).verified)
    }

    @Test func anEditedEntryIsNamed() throws {
        var entries = try Self.log(40)
        entries[17] = Self.edited(entries[17])
        let report = try Self.verify(entries)
        #expect(!report.verified && report.firstBadIndex == 17)
    }

    @Test func anEditWithRecomputedTreeHeadsIsNamedByTheSignatures() throws {
        // The attacker edits entry 23 and recomputes every recorded root after it, but cannot sign.
        var entries = try Self.log(40)
        entries[23] = Self.edited(entries[23])
        var frontier = MerkleFrontier()
        let forger = AuditSigner.generate()
        for i in entries.indices {
            frontier.append(leafHash: entries[i].leafHash)
            if i >= 23 {
                entries[i].rootHash = frontier.root
                entries[i].signature = try forger.sign(treeSize: Int64(i + 1), rootHash: frontier.root)
            }
        }
        let report = try Self.verify(entries)
        #expect(!report.verified && report.firstBadIndex == 23, "\(report)")
    }

    @Test func deletedInsertedAndReorderedEntriesAreNamed() throws {
        let entries = try Self.log(30)
        var deleted = entries
        deleted.remove(at: 9)
        #expect(try Self.verify(deleted).firstBadIndex == 9)

        var renumbered = deleted // the attacker closes the gap
        for i in 9..<renumbered.count { renumbered[i].index -= 1 }
        #expect(try Self.verify(renumbered).firstBadIndex == 9)

        var reordered = entries
        reordered.swapAt(12, 13)
        reordered[12].index = 12
        reordered[13].index = 13
        #expect(try Self.verify(reordered).firstBadIndex == 12)

        var inserted = entries
        var forged = entries[5]
        forged.index = 6
        inserted.insert(forged, at: 6)
        for i in 7..<inserted.count { inserted[i].index += 1 }
        #expect(try Self.verify(inserted).firstBadIndex == 6)
    }

    @Test func truncationIsCaughtBySavedCheckpoint() throws {
        let entries = try Self.log(30)
        let saved = entries[29].checkpoint
        let truncated = Array(entries.prefix(25))
        #expect(try Self.verify(truncated).verified) // nothing inside the log shows the cut...
        let report = try Self.verify(truncated, saved: saved)
        #expect(!report.verified && report.firstBadIndex == 25) // ...but the saved checkpoint does
    }

    @Test func aFilteredExportVerifiesByInclusionProofs() throws {
        let entries = try Self.log(20)
        var nodes: [MerkleNodeID: Data] = [:]
        var frontier = MerkleFrontier()
        for entry in entries {
            nodes[MerkleNodeID(level: 0, index: entry.index)] = entry.leafHash
            for (id, hash) in frontier.append(leafHash: entry.leafHash) { nodes[id] = hash }
        }
        func proof(_ index: Int64) throws -> [Data] {
            try MerkleTree.inclusionRanges(index: index, size: 20).map { range in
                try MerkleTree.rangeHash(start: range.lowerBound, end: range.upperBound) { try #require(nodes[$0]) }
            }
        }
        func verify(_ subset: [AuditEntry]) throws -> AuditVerificationReport {
            var verifier = AuditVerifier(header: ExportHeader(checkpoint: entries.last!.checkpoint, publicKey: Self.signer.publicKey, filtered: true))
            for entry in subset {
                let line = AuditExport.line(entry, proof: try proof(entry.index)).dropLast()
                verifier.add(try AuditExportParser.entry(Array(line.utf8)[...]))
            }
            return verifier.finish()
        }
        let subset = entries.filter { $0.index % 3 == 0 }
        #expect(try verify(subset).verified)
        var tampered = subset
        tampered[2] = Self.edited(tampered[2])
        #expect(try verify(tampered).firstBadIndex == tampered[2].index)
    }

    @Test func csvExportsParseBack() throws {
        let entries = try Self.log(5)
        var reader = CSVRecordReader()
        var text = AuditExport.csvHeader + AuditExport.csvCheckpoint(entries.last!.checkpoint, publicKey: Self.signer.publicKey, filtered: false)
        for entry in entries { text += AuditExport.csvRow(entry, proof: nil) }
        let records = reader.feed(Array(text.utf8))
        #expect(records.count == 7)
        var verifier = AuditVerifier(header: try AuditExportParser.header(csv: records[1]))
        for record in records.dropFirst(2) { verifier.add(try AuditExportParser.entry(csv: record)) }
        #expect(verifier.finish().verified)
        #expect(try AuditExportParser.entry(csv: records[2]).body == Array(entries[0].body.utf8))
    }
}
