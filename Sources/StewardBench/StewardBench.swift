import ArgumentParser
import Foundation
import Logging
import StewardCore
import StewardStorage

/// `steward-bench`: benchmark drivers for the audit trail (see bench/audit.sh).
@main
struct StewardBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steward-bench", abstract: "Benchmark drivers (used by make bench).",
        subcommands: [AuditSeed.self, AuditAppend.self, AuthCheck.self, SketchUpdate.self])
}

/// Options every driver shares: where the database is and which key signs.
struct StoreOptions: ParsableArguments {
    @Option(help: "sqlite:<path> or postgres://… (as steward serve --database).")
    var database: String
    @Option(help: "Data directory (for the default SQLite path).")
    var dataDir: String
    @Option(help: "File with the base64 Ed25519 audit signing key (the server's --audit-signing-key).")
    var keyFile: String

    func open() async throws -> (any DatabaseBackend, SQLRegistryStore) {
        var logger = Logger(label: "steward-bench")
        logger.logLevel = .warning
        let backend = try await DatabaseLocation.parse(database, dataDirectory: dataDir).open(logger: logger)
        try await Migrator(backend: backend, logger: logger).migrate()
        let text = try String(contentsOfFile: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Data(base64Encoded: text) else { throw ValidationError("\(keyFile) is not base64") }
        let sealer = AuditSealer(signer: try AuditSigner(rawPrivateKey: raw))
        return (backend, SQLRegistryStore(backend: backend, audit: sealer))
    }

    static let actor: Principal = {
        var principal = Principal(id: "bench", name: "bench", kind: .service, roles: [.admin], authenticatedBy: "token:bench")
        principal.origin = RequestOrigin(requestID: "bench", clientAddress: "127.0.0.1", userAgent: "steward-bench", door: "api")
        return principal
    }()

    /// A realistic entry: a model update with a before/after summary.
    static func record(_ i: Int) -> AuditRecord {
        AuditRecord("model.update", target: .model("model-\(i % 1000)"),
                    before: ["description": .string("previous description of model \(i % 1000)"), "tags": ["team": "risk"]],
                    after: ["description": .string("updated description \(i)"), "tags": ["team": "risk", "stage": "candidate"]],
                    by: actor, at: Date())
    }
}

/// Appends N entries through the real append path (`RegistryWriter.appendAudit`), in transactions
/// of `--batch` entries.
struct AuditSeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit-seed")
    @OptionGroup var store: StoreOptions
    @Option var count: Int
    @Option var batch: Int = 1000

    func run() async throws {
        let (backend, registry) = try await store.open()
        let started = Date()
        var done = 0
        while done < count {
            let n = min(batch, count - done)
            let base = done
            try await registry.write { tx in
                for i in 0..<n { try await tx.appendAudit(StoreOptions.record(base + i)) }
            }
            done += n
            if done % 100_000 == 0 { FileHandle.standardError.write(Data("seeded \(done)\n".utf8)) }
        }
        await backend.close()
        print(#"{"entries":\#(count),"seconds":\#(String(format: "%.1f", Date().timeIntervalSince(started)))}"#)
    }
}

/// Times a mutation transaction (a model description update) and, inside it, the audit append and
/// an outbox event, `--count` times; prints medians and p95s in milliseconds as JSON.
struct AuditAppend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit-append")
    @OptionGroup var store: StoreOptions
    @Option var count: Int = 2000

    func run() async throws {
        let (backend, registry) = try await store.open()
        let name = "bench-append-\(UUID().uuidString.prefix(8))"
        let model = try await Registry(store: registry).createModel(ModelDraft(name: name), by: StoreOptions.actor)
        var appends: [Double] = [], events: [Double] = [], totals: [Double] = []
        for i in 0..<count {
            let started = DispatchTime.now().uptimeNanoseconds
            let (append, event): (UInt64, UInt64) = try await registry.write { tx in
                var changed = model
                changed.description = "revision \(i)"
                changed.revision += i
                try await tx.updateModel(changed)
                let before = DispatchTime.now().uptimeNanoseconds
                try await tx.appendAudit(StoreOptions.record(i))
                let audited = DispatchTime.now().uptimeNanoseconds
                // The outbox event a change to a watched model writes (issue 6: "the outbox adds under 1 ms").
                try await tx.appendEvent(DomainEvent(type: "alias.moved", model: name,
                                                     payload: ["model": .string(name), "alias": "production", "to": .number(Double(i))],
                                                     createdAt: Date()))
                return (audited - before, DispatchTime.now().uptimeNanoseconds - audited)
            }
            totals.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
            appends.append(Double(append) / 1e6)
            events.append(Double(event) / 1e6)
        }
        await backend.close()
        func pct(_ values: [Double], _ p: Double) -> Double { values.sorted()[min(values.count - 1, Int(Double(values.count) * p))] }
        print(String(format: #"{"count":%d,"append_median_ms":%.4f,"append_p95_ms":%.4f,"event_median_ms":%.4f,"event_p95_ms":%.4f,"mutation_median_ms":%.4f,"mutation_p95_ms":%.4f}"#,
                     count, pct(appends, 0.5), pct(appends, 0.95), pct(events, 0.5), pct(events, 0.95), pct(totals, 0.5), pct(totals, 0.95)))
    }
}
