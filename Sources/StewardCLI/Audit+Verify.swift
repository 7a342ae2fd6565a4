import ArgumentParser
import Foundation
import StewardAPI
import StewardCore

extension AuditCommand {
    /// `steward audit verify`: checks a live server's log or an export file. Exit 0 when the log
    /// verifies, 1 when it does not (naming the first bad entry), 2 on usage or connection errors.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify the audit log: every entry, every signature, and consistency with a saved checkpoint.")

        @Option(help: ArgumentHelp("Verify this export file (JSON Lines or CSV) offline instead of the server.", valueName: "file"))
        var file: String?
        @Option(help: ArgumentHelp("A checkpoint saved earlier with `audit checkpoint --save`; the log must extend it.", valueName: "file"))
        var checkpoint: String?
        @Option(help: ArgumentHelp("Trust only this Ed25519 public key (base64), not the one the server or file presents.", valueName: "key"))
        var publicKey: String?
        @OptionGroup var options: ClientOptions

        func run() async throws {
            let saved = try checkpoint.map(Self.loadCheckpoint)
            let trusted = try publicKey.map { key -> AuditPublicKey in
                do { return try AuditPublicKey(base64: key) } catch { throw ValidationError("--public-key must be a base64 Ed25519 public key") }
            }
            var report: AuditVerificationReport
            if let file {
                // Mapped, and fed in 1 MiB slices: an export of a million entries is most of a gigabyte.
                guard let data = try? Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped) else {
                    throw CLIFailure.local("cannot read \(file)")
                }
                var reader = AuditStreamVerifier(trustedKey: trusted ?? saved?.key)
                var offset = 0
                while offset < data.count {
                    let end = min(offset + (1 << 20), data.count)
                    try reader.feed(data[offset..<end])
                    offset = end
                }
                report = try reader.finish(saved: saved?.checkpoint)
            } else {
                var result: AuditVerificationReport?
                try await options.withClient(timeout: .transfer) { client in
                    var reader = AuditStreamVerifier(trustedKey: trusted ?? saved?.key)
                    for try await chunk in try await AuditDownload.export(client, format: "jsonl", filters: nil, from: nil as Date?, to: nil as Date?) {
                        try reader.feed(chunk)
                    }
                    var verdict = try reader.finish(saved: saved?.checkpoint)
                    if verdict.verified, let saved, saved.checkpoint.treeSize > 0 {
                        try await Self.checkConsistencyProof(client, saved.checkpoint, reader.publicKey, into: &verdict)
                    }
                    result = verdict
                }
                report = result!
            }
            try options.emit(report) { Self.describe(report) }
            if !report.verified { throw ExitCode(1) }
        }

        /// Asks the server for the RFC 9162 consistency proof from the saved head to the current one.
        static func checkConsistencyProof(_ client: Client, _ saved: AuditCheckpoint, _ key: AuditPublicKey?,
                                          into report: inout AuditVerificationReport) async throws {
            guard let key else { return }
            let proof = try await client.getAuditConsistencyProof(query: .init(first: saved.treeSize, second: report.treeSize)).ok.body.json
            let path = try proof.path.map { try Data(hexChecked: $0) }
            let second = AuditCheckpoint(treeSize: proof.second.treeSize, rootHash: try Data(hexChecked: proof.second.rootHash),
                                         signature: Data(base64Encoded: proof.second.signature ?? "") ?? Data())
            let checked = AuditConsistencyProof(first: saved, second: second, path: path)
            if checked.verify(publicKey: key) {
                report.consistencyProofChecked = true
            } else {
                report.fail(nil, "the server's consistency proof from the saved checkpoint (size \(saved.treeSize)) does not verify")
            }
        }

        static func loadCheckpoint(_ path: String) throws -> (checkpoint: AuditCheckpoint, key: AuditPublicKey?) {
            guard let data = FileManager.default.contents(atPath: path),
                  let value = JSONValue(jsonText: String(decoding: data, as: UTF8.self)), case .object(let fields) = value else {
                throw CLIFailure.local("cannot read the checkpoint file \(path)")
            }
            do {
                let key = try { () throws -> AuditPublicKey? in
                    if case .string(let text)? = fields["public_key"] { return try AuditPublicKey(base64: text) }
                    return nil
                }()
                return (try AuditCheckpoint(json: value), key)
            } catch {
                throw CLIFailure.local("\(path) is not a checkpoint saved by `steward audit checkpoint --save`")
            }
        }

        static func describe(_ report: AuditVerificationReport) -> String {
            var lines = [report.verified ? "OK: the audit log verifies." : "FAILED: \(report.problem ?? "verification failed")"]
            if let bad = report.firstBadIndex { lines.append("First bad entry: \(bad)") }
            lines.append("Entries checked: \(report.entries); signed tree size \(report.treeSize); root \(report.rootHash); key \(report.keyID)")
            if report.savedCheckpointChecked { lines.append("Consistent with the saved checkpoint.") }
            if report.consistencyProofChecked { lines.append("The server's consistency proof from the saved checkpoint verifies.") }
            lines += report.notes
            return lines.joined(separator: "\n")
        }
    }
}
