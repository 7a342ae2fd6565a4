import Foundation
import StewardCore

/// MLflow's JSON shapes of tracking entities (see the reference, §4).
enum MLflowWire {
    static func experiment(_ e: Experiment) -> MLflowJSON {
        .object([
            ("experiment_id", .string(e.id)), ("name", .string(e.name)), ("artifact_location", .string(e.artifactLocation)),
            ("lifecycle_stage", .string(e.lifecycleStage.rawValue)), ("creation_time", .int(e.createdAt)),
            ("last_update_time", .int(e.updatedAt)), ("tags", .keyValues(e.tags)),
        ])
    }

    static func runInfo(_ info: RunInfo) -> MLflowJSON {
        .object([
            ("run_id", .string(info.id)), ("run_uuid", .string(info.id)), ("run_name", .string(info.name)),
            ("experiment_id", .string(info.experimentID)), ("user_id", .string(info.userID)),
            ("status", .string(info.status.rawValue)), ("start_time", .int(info.startTime)),
            ("end_time", info.endTime.map(MLflowJSON.int)), ("artifact_uri", .string(info.artifactURI)),
            ("lifecycle_stage", .string(info.lifecycleStage.rawValue)),
        ])
    }

    static func run(_ run: Run) -> MLflowJSON {
        let datasets: [MLflowJSON] = run.datasetInputs.map { input in
            let d = input.dataset
            return .object([
                ("tags", .keyValues(input.tags)),
                ("dataset", .object([
                    ("name", .string(d.name)), ("digest", .string(d.digest)), ("source_type", .string(d.sourceType)),
                    ("source", .string(d.source)), ("schema", d.schema.map(MLflowJSON.string)),
                    ("profile", d.profile.map(MLflowJSON.string)),
                ])),
            ])
        }
        return .object([
            ("info", runInfo(run.info)),
            ("data", .object([
                ("metrics", .array(run.latestMetrics.map { metric($0) })),
                ("params", .keyValues(run.params)), ("tags", .keyValues(run.tags)),
            ])),
            ("inputs", .object([
                ("dataset_inputs", .array(datasets)),
                ("model_inputs", .array(run.modelInputs.map { .object([("model_id", .string($0))]) })),
            ])),
            ("outputs", .object([
                ("model_outputs", .array(run.modelOutputs.map { .object([("model_id", .string($0.modelID)), ("step", .int($0.step))]) })),
            ])),
        ])
    }

    static func metric(_ m: Metric, runID: String? = nil) -> MLflowJSON {
        .object([
            ("key", .string(m.key)), ("value", .double(m.value)), ("timestamp", .int(m.timestamp)), ("step", .int(m.step)),
            ("model_id", m.modelID.map(MLflowJSON.string)), ("dataset_name", m.datasetName.map(MLflowJSON.string)),
            ("dataset_digest", m.datasetDigest.map(MLflowJSON.string)), ("run_id", runID.map(MLflowJSON.string)),
        ])
    }

    static func loggedModel(_ m: LoggedModel) -> MLflowJSON {
        .object([
            ("info", .object([
                ("model_id", .string(m.id)), ("experiment_id", .string(m.experimentID)), ("name", .string(m.name)),
                ("creation_timestamp_ms", .int(m.createdAt)), ("last_updated_timestamp_ms", .int(m.updatedAt)),
                ("artifact_uri", .string(m.artifactURI)), ("status", .string(m.status.rawValue)),
                ("model_type", m.modelType.map(MLflowJSON.string)), ("source_run_id", m.sourceRunID.map(MLflowJSON.string)),
                ("tags", .keyValues(m.tags)),
            ])),
            ("data", .object([
                ("params", .keyValues(m.params)),
                ("metrics", .array(m.metrics.map { metric($0) })),
            ])),
        ])
    }

    /// `next_page_token` when another page exists.
    static func pageToken(_ token: String?) -> MLflowJSON? {
        token.flatMap { $0.isEmpty ? nil : MLflowJSON.string($0) }
    }
}
