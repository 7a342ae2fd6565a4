import ArgumentParser
import Foundation
import OpenAPIRuntime
import StewardAPI

extension AuditCommand {
    /// `steward audit export`: the trail as JSON Lines or CSV, verifiable on its own.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: "Export the audit trail (JSON Lines or CSV) with its proofs.")

        @Option(name: .customLong("as"), help: ArgumentHelp("jsonl or csv.", valueName: "format"))
        var exportFormat: String = "jsonl"
        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (default: stdout).", valueName: "file"))
        var output: String?
        @OptionGroup var filters: AuditFilterOptions
        @OptionGroup var options: ClientOptions

        func validate() throws {
            guard exportFormat == "jsonl" || exportFormat == "csv" else { throw ValidationError("--as must be jsonl or csv") }
        }

        func run() async throws {
            let (from, to) = try filters.dates()
            try await options.withClient(timeout: .transfer) { client in
                let body = try await AuditDownload.export(client, format: exportFormat, filters: filters, from: from, to: to)
                let handle: FileHandle
                if let output {
                    guard FileManager.default.createFile(atPath: output, contents: nil), let opened = FileHandle(forWritingAtPath: output) else {
                        throw CLIFailure.local("cannot write \(output)")
                    }
                    handle = opened
                } else {
                    handle = FileHandle.standardOutput
                }
                defer { if output != nil { try? handle.close() } }
                for try await chunk in body { try handle.write(contentsOf: chunk) }
            }
        }
    }
}

/// Fetching the export stream through the generated client.
enum AuditDownload {
    static func export(_ client: Client, format: String, filters: AuditFilterOptions?, from: Date?, to: Date?) async throws -> HTTPBody {
        let output = try await client.exportAudit(query: .init(
            format: format == "csv" ? .csv : .jsonl, from: from, to: to, actor: filters?.actor, action: filters?.action,
            model: filters?.model, version: filters?.version, dataset: filters?.dataset))
        switch try output.ok.body {
        case .applicationXNdjson(let body): return body
        case .csv(let body): return body
        }
    }
}
