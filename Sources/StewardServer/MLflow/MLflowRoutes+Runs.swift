import Hummingbird
import StewardCore

extension MLflowRoutes {
    func registerRuns(on api: RouterGroup<StewardRequestContext>) {
        let tracking = self.tracking
        api.post("runs/create", use: Self.endpoint { p, who in
            let draft = Tracking.RunDraft(experimentID: try p.string("experiment_id"), name: try p.string("run_name"),
                                          userID: try p.string("user_id"), startTime: try p.int64("start_time"),
                                          tags: try p.keyValueMap("tags"))
            return .object([("run", MLflowWire.run(try await tracking.createRun(draft, by: who)))])
        })
        api.post("runs/update", use: Self.endpoint { p, who in
            let status = try p.string("status").map(Self.runStatus)
            let info = try await tracking.updateRun(id: try p.runID(), status: status, endTime: try p.int64("end_time"),
                                                    name: try p.string("run_name"), by: who)
            return .object([("run_info", MLflowWire.runInfo(info))])
        })
        api.get("runs/get", use: Self.endpoint { p, who in
            .object([("run", MLflowWire.run(try await tracking.run(id: try p.runID(), by: who)))])
        })
        let search = Self.endpoint { p, who in
            let query = try TrackingQuery.make(.runs, filter: try p.string("filter"), orderBy: try p.strings("order_by"),
                                               maxResults: try Self.maxResults(p, default: 1000, maximum: 50000),
                                               defaultMaxResults: 1000, maxMaxResults: 50000, pageToken: try p.string("page_token"))
            let view = try Self.viewType(try p.string("run_view_type"))
            let result = try await tracking.searchRuns(experimentIDs: try p.strings("experiment_ids"), query, view: view, by: who)
            return Self.page("runs", result.items.map(MLflowWire.run), offset: query.offset, hasMore: result.hasMore)
        }
        api.post("runs/search", use: search)
        api.get("runs/search", use: search)
        api.post("runs/log-metric", use: Self.endpoint { p, who in
            try await tracking.logMetric(runID: try p.runID(), try Self.metric(p), by: who)
            return Self.empty
        })
        api.post("runs/log-parameter", use: Self.endpoint { p, who in
            try await tracking.logParam(runID: try p.runID(), key: try p.require("key"), value: try p.string("value") ?? "", by: who)
            return Self.empty
        })
        api.post("runs/set-tag", use: Self.endpoint { p, who in
            try await tracking.setRunTag(runID: try p.runID(), key: try p.require("key"), value: try p.string("value") ?? "", by: who)
            return Self.empty
        })
        api.post("runs/delete-tag", use: Self.endpoint { p, who in
            try await tracking.deleteRunTag(runID: try p.runID(), key: try p.require("key"), by: who)
            return Self.empty
        })
        api.post("runs/log-batch", use: Self.endpoint { p, who in
            let batch = Tracking.Batch(metrics: try p.objects("metrics").map(Self.metric), params: try p.keyValues("params"),
                                       tags: try p.keyValues("tags"))
            try await tracking.logBatch(runID: try p.runID(), batch, by: who)
            return Self.empty
        })
        api.post("runs/log-inputs", use: Self.endpoint { p, who in
            let datasets = try p.objects("datasets").map { input -> DatasetInput in
                guard let d = try input.object("dataset") else { throw MLflowError.invalid("Missing value for required parameter 'dataset'.") }
                let dataset = Dataset(name: try d.require("name"), digest: try d.require("digest"),
                                      sourceType: try d.string("source_type") ?? "", source: try d.string("source") ?? "",
                                      schema: try d.string("schema"), profile: try d.string("profile"))
                return DatasetInput(dataset: dataset, tags: try input.keyValueMap("tags"))
            }
            let models = try p.objects("models").map { try $0.require("model_id") }
            try await tracking.logInputs(runID: try p.runID(), datasets: datasets, modelIDs: models, by: who)
            return Self.empty
        })
        api.post("runs/outputs", use: Self.endpoint { p, who in
            let outputs = try p.objects("models").map { ModelOutput(modelID: try $0.require("model_id"), step: try $0.int64("step") ?? 0) }
            try await tracking.logOutputs(runID: try p.runID(), outputs, by: who)
            return Self.empty
        })
        api.post("runs/delete", use: Self.endpoint { p, who in
            try await tracking.deleteRun(id: try p.runID(), by: who)
            return Self.empty
        })
        api.post("runs/restore", use: Self.endpoint { p, who in
            try await tracking.restoreRun(id: try p.runID(), by: who)
            return Self.empty
        })
        api.get("metrics/get-history", use: Self.endpoint { p, who in
            let runID = try p.runID()
            let limit = try Self.maxResults(p, default: 25000, maximum: 25000)
            let offset = try OffsetPageToken.decode(try p.string("page_token"))
            let metrics = try await tracking.metricHistory(runID: runID, key: try p.require("metric_key"), offset: offset,
                                                           limit: limit + 1, by: who)
            return Self.page("metrics", metrics.prefix(limit).map { MLflowWire.metric($0, runID: runID) }, offset: offset,
                             hasMore: metrics.count > limit)
        })
    }

    /// A metric of `log-metric` or `log-batch`.
    static func metric(_ p: MLflowParams) throws -> Metric {
        guard let value = try p.double("value") else { throw MLflowError.invalid("Missing value for required parameter 'value'.") }
        guard let timestamp = try p.int64("timestamp") else { throw MLflowError.invalid("Missing value for required parameter 'timestamp'.") }
        return Metric(key: try p.require("key"), value: value, timestamp: timestamp, step: try p.int64("step") ?? 0,
                      modelID: try p.string("model_id").flatMap { $0.isEmpty ? nil : $0 },
                      datasetName: try p.string("dataset_name"), datasetDigest: try p.string("dataset_digest"))
    }

    static func runStatus(_ text: String) throws -> RunStatus {
        guard let status = RunStatus(rawValue: text.uppercased()) else {
            throw MLflowError.invalid("Invalid run status '\(text.prefix(40))': expected one of \(RunStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return status
    }
}
