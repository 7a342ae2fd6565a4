import Foundation

/// Audit summaries of tracking entities.
extension Experiment {
    public var auditSummary: JSONValue {
        ["name": .string(name), "lifecycle_stage": .string(lifecycleStage.rawValue), "tags": .object(tags.mapValues(JSONValue.string))]
    }
}

extension RunInfo {
    public var auditSummary: JSONValue {
        var fields: [String: JSONValue] = ["name": .string(name), "status": .string(status.rawValue),
                                           "lifecycle_stage": .string(lifecycleStage.rawValue)]
        if let endTime { fields["end_time"] = .number(Double(endTime)) }
        return .object(fields)
    }
}

extension LoggedModel {
    public var auditSummary: JSONValue {
        var fields: [String: JSONValue] = ["name": .string(name), "status": .string(status.rawValue),
                                           "lifecycle_stage": .string(lifecycleStage.rawValue),
                                           "tags": .object(tags.mapValues(JSONValue.string)), "params": .object(params.mapValues(JSONValue.string))]
        if let sourceRunID { fields["source_run_id"] = .string(sourceRunID) }
        return .object(fields)
    }
}
