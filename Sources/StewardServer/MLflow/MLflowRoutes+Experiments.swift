import Hummingbird
import StewardCore

extension MLflowRoutes {
    func registerExperiments(on api: RouterGroup<StewardRequestContext>) {
        let tracking = self.tracking
        api.post("experiments/create", use: Self.endpoint { p, who in
            // artifact_location is not honoured: artifacts always go through Steward's proxy.
            let experiment = try await tracking.createExperiment(name: try p.require("name"), tags: try p.keyValueMap("tags"), by: who)
            return .object([("experiment_id", .string(experiment.id))])
        })
        api.get("experiments/get", use: Self.endpoint { p, who in
            .object([("experiment", MLflowWire.experiment(try await tracking.experiment(id: try p.require("experiment_id"), by: who)))])
        })
        api.get("experiments/get-by-name", use: Self.endpoint { p, who in
            .object([("experiment", MLflowWire.experiment(try await tracking.experiment(named: try p.require("experiment_name"), by: who)))])
        })
        let search = Self.endpoint { p, who in
            let query = try TrackingQuery.make(.experiments, filter: try p.string("filter"), orderBy: try p.strings("order_by"),
                                               maxResults: try Self.maxResults(p, default: 1000, maximum: 50000),
                                               defaultMaxResults: 1000, maxMaxResults: 50000, pageToken: try p.string("page_token"))
            let view = try Self.viewType(try p.string("view_type"))
            let result = try await tracking.searchExperiments(query, view: view, by: who)
            return Self.page("experiments", result.items.map(MLflowWire.experiment), offset: query.offset, hasMore: result.hasMore)
        }
        api.post("experiments/search", use: search)
        api.get("experiments/search", use: search)
        api.post("experiments/set-experiment-tag", use: Self.endpoint { p, who in
            try await tracking.setExperimentTag(id: try p.require("experiment_id"), key: try p.require("key"),
                                                value: try p.string("value") ?? "", by: who)
            return Self.empty
        })
        api.post("experiments/delete-experiment-tag", use: Self.endpoint { p, who in
            try await tracking.deleteExperimentTag(id: try p.require("experiment_id"), key: try p.require("key"), by: who)
            return Self.empty
        })
        api.post("experiments/delete", use: Self.endpoint { p, who in
            try await tracking.deleteExperiment(id: try p.require("experiment_id"), by: who)
            return Self.empty
        })
        api.post("experiments/restore", use: Self.endpoint { p, who in
            try await tracking.restoreExperiment(id: try p.require("experiment_id"), by: who)
            return Self.empty
        })
        api.post("experiments/update", use: Self.endpoint { p, who in
            try await tracking.renameExperiment(id: try p.require("experiment_id"), to: try p.require("new_name"), by: who)
            return Self.empty
        })
    }

    /// MLflow's `ViewType` (`ACTIVE_ONLY` by default; also accepted as its enum number).
    static func viewType(_ text: String?) throws -> ViewType {
        switch text?.uppercased() {
        case nil, "", "ACTIVE_ONLY", "1": .activeOnly
        case "DELETED_ONLY", "2": .deletedOnly
        case "ALL", "3": .all
        case let other?: throw MLflowError.invalid("Invalid view type '\(other.prefix(40))': expected ACTIVE_ONLY, DELETED_ONLY or ALL.")
        }
    }
}
