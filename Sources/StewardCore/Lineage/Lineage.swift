import Foundation

/// The dataset, lineage and taint use cases. They run on the tracking store, whose transactions
/// also carry the registry and lineage writers, so registering a dataset version, linking it to a
/// run, flagging it and the audit entries and outbox events of each change commit together.
public struct Lineage: Sendable {
    public let store: any TrackingStore
    /// Source of "now"; tests may fix it.
    let clock: @Sendable () -> Date

    public init(store: any TrackingStore, clock: @escaping @Sendable () -> Date = { Timestamp.now() }) {
        self.store = store
        self.clock = clock
    }

    static func newID() -> String { UUID().uuidString.lowercased() }

    static func requireDataset(_ reader: any LineageReader, _ name: String) async throws -> RegisteredDataset {
        guard let dataset = try await reader.dataset(named: name) else { throw DomainError.datasetNotFound(name) }
        return dataset
    }

    static func requireDatasetVersion(_ reader: any LineageReader, _ name: String, _ number: Int) async throws -> DatasetVersion {
        let dataset = try await requireDataset(reader, name)
        guard let version = try await reader.datasetVersion(datasetID: dataset.id, number: number) else {
            throw DomainError.datasetVersionNotFound(name, number)
        }
        return version
    }

    static func checkNumber(_ number: Int, field: String = "version") throws {
        guard number >= 1 else { throw DomainError.invalidField(field, "must be a positive version number") }
    }

    /// A `Registry` whose transactions are `tx`: its use cases (and their rules and audit entries)
    /// run inside the caller's transaction instead of opening their own.
    static func registry(on tx: any RegistryWriter, clock: @escaping @Sendable () -> Date) -> Registry {
        Registry(store: EnclosingTransactionStore(writer: tx), clock: clock)
    }
}

/// A `RegistryStore` that runs every `read` and `write` on one already open transaction.
struct EnclosingTransactionStore: RegistryStore {
    let writer: any RegistryWriter

    func read<R: Sendable>(_ body: @escaping @Sendable (any RegistryReader) async throws -> R) async throws -> R {
        try await body(writer)
    }

    func write<R: Sendable>(_ body: @escaping @Sendable (any RegistryWriter) async throws -> R) async throws -> R {
        try await body(writer)
    }

    func checkReady() async throws {}
}
