import Foundation
import StewardCore

/// `RunCreate` in openapi.yaml.
struct RunCreateBody: Decodable {
    struct Input: Decodable {
        var dataset: String
        var version: Int
        var context: String?
    }

    var experimentID: String?
    var name: String?
    var status: String?
    var startTime: String?
    var endTime: String?
    var params: [String: String]?
    var metrics: [String: Double]?
    var tags: [String: String]?
    var codeVersion: String?
    var environment: JSONValue?
    var inputs: [Input]?

    enum CodingKeys: String, CodingKey {
        case name, status, params, metrics, tags, environment, inputs
        case experimentID = "experiment_id", startTime = "start_time", endTime = "end_time", codeVersion = "code_version"
    }

    var draft: NativeRunDraft {
        get throws {
            let status = try status.map { text in
                guard let value = RunStatus(rawValue: text.uppercased()) else {
                    throw DomainError.invalidField("status", "must be one of \(RunStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return value
            } ?? .finished
            func time(_ text: String?, _ field: String) throws -> Date? {
                guard let text else { return nil }
                guard let date = Timestamp.parse(text) else { throw DomainError.invalidField(field, "must be an RFC 3339 timestamp") }
                return date
            }
            return NativeRunDraft(experimentID: experimentID, name: name, status: status, startTime: try time(startTime, "start_time"),
                                  endTime: try time(endTime, "end_time"), params: params ?? [:], metrics: metrics ?? [:], tags: tags ?? [:],
                                  codeVersion: codeVersion, environment: environment == .null ? nil : environment,
                                  inputs: (inputs ?? []).map { .init(dataset: DatasetVersionRef(dataset: $0.dataset, version: $0.version), context: $0.context) })
        }
    }
}

/// `Run` in openapi.yaml: a run with its lineage.
struct RunBody: Encodable {
    var record: RunRecord

    enum CodingKeys: String, CodingKey {
        case name, status, params, metrics, tags, environment, inputs, outputs
        case runID = "run_id", experimentID = "experiment_id", userID = "user_id", startTime = "start_time", endTime = "end_time"
        case codeVersion = "code_version"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let info = record.run.info
        try container.encode(info.id, forKey: .runID)
        try container.encode(info.experimentID, forKey: .experimentID)
        try container.encode(info.name, forKey: .name)
        try container.encode(info.status.rawValue, forKey: .status)
        try container.encode(info.userID, forKey: .userID)
        try container.encode(Timestamp.format(Timestamp.date(milliseconds: info.startTime)), forKey: .startTime)
        try container.encode(info.endTime.map { Timestamp.format(Timestamp.date(milliseconds: $0)) }, forKey: .endTime)
        try container.encode(record.run.params, forKey: .params)
        try container.encode(Dictionary(record.run.latestMetrics.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }), forKey: .metrics)
        try container.encode(record.run.tags, forKey: .tags)
        try container.encode(record.codeVersion, forKey: .codeVersion)
        try container.encode(record.environment ?? .null, forKey: .environment)
        try container.encode(record.inputs.map(RunInputBody.init), forKey: .inputs)
        try container.encode(record.outputs.map(ModelVersionRefBody.init), forKey: .outputs)
    }
}
