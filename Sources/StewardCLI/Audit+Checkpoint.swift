import ArgumentParser
import Foundation
import StewardAPI

extension AuditCommand {
    /// `steward audit checkpoint`: the current signed tree head; `--save` keeps it in a file so a
    /// later `audit verify --checkpoint` proves the log only grew since.
    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint", abstract: "Show (and optionally save) the signed tree head of the audit log.")

        @Option(help: ArgumentHelp("Write the checkpoint as JSON to this file.", valueName: "file"))
        var save: String?
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let checkpoint = try await client.getAuditCheckpoint(query: .init()).ok.body.json
                if let save {
                    do {
                        try Data((try JSONOutput.string(checkpoint) + "\n").utf8).write(to: URL(fileURLWithPath: save), options: .atomic)
                    } catch let error as CocoaError {
                        throw CLIFailure.local("cannot write \(save): \(error.localizedDescription)")
                    }
                }
                try options.emit(checkpoint) {
                    TableFormatter.details([("Tree size", String(checkpoint.treeSize)), ("Root hash", checkpoint.rootHash),
                                            ("Key id", checkpoint.keyId), ("Public key", checkpoint.publicKey)])
                }
            }
        }
    }
}
