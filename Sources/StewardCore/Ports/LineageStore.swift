import Foundation

/// Datasets, lineage edges, taint flags and consumption telemetry, as the domain sees them. There is
/// no separate lineage store: a `TrackingReader`/`TrackingWriter` hands out these on its own
/// connection and transaction (`lineageReader`, `lineageWriter`), so a use case that touches runs,
/// versions and datasets commits once.
public protocol LineageReader: Sendable {
    func dataset(named name: String) async throws -> RegisteredDataset?
    /// Datasets in name order after `afterName`; at most `limit`.
    func datasets(afterName: String?, limit: Int) async throws -> [RegisteredDataset]
    func datasetVersion(datasetID: String, number: Int) async throws -> DatasetVersion?
    func datasetVersion(datasetID: String, digest: String) async throws -> DatasetVersion?
    /// Versions of a dataset, newest first, below `beforeNumber`; at most `limit`.
    func datasetVersions(datasetID: String, beforeNumber: Int?, limit: Int) async throws -> [DatasetVersion]
    /// The dataset versions each run consumed.
    func runInputs(runIDs: [String]) async throws -> [RunInput]
    /// Runs by id, as lineage shows them.
    func lineageRuns(ids: [String]) async throws -> [LineageRun]
    /// The live model versions each run produced: (run id, model name, version number).
    func runOutputs(runIDs: [String], visibility: VisibilityScope) async throws -> [(runID: String, model: String, version: Int)]
    /// The runs that read a dataset version, in (start time, id) order.
    func downstreamRuns(of datasetVersion: DatasetVersion) async throws -> [LineageRun]
    /// The live model versions those runs produced that `visibility` may see, by (model, number),
    /// with their aliases and consumers, in a few set-based queries (no per-version round trips).
    func downstreamVersions(of datasetVersion: DatasetVersion, visibility: VisibilityScope) async throws -> [DownstreamVersion]
    /// Outbox events after `sequence` (oldest first), for deliverers and tests.
    func outboxEvents(afterSequence sequence: Int64, limit: Int) async throws -> [(sequence: Int64, event: DomainEvent)]
    /// Every recorded day of every consumer of a version (issue 6: who still uses it).
    func versionConsumption(versionID: String) async throws -> [ConsumptionDay]
}

/// Changes available inside a tracking `write`.
public protocol LineageWriter: LineageReader {
    /// Inserts a dataset; throws `dataset_already_exists` when the name is taken.
    func insertDataset(_ dataset: RegisteredDataset) async throws
    /// Replaces a dataset's metadata (description, owner, source system, licence, tags, update time).
    func updateDataset(_ dataset: RegisteredDataset) async throws
    /// Atomically increments and returns the dataset's last version number.
    func nextDatasetVersionNumber(datasetID: String) async throws -> Int
    /// Inserts a version; throws `dataset_version_exists` when the digest is registered already.
    func insertDatasetVersion(_ version: DatasetVersion) async throws
    /// Sets (or, with `nil`, clears) the flag of a dataset version.
    func setTaint(datasetVersionID: String, _ taint: DatasetTaint?) async throws
    /// Records that a run consumed a dataset version (idempotent).
    func linkRunInput(runID: String, datasetVersionID: String, context: String?) async throws
    /// Counts one resolution of a version by a consumer on `day` (`YYYY-MM-DD`, UTC).
    func recordConsumption(versionID: String, consumerID: String, day: String, at time: Date) async throws
}
