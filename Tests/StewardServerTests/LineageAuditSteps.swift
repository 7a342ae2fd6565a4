import Foundation

/// The datasets, runs and taint routes' steps of the audit completeness walk.
enum LineageAuditSteps {
    typealias Step = AuditCompletenessTests.Step

    static var steps: [Step] {
        let s = AuditCompletenessTests.step
        return [
            s(.post, "/api/v1/datasets", nil, #"{"name":"ds1","description":"training data"}"#, .audited, nil),
            s(.patch, "/api/v1/datasets/{dataset}", "/api/v1/datasets/ds1", #"{"description":"training data, cleaned"}"#, .audited, nil),
            s(.post, "/api/v1/datasets/{dataset}/versions", "/api/v1/datasets/ds1/versions",
              #"{"uri":"s3://bucket/ds1.csv","digest":"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","row_count":10}"#, .audited, nil),
            s(.post, "/api/v1/runs", nil, #"{"name":"train","params":{"lr":"0.1"},"inputs":[{"dataset":"ds1","version":1}]}"#, .audited, nil),
            s(.put, "/api/v1/datasets/{dataset}/versions/{version}/taint", "/api/v1/datasets/ds1/versions/1/taint",
              #"{"reason":"poisoned","comment":"label flips found"}"#, .audited, nil),
            s(.delete, "/api/v1/datasets/{dataset}/versions/{version}/taint", "/api/v1/datasets/ds1/versions/1/taint?comment=fixed", nil, .audited, nil),
        ]
    }
}
