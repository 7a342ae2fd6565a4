import Foundation

/// The deprecation, legal hold, retention and garbage-collection routes' steps of the audit
/// completeness walk (issue 6). Seeds model `lc` with ready versions first.
enum LifecycleAuditSteps {
    typealias Step = AuditCompletenessTests.Step

    static var steps: [Step] {
        let s = AuditCompletenessTests.step
        let v = "/api/v1/models/{name}/versions/{version}"
        func ready(_ n: Int) -> [Step] {
            [s(.post, "/api/v1/models/{name}/versions", "/api/v1/models/lc/versions", "{}", .audited, nil),
             s(.put, "\(v)/files/**", "/api/v1/models/lc/versions/\(n)/files/w.bin", "lc weights \(n)", .audited, nil),
             s(.post, "\(v)/finalize", "/api/v1/models/lc/versions/\(n)/finalize", nil, .audited, nil)]
        }
        return [s(.post, "/api/v1/models", nil, #"{"name":"lc"}"#, .audited, nil)] + ready(1) + ready(2) + [
            s(.post, "\(v)/deprecation", "/api/v1/models/lc/versions/1/deprecation",
              #"{"reason":"superseded","replacement":2,"sunset":"2099-01-01T00:00:00Z"}"#, .audited, nil),
            s(.post, "/api/v1/admin/sunset-notices/run", nil, #"{"days_before":40000}"#, .audited, nil),
            s(.delete, "\(v)/deprecation", "/api/v1/models/lc/versions/1/deprecation", nil, .audited, nil),
            s(.put, "\(v)/legal-hold", "/api/v1/models/lc/versions/1/legal-hold", #"{"reason":"litigation"}"#, .audited, nil),
            s(.delete, "\(v)/legal-hold", "/api/v1/models/lc/versions/1/legal-hold", nil, .audited, nil),
            s(.put, "/api/v1/models/{name}/retention", "/api/v1/models/lc/retention", #"{"keep_last":1}"#, .audited, nil),
            s(.post, "/api/v1/models/{name}/retention/run", "/api/v1/models/lc/retention/run", #"{"dry_run":false}"#, .audited, nil),
        ] + ready(3) + [
            s(.post, "/api/v1/admin/retention/run", nil, "{}", .audited, nil),
            s(.delete, "/api/v1/models/{name}/retention", "/api/v1/models/lc/retention", nil, .audited, nil),
            s(.post, "/api/v1/admin/gc", nil, #"{"grace_seconds":0}"#, .audited, nil),
        ]
    }
}
