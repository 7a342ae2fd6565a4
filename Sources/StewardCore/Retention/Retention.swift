import Foundation

/// The deprecation, legal hold, retention and garbage-collection use cases (issue 6). Every door
/// (native API, CLI, background jobs) calls these; each mutation validates first, then checks and
/// writes inside one transaction with its audit entry and outbox event.
public struct Retention: Sendable {
    public let store: any RetentionStore
    /// The blob store, for garbage collection (nil where only metadata use cases are needed).
    public let blobs: (any BlobInventory)?
    /// Source of "now"; tests may fix it.
    let clock: @Sendable () -> Date
    /// Called at named points of long operations; `CrashPoint.reach` aborts the process there when
    /// `STEWARD_TEST_CRASH_POINT` names the point (crash-safety tests).
    let checkpoint: @Sendable (String) -> Void

    public init(store: any RetentionStore, blobs: (any BlobInventory)?, clock: @escaping @Sendable () -> Date = { Timestamp.now() },
                checkpoint: @escaping @Sendable (String) -> Void = CrashPoint.reach) {
        self.store = store
        self.blobs = blobs
        self.clock = clock
        self.checkpoint = checkpoint
    }

    /// Loads a model and version the principal may act on (live, retired included).
    static func requireVersion(_ tx: any RetentionReader, _ modelName: String, _ number: Int, _ principal: Principal,
                               _ action: Action) async throws -> (RegisteredModel, ModelVersion) {
        guard number >= 1 else { throw DomainError.invalidField("version", "must be a positive version number") }
        let model = try await Registry.requireModel(tx.registryReader, modelName, principal, action)
        return (model, try await Registry.requireVersion(tx.registryReader, model, number))
    }

    /// The version's consumers, for event payloads (the deliverer matches subscriptions to them).
    static func audience(_ tx: any RetentionReader, _ version: ModelVersion) async throws -> JSONValue {
        .array(try await tx.consumers(versionID: version.id).map(JSONValue.string))
    }
}

/// Test-only process aborts at named points, so crash-safety tests can kill a real server exactly
/// between two steps. Inert unless `STEWARD_TEST_CRASH_POINT` is set to the point's name.
public enum CrashPoint {
    /// Names in use: `gc-after-mark` (garbage collection committed its marks, nothing swept yet).
    @Sendable public static func reach(_ name: String) {
        guard let wanted = ProcessInfo.processInfo.environment["STEWARD_TEST_CRASH_POINT"], wanted == name else { return }
        FileHandle.standardError.write(Data("steward: crash point '\(name)' reached (STEWARD_TEST_CRASH_POINT); aborting\n".utf8))
        kill(getpid(), SIGKILL)
    }
}
