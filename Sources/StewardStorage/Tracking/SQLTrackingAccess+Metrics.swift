import Foundation
import SQLKit
import StewardCore

extension SQLTrackingAccess {
    func latestMetrics(runID: String, keys: [String]) async throws -> [String: Metric] {
        guard !keys.isEmpty else { return [:] }
        var result: [String: Metric] = [:]
        for row in try await db.raw("""
            SELECT key, value, ts, step, model_id, dataset_name, dataset_digest FROM run_latest_metrics
            WHERE run_id = \(bind: runID) AND key IN (\(binds: keys))
            """).all() {
            let metric = try decodeMetric(row)
            result[metric.key] = metric
        }
        return result
    }

    func metricHistory(runID: String, key: String, offset: Int, limit: Int) async throws -> [Metric] {
        try await db.raw("""
            SELECT key, value, ts, step, model_id, dataset_name, dataset_digest FROM run_metrics
            WHERE run_id = \(bind: runID) AND key = \(bind: key) ORDER BY step, ts, seq
            LIMIT \(literal: limit) OFFSET \(literal: offset)
            """).all().map(decodeMetric)
    }

    func insertMetrics(runID: String, _ metrics: [Metric]) async throws {
        // Multi-row inserts: a 1000-metric batch is 5 statements, not 1000.
        for start in stride(from: 0, to: metrics.count, by: 200) {
            let tuples = metrics[start..<min(start + 200, metrics.count)].map { m -> SQLQueryString in
                "(\(bind: runID), \(bind: m.key), \(bind: m.value), \(bind: m.timestamp), \(bind: m.step), \(bind: m.modelID), \(bind: m.datasetName), \(bind: m.datasetDigest))"
            }
            try await db.raw("""
                INSERT INTO run_metrics (run_id, key, value, ts, step, model_id, dataset_name, dataset_digest) VALUES
                """ + " " + tuples.joined(separator: ", ")).run()
        }
    }

    func setLatestMetrics(runID: String, _ metrics: [Metric]) async throws {
        try await db.raw("DELETE FROM run_latest_metrics WHERE run_id = \(bind: runID) AND key IN (\(binds: metrics.map(\.key)))").run()
        for start in stride(from: 0, to: metrics.count, by: 200) {
            let tuples = metrics[start..<min(start + 200, metrics.count)].map { m -> SQLQueryString in
                "(\(bind: runID), \(bind: m.key), \(bind: m.value), \(bind: m.timestamp), \(bind: m.step), \(bind: m.modelID), \(bind: m.datasetName), \(bind: m.datasetDigest))"
            }
            try await db.raw("""
                INSERT INTO run_latest_metrics (run_id, key, value, ts, step, model_id, dataset_name, dataset_digest) VALUES
                """ + " " + tuples.joined(separator: ", ")).run()
        }
    }

    func addDatasetInput(runID: String, experimentID: String, _ input: DatasetInput, at time: Int64) async throws {
        let experiment = Int64(experimentID) ?? 0
        let d = input.dataset
        let existing = try await db.raw("""
            SELECT id FROM datasets WHERE experiment_id = \(bind: experiment) AND name = \(bind: d.name) AND digest = \(bind: d.digest)
            """).all().first
        let datasetID: String
        if let existing {
            datasetID = try existing.string("id")
        } else {
            datasetID = UUID().uuidString.lowercased()
            try await db.raw("""
                INSERT INTO datasets (id, experiment_id, name, digest, source_type, source, schema_text, profile, created_at)
                VALUES (\(bind: datasetID), \(bind: experiment), \(bind: d.name), \(bind: d.digest), \(bind: d.sourceType),
                        \(bind: d.source), \(bind: d.schema), \(bind: d.profile), \(bind: time))
                """).run()
        }
        try await db.raw("DELETE FROM run_dataset_inputs WHERE run_id = \(bind: runID) AND dataset_id = \(bind: datasetID)").run()
        try await db.raw("""
            INSERT INTO run_dataset_inputs (run_id, dataset_id, tags) VALUES (\(bind: runID), \(bind: datasetID), \(bind: jsonText(input.tags)))
            """).run()
    }

    func addModelInput(runID: String, modelID: String) async throws {
        try await db.raw("INSERT INTO run_model_inputs (run_id, model_id) VALUES (\(bind: runID), \(bind: modelID))").run()
    }

    func addModelOutput(runID: String, _ output: ModelOutput) async throws {
        try await db.raw("""
            INSERT INTO run_model_outputs (run_id, model_id, step) VALUES (\(bind: runID), \(bind: output.modelID), \(bind: output.step))
            """).run()
    }

    func decodeMetric(_ row: any SQLRow) throws -> Metric {
        Metric(key: try row.string("key"), value: try row.decode(column: "value", as: Double.self), timestamp: try row.int64("ts"),
               step: try row.int64("step"), modelID: try row.optionalString("model_id"),
               datasetName: try row.optionalString("dataset_name"), datasetDigest: try row.optionalString("dataset_digest"))
    }
}
