import Foundation

/// The monitoring routes' steps of the audit completeness walk (issue 7, part S). Ingest and
/// labels batches append one compact entry each (counts, version hit, window range): prediction
/// logs feed drift and alerts, so who fed what is worth a line in the trail, and one entry per
/// batch (not per row) costs about a millisecond per batch.
enum MonitoringAuditSteps {
    typealias Step = AuditCompletenessTests.Step

    static var steps: [Step] {
        let s = AuditCompletenessTests.step
        let row = #"{"id":"r1","timestamp":"2024-06-11T10:15:00Z","features":{"age":30},"prediction":"stay"}"#
        let row2 = #"{"id":"r2","timestamp":"2024-06-11T10:20:00Z","features":{"age":31},"prediction":"leave"}"#
        return [
            s(.post, "/api/v1/models", nil, #"{"name":"mon1"}"#, .audited, nil),
            s(.post, "/api/v1/models/{name}/versions", "/api/v1/models/mon1/versions",
              #"{"input_schema":[{"name":"age","type":"double"}],"metrics":{"accuracy":0.9}}"#, .audited, nil),
            s(.put, "/api/v1/models/{name}/versions/{version}/files/**", "/api/v1/models/mon1/versions/1/files/m.bin", "weights", .audited, nil),
            s(.post, "/api/v1/models/{name}/versions/{version}/finalize", "/api/v1/models/mon1/versions/1/finalize", nil, .audited, nil),
            s(.put, "/api/v1/models/{name}/aliases/{alias}", "/api/v1/models/mon1/aliases/prod", #"{"version":1}"#, .audited, nil),
            s(.put, "/api/v1/models/{name}/versions/{version}/monitoring", "/api/v1/models/mon1/versions/1/monitoring",
              #"{"task":"classification","window_seconds":3600}"#, .audited, nil),
            s(.post, "/api/v1/models/{name}/versions/{version}/monitoring/predictions", "/api/v1/models/mon1/versions/1/monitoring/predictions",
              #"{"rows":[\#(row)]}"#, .audited, nil),
            s(.post, "/api/v1/models/{name}/aliases/{alias}/monitoring/predictions", "/api/v1/models/mon1/aliases/prod/monitoring/predictions",
              #"{"rows":[\#(row2)]}"#, .audited, nil),
            s(.post, "/api/v1/models/{name}/versions/{version}/monitoring/labels", "/api/v1/models/mon1/versions/1/monitoring/labels",
              #"{"labels":[{"id":"r1","label":"stay"}]}"#, .audited, nil),
            s(.post, "/api/v1/models/{name}/aliases/{alias}/monitoring/labels", "/api/v1/models/mon1/aliases/prod/monitoring/labels",
              #"{"labels":[{"id":"r2","label":"stay"}]}"#, .audited, nil),
            s(.put, "/api/v1/models/{name}/versions/{version}/monitoring/reference", "/api/v1/models/mon1/versions/1/monitoring/reference",
              #"{"from":"2024-06-11T10:00:00Z","to":"2024-06-11T11:00:00Z"}"#, .audited, nil),
        ]
    }
}
