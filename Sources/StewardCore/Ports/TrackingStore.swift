import Foundation

/// The tracking metadata store (experiments, runs, logged models, datasets, the artifact index and
/// the tracking-side facts of registered versions), as the domain sees it.
///
/// It shares the database with the registry: a `TrackingWriter` carries a `RegistryWriter` on the
/// same transaction, so a use case that spans both (registering a logged model as a sealed version)
/// commits atomically and still runs the registry's own rules.
public protocol TrackingStore: Sendable {
    /// Runs `body` against a consistent read view.
    func read<R: Sendable>(_ body: @escaping @Sendable (any TrackingReader) async throws -> R) async throws -> R
    /// Runs `body` in one transaction; commits when it returns, rolls back when it throws.
    func write<R: Sendable>(_ body: @escaping @Sendable (any TrackingWriter) async throws -> R) async throws -> R
}

/// Queries available inside `read` and `write`.
public protocol TrackingReader: Sendable {
    /// The registry on the same connection.
    var registryReader: any RegistryReader { get }
    /// Datasets and lineage on the same connection.
    var lineageReader: any LineageReader { get }

    func experiment(id: String) async throws -> Experiment?
    func experiment(named name: String) async throws -> Experiment?
    /// Experiments in the given stages matching the query; `hasMore` says whether a next page exists.
    func experiments(_ query: TrackingQuery, stages: [LifecycleStage]) async throws -> (items: [Experiment], hasMore: Bool)

    /// A run with its params, latest metrics, tags, inputs and outputs.
    func run(id: String) async throws -> Run?
    /// A run's own row only (one statement): for writes that need its state, not its contents.
    func runInfo(id: String) async throws -> RunInfo?
    func runs(experimentIDs: [String], _ query: TrackingQuery, stages: [LifecycleStage]) async throws -> (items: [Run], hasMore: Bool)
    /// A run's params with these keys: the ones a batch is about to log (a run may hold thousands).
    func params(runID: String, keys: [String]) async throws -> [String: String]
    /// The latest value of each of these metrics of a run, by key.
    func latestMetrics(runID: String, keys: [String]) async throws -> [String: Metric]
    /// A metric's history in (step, timestamp) order.
    func metricHistory(runID: String, key: String, offset: Int, limit: Int) async throws -> [Metric]

    func loggedModel(id: String) async throws -> LoggedModel?
    func loggedModels(experimentIDs: [String], _ query: TrackingQuery, stages: [LifecycleStage]) async throws -> (items: [LoggedModel], hasMore: Bool)

    func artifactFile(path: String) async throws -> ArtifactFile?
    /// Every file strictly below the directory `path` ("" for the root), in path order.
    func artifactFiles(under path: String) async throws -> [ArtifactFile]
    /// A multipart upload, open or expired.
    func multipartUpload(id: String) async throws -> MultipartUpload?
    /// The parts of an upload received so far, by number.
    func uploadParts(uploadID: String) async throws -> [UploadPart]

    /// Tracking-side facts of versions, by version id (absent ids have none: stage None).
    func versionTracking(versionIDs: [String]) async throws -> [String: VersionTracking]
    /// Live versions matching a registry query and, when given, a condition on their source run id
    /// (`run_id = …`, `IN`, `LIKE`, …), as MLflow's version search allows.
    func versions(_ query: ListQuery, runCondition: TrackingTerm?) async throws -> Page<ModelVersion>
    /// Number, id and stage of every live version of a model.
    func versionStages(modelID: String) async throws -> [(number: Int, versionID: String, stage: VersionStage)]
    /// The newest live version in each stage of each model, with its taints (no files, aliases or
    /// lifecycle state) and its tracking facts: what MLflow shows as `latest_versions`, in one
    /// statement (a second reads the flags of tainted versions, if any), whatever the number of
    /// models. In no particular order: callers group them by model.
    func latestVersionsByStage(modelIDs: [String]) async throws -> [(version: ModelVersion, tracking: VersionTracking?)]
}

/// Changes available inside `write`.
public protocol TrackingWriter: TrackingReader {
    /// The registry on the same transaction.
    var registryWriter: any RegistryWriter { get }
    /// Datasets and lineage on the same transaction.
    var lineageWriter: any LineageWriter { get }

    /// The id the next experiment gets.
    func nextExperimentID() async throws -> String
    /// Inserts an experiment; throws `experiment_already_exists` when the name is taken.
    func insertExperiment(_ experiment: Experiment) async throws
    /// Replaces name, lifecycle stage, update time and tags; throws `experiment_already_exists` on a
    /// name collision.
    func updateExperiment(_ experiment: Experiment) async throws

    func insertRun(_ info: RunInfo, tags: [String: String]) async throws
    func updateRunInfo(_ info: RunInfo) async throws
    func setRunTags(runID: String, _ tags: [String: String]) async throws
    func deleteRunTag(runID: String, key: String) async throws
    /// Inserts params that are not logged yet (the service has checked the others are unchanged).
    func insertParams(runID: String, _ params: [String: String]) async throws
    /// Appends metric values to the history.
    func insertMetrics(runID: String, _ metrics: [Metric]) async throws
    /// Replaces the latest value of each given metric key.
    func setLatestMetrics(runID: String, _ metrics: [Metric]) async throws
    /// Stores a dataset (once per experiment, name and digest) and links it to a run.
    func addDatasetInput(runID: String, experimentID: String, _ input: DatasetInput, at time: Int64) async throws
    func addModelInput(runID: String, modelID: String) async throws
    func addModelOutput(runID: String, _ output: ModelOutput) async throws

    func insertLoggedModel(_ model: LoggedModel) async throws
    /// Replaces status, lifecycle stage, update time, tags and params.
    func updateLoggedModel(_ model: LoggedModel) async throws

    /// Adds or replaces an artifact file.
    func putArtifactFile(_ file: ArtifactFile, at time: Int64) async throws
    /// Removes the file at `path` or every file below it; returns how many went.
    func deleteArtifactFiles(path: String) async throws -> Int

    func insertMultipartUpload(_ upload: MultipartUpload) async throws
    /// Adds a part, or replaces the part with its number.
    func putUploadPart(uploadID: String, _ part: UploadPart) async throws
    /// Removes an upload and its parts.
    func deleteMultipartUpload(id: String) async throws
    /// Removes uploads started before `date`, with their parts.
    func deleteMultipartUploads(createdBefore date: Date) async throws

    func setVersionTracking(_ tracking: VersionTracking) async throws
}
