import Foundation

/// The protected-alias and promotion routes' steps of the audit completeness walk (issue 6). The
/// admin protects `pm@prod` with a one-approval policy it may satisfy itself, then requests,
/// approves (the alias moves), rejects and cancels promotions, and removes the protection.
enum PromotionAuditSteps {
    typealias Step = AuditCompletenessTests.Step

    static var steps: [Step] {
        let s = AuditCompletenessTests.step
        let policy = #"{"required_approvals":1,"approver_roles":["admin"],"allow_self_approval":true,"gates":{"metrics":["acc >= 0.5"]}}"#
        var steps: [Step] = [s(.post, "/api/v1/models", nil, #"{"name":"pm"}"#, .audited, nil)]
        for number in 1...2 {
            steps += [
                s(.post, "/api/v1/models/{name}/versions", "/api/v1/models/pm/versions", #"{"metrics":{"acc":0.9}}"#, .audited, nil),
                s(.put, "/api/v1/models/{name}/versions/{version}/files/**", "/api/v1/models/pm/versions/\(number)/files/w.bin", "w\(number)", .audited, nil),
                s(.post, "/api/v1/models/{name}/versions/{version}/finalize", "/api/v1/models/pm/versions/\(number)/finalize", nil, .audited, nil),
            ]
        }
        return steps + [
            s(.put, "/api/v1/models/{name}/aliases/{alias}/protection", "/api/v1/models/pm/aliases/prod/protection", policy, .audited, nil),
            s(.post, "/api/v1/models/{name}/promotions", "/api/v1/models/pm/promotions", #"{"alias":"prod","version":1}"#, .audited) { vars, json in
                vars.values["p1"] = json["id"] as? String
            },
            s(.post, "/api/v1/promotions/{promotion}/approve", "/api/v1/promotions/$p1/approve", #"{"comment":"ok"}"#, .audited, nil),
            s(.post, "/api/v1/models/{name}/promotions", "/api/v1/models/pm/promotions", #"{"alias":"prod","version":2}"#, .audited) { vars, json in
                vars.values["p2"] = json["id"] as? String
            },
            s(.post, "/api/v1/promotions/{promotion}/reject", "/api/v1/promotions/$p2/reject", #"{"comment":"not yet"}"#, .audited, nil),
            s(.post, "/api/v1/models/{name}/promotions", "/api/v1/models/pm/promotions", #"{"alias":"prod","version":2}"#, .audited) { vars, json in
                vars.values["p3"] = json["id"] as? String
            },
            s(.post, "/api/v1/promotions/{promotion}/cancel", "/api/v1/promotions/$p3/cancel", nil, .audited, nil),
            s(.delete, "/api/v1/models/{name}/aliases/{alias}/protection", "/api/v1/models/pm/aliases/prod/protection?comment=done", nil, .audited, nil),
        ]
    }
}
