import Foundation

/// The tracking entities that can be searched, with the attributes each accepts in filters and
/// `order_by` (MLflow's names; synonyms map to one canonical name).
public enum TrackingEntity: String, Sendable {
    case experiments, runs, loggedModels = "logged models"

    /// Filter/order attribute name (lower-cased) → canonical name and whether it is numeric.
    var attributes: [String: (canonical: String, numeric: Bool)] {
        switch self {
        case .experiments:
            return ["name": ("name", false), "experiment_id": ("experiment_id", false),
                    "creation_time": ("creation_time", true), "last_update_time": ("last_update_time", true)]
        case .runs:
            return ["run_id": ("run_id", false), "run_name": ("run_name", false), "status": ("status", false),
                    "user_id": ("user_id", false), "artifact_uri": ("artifact_uri", false),
                    "lifecycle_stage": ("lifecycle_stage", false),
                    "start_time": ("start_time", true), "end_time": ("end_time", true), "created": ("start_time", true)]
        case .loggedModels:
            return ["name": ("name", false), "model_id": ("model_id", false), "status": ("status", false),
                    "source_run_id": ("source_run_id", false), "model_type": ("model_type", false),
                    "creation_timestamp": ("creation_timestamp", true), "creation_time": ("creation_timestamp", true),
                    "last_updated_timestamp": ("last_updated_timestamp", true)]
        }
    }

    /// Keyed namespaces the entity has.
    var namespaces: Set<String> {
        switch self {
        case .experiments: ["tag"]
        case .runs: ["tag", "metric", "param"]
        case .loggedModels: []
        }
    }
}

extension TrackingQuery {
    /// Builds a query from MLflow-style request values, validating everything (400 on any problem).
    public static func make(_ entity: TrackingEntity, filter: String?, orderBy: [String], maxResults: Int?,
                            defaultMaxResults: Int, maxMaxResults: Int, pageToken: String?) throws -> TrackingQuery {
        let size = maxResults ?? defaultMaxResults
        guard (1...maxMaxResults).contains(size) else {
            throw DomainError.invalidField("max_results", "must be between 1 and \(maxMaxResults)")
        }
        return TrackingQuery(filter: try TrackingFilter.parse(filter, for: entity),
                             order: try orderBy.flatMap { try TrackingOrder.parse($0, for: entity) },
                             maxResults: size, offset: try OffsetPageToken.decode(pageToken))
    }
}

extension TrackingOrder {
    /// Parses one `order_by` value such as `metrics.accuracy DESC` or `attributes.start_time`.
    static func parse(_ text: String, for entity: TrackingEntity) throws -> [TrackingOrder] {
        try text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { part in
            func fail(_ message: String) -> DomainError {
                DomainError(.invalid, code: "invalid_order_by", "Invalid order_by '\(part)': \(message).",
                            fieldErrors: [FieldError(field: "order_by", message: message)])
            }
            var words = part.split(whereSeparator: { $0 == " " }).map(String.init)
            var descending = false
            if words.count > 1, let direction = words.last?.uppercased(), direction == "ASC" || direction == "DESC" {
                descending = direction == "DESC"
                words.removeLast()
            }
            let fieldText = words.joined(separator: " ")
            // Reuse the filter grammar to parse the field (quoted keys, namespaces).
            guard case .term(let term)? = try? TrackingFilter.parse("\(fieldText) = 0", for: entity, checkTypes: false) else {
                throw fail("expected '<field> [ASC|DESC]'")
            }
            return TrackingOrder(field: term.field, descending: descending)
        }
    }
}
