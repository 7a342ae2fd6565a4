import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardTestSupport
import Testing

/// No mutation path skips the trail: walks the router's route list (native and MLflow doors) and
/// requires, for every route that can change anything, a step below that calls it successfully
/// and finds new audit entries carrying that request's id. Routes that only read through `POST`
/// must append nothing. (Independently, the store rolls back any write transaction that changes a
/// table without appending an entry.) On the way, every one of these routes is also called without
/// credentials (401) and by a read-only principal (403 for changes, allowed for reads), which covers
/// the MLflow door's routes in the authorization matrix too.
@Suite("Audit completeness: every mutating route appends (both databases)")
struct AuditCompletenessTests {
    enum Expect { case audited, read, refused }

    struct Step {
        var route: String
        var method: HTTPRequest.Method
        var uri: (Vars) -> String
        var body: (Vars) -> String?
        var expect: Expect = .audited
        var capture: ((Vars, [String: Any]) -> Void)? = nil
    }

    final class Vars: @unchecked Sendable {
        var values: [String: String] = [:]
        subscript(_ key: String) -> String { values[key] ?? "missing-\(key)" }
    }

    static func step(_ method: HTTPRequest.Method, _ route: String, _ uri: String? = nil, _ body: String? = nil, _ expect: Expect = .audited,
                     _ capture: ((Vars, [String: Any]) -> Void)? = nil) -> Step {
        Step(route: "\(method) \(route)", method: method, uri: { vars in Self.fill(uri ?? route, vars) },
             body: { vars in body.map { Self.fill($0, vars) } }, expect: expect, capture: capture)
    }

    /// Replaces `$name` with captured values.
    static func fill(_ text: String, _ vars: Vars) -> String {
        var out = text
        for (key, value) in vars.values.sorted(by: { $0.key.count > $1.key.count }) { out = out.replacingOccurrences(of: "$" + key, with: value) }
        return out
    }

    static let mlflow = "/api/2.0/mlflow"
    static var steps: [Step] {
        let m = mlflow
        return [
            // Native door: identity.
            step(.post, "/api/v1/accounts", nil, #"{"name":"u1","roles":["viewer"]}"#),
            step(.patch, "/api/v1/accounts/{account}", "/api/v1/accounts/u1", #"{"roles":["contributor"]}"#),
            step(.post, "/api/v1/teams", nil, #"{"name":"t1"}"#),
            step(.put, "/api/v1/teams/{team}/members/{account}", "/api/v1/teams/t1/members/u1"),
            step(.delete, "/api/v1/teams/{team}/members/{account}", "/api/v1/teams/t1/members/u1"),
            step(.post, "/api/v1/tokens", nil, #"{"name":"x","account":"u1"}"#) { vars, json in vars.values["token"] = json["id"] as? String },
            step(.delete, "/api/v1/tokens/{id}", "/api/v1/tokens/$token"),
            // Native door: registry.
            step(.post, "/api/v1/models", nil, #"{"name":"n1"}"#),
            step(.patch, "/api/v1/models/{name}", "/api/v1/models/n1", #"{"description":"d"}"#),
            step(.post, "/api/v1/models/{name}/rename", "/api/v1/models/n1/rename", #"{"new_name":"n2"}"#),
            step(.post, "/api/v1/models/{name}/versions", "/api/v1/models/n2/versions", "{}"),
            step(.put, "/api/v1/models/{name}/versions/{version}/files/**", "/api/v1/models/n2/versions/1/files/w.bin", "weights"),
            step(.delete, "/api/v1/models/{name}/versions/{version}/files/**", "/api/v1/models/n2/versions/1/files/w.bin"),
            step(.put, "/api/v1/models/{name}/versions/{version}/files/**", "/api/v1/models/n2/versions/1/files/w2.bin", "weights"),
            step(.patch, "/api/v1/models/{name}/versions/{version}", "/api/v1/models/n2/versions/1", #"{"description":"x"}"#),
            step(.post, "/api/v1/models/{name}/versions/{version}/finalize", "/api/v1/models/n2/versions/1/finalize"),
            step(.put, "/api/v1/models/{name}/aliases/{alias}", "/api/v1/models/n2/aliases/prod", #"{"version":1}"#),
            step(.delete, "/api/v1/models/{name}/aliases/{alias}", "/api/v1/models/n2/aliases/prod"),
            step(.put, "/api/v1/models/{name}/grants/{subject}", "/api/v1/models/n2/grants/account:u1", #"{"permission":"read"}"#),
            step(.delete, "/api/v1/models/{name}/grants/{subject}", "/api/v1/models/n2/grants/account:u1"),
            step(.post, "/api/v1/models/{name}/versions", "/api/v1/models/n2/versions", "{}"),
            step(.delete, "/api/v1/models/{name}/versions/{version}", "/api/v1/models/n2/versions/2"),
            step(.delete, "/api/v1/models/{name}", "/api/v1/models/n2?force=true"),
            step(.delete, "/api/v1/teams/{team}", "/api/v1/teams/t1"),
            // MLflow door: tracking.
            step(.post, "\(m)/experiments/create", nil, #"{"name":"e1"}"#) { vars, json in vars.values["exp"] = json["experiment_id"] as? String },
            step(.post, "\(m)/experiments/set-experiment-tag", nil, #"{"experiment_id":"$exp","key":"k","value":"v"}"#),
            step(.post, "\(m)/experiments/delete-experiment-tag", nil, #"{"experiment_id":"$exp","key":"k"}"#),
            step(.post, "\(m)/experiments/update", nil, #"{"experiment_id":"$exp","new_name":"e1b"}"#),
            step(.post, "\(m)/experiments/search", nil, #"{"max_results":10}"#, .read),
            step(.post, "\(m)/runs/create", nil, #"{"experiment_id":"$exp"}"#) { vars, json in
                vars.values["run"] = ((json["run"] as? [String: Any])?["info"] as? [String: Any])?["run_id"] as? String
            },
            step(.post, "\(m)/runs/log-metric", nil, #"{"run_id":"$run","key":"acc","value":0.9,"timestamp":1,"step":0}"#),
            step(.post, "\(m)/runs/log-parameter", nil, #"{"run_id":"$run","key":"lr","value":"0.1"}"#),
            step(.post, "\(m)/runs/set-tag", nil, #"{"run_id":"$run","key":"t","value":"v"}"#),
            step(.post, "\(m)/runs/delete-tag", nil, #"{"run_id":"$run","key":"t"}"#),
            step(.post, "\(m)/runs/log-batch", nil, #"{"run_id":"$run","metrics":[{"key":"loss","value":0.1,"timestamp":2,"step":1}]}"#),
            step(.post, "\(m)/runs/log-inputs", nil,
                 #"{"run_id":"$run","datasets":[{"dataset":{"name":"d1","digest":"abc123","source_type":"local","source":"{}"}}]}"#),
            step(.post, "\(m)/runs/update", nil, #"{"run_id":"$run","status":"FINISHED","end_time":3}"#),
            step(.post, "\(m)/runs/search", nil, #"{"experiment_ids":["$exp"]}"#, .read),
            step(.put, "/api/2.0/mlflow-artifacts/artifacts/**", "/api/2.0/mlflow-artifacts/artifacts/$exp/$run/artifacts/model/m.bin", "bytes"),
            step(.post, "\(m)/logged-models", nil, #"{"experiment_id":"$exp","name":"lm","source_run_id":"$run"}"#) { vars, json in
                vars.values["lm"] = (((json["model"] as? [String: Any])?["info"] as? [String: Any])?["model_id"] as? String)
            },
            step(.post, "\(m)/logged-models/{model_id}/params", "\(m)/logged-models/$lm/params", #"{"params":[{"key":"a","value":"1"}]}"#),
            step(.patch, "\(m)/logged-models/{model_id}/tags", "\(m)/logged-models/$lm/tags", #"{"tags":[{"key":"k","value":"v"}]}"#),
            step(.delete, "\(m)/logged-models/{model_id}/tags/{key}", "\(m)/logged-models/$lm/tags/k"),
            step(.patch, "\(m)/logged-models/{model_id}", "\(m)/logged-models/$lm", #"{"status":"LOGGED_MODEL_READY"}"#),
            step(.post, "\(m)/logged-models/search", nil, #"{"experiment_ids":["$exp"]}"#, .read),
            step(.post, "\(m)/runs/outputs", nil, #"{"run_id":"$run","models":[{"model_id":"$lm","step":0}]}"#),
            // MLflow door: registry.
            step(.post, "\(m)/registered-models/create", nil, #"{"name":"rm"}"#),
            step(.post, "\(m)/registered-models/set-tag", nil, #"{"name":"rm","key":"k","value":"v"}"#),
            step(.delete, "\(m)/registered-models/delete-tag", nil, #"{"name":"rm","key":"k"}"#),
            step(.patch, "\(m)/registered-models/update", nil, #"{"name":"rm","description":"d"}"#),
            step(.post, "\(m)/registered-models/rename", nil, #"{"name":"rm","new_name":"rm2"}"#),
            step(.post, "\(m)/model-versions/create", nil, #"{"name":"rm2","source":"runs:/$run/model","run_id":"$run"}"#),
            step(.post, "\(m)/model-versions/set-tag", nil, #"{"name":"rm2","version":"1","key":"k","value":"v"}"#),
            step(.delete, "\(m)/model-versions/delete-tag", nil, #"{"name":"rm2","version":"1","key":"k"}"#),
            step(.patch, "\(m)/model-versions/update", nil, #"{"name":"rm2","version":"1","description":"d"}"#),
            step(.post, "\(m)/model-versions/transition-stage", nil, #"{"name":"rm2","version":"1","stage":"Staging","archive_existing_versions":false}"#),
            step(.post, "\(m)/registered-models/alias", nil, #"{"name":"rm2","alias":"champ","version":"1"}"#),
            step(.delete, "\(m)/registered-models/alias", nil, #"{"name":"rm2","alias":"champ"}"#),
            step(.post, "\(m)/registered-models/get-latest-versions", nil, #"{"name":"rm2"}"#, .read),
            step(.delete, "\(m)/model-versions/delete", nil, #"{"name":"rm2","version":"1"}"#),
            step(.delete, "\(m)/registered-models/delete", nil, #"{"name":"rm2"}"#),
            // MLflow door: cleanup paths.
            // MLflow door: a multipart upload (the ETag is sha256("part-bytes")), and one aborted.
            step(.post, "/api/2.0/mlflow-artifacts/mpu/create/**", "/api/2.0/mlflow-artifacts/mpu/create/$exp/$run/artifacts", #"{"path":"/tmp/w.bin","num_parts":1}"#) { vars, json in
                vars.values["upload"] = json["upload_id"] as? String
            },
            step(.put, "/api/2.0/mlflow-artifacts/mpu/upload/{upload}/{part}", "/api/2.0/mlflow-artifacts/mpu/upload/$upload/1", "part-bytes"),
            step(.post, "/api/2.0/mlflow-artifacts/mpu/complete/**", "/api/2.0/mlflow-artifacts/mpu/complete/$exp/$run/artifacts",
                 #"{"path":"/tmp/w.bin","upload_id":"$upload","parts":[{"part_number":1,"etag":"229bdaafcdd2ae52fe07980e94dff83cfd5fe1de200a6024aa6587d55ea07e84"}]}"#),
            step(.post, "/api/2.0/mlflow-artifacts/mpu/create/**", "/api/2.0/mlflow-artifacts/mpu/create/$exp/$run/artifacts", #"{"path":"/tmp/w.bin","num_parts":2}"#) { vars, json in
                vars.values["abortable"] = json["upload_id"] as? String
            },
            step(.post, "/api/2.0/mlflow-artifacts/mpu/abort/**", "/api/2.0/mlflow-artifacts/mpu/abort/$exp/$run/artifacts", #"{"path":"/tmp/w.bin","upload_id":"$abortable"}"#),
            step(.delete, "/api/2.0/mlflow-artifacts/artifacts/**", "/api/2.0/mlflow-artifacts/artifacts/$exp/$run/artifacts/model"),
            step(.delete, "\(m)/logged-models/{model_id}", "\(m)/logged-models/$lm"),
            step(.post, "\(m)/runs/delete", nil, #"{"run_id":"$run"}"#),
            step(.post, "\(m)/runs/restore", nil, #"{"run_id":"$run"}"#),
            step(.post, "\(m)/experiments/delete", nil, #"{"experiment_id":"$exp"}"#),
            step(.post, "\(m)/experiments/restore", nil, #"{"experiment_id":"$exp"}"#),
        ] + LineageAuditSteps.steps + LifecycleAuditSteps.steps + PromotionAuditSteps.steps + NotificationAuditSteps.steps + AlertAuditSteps.steps
            + MonitoringAuditSteps.steps + CatalogAuditSteps.steps
    }

    static func auditSize(_ client: some TestClientProtocol, _ app: TestApp) async throws -> Int {
        let head = try await client.send(.get, "/api/v1/audit/checkpoint", app: app).json
        return head["tree_size"] as? Int ?? -1
    }

    @Test(arguments: TestDatabase.all)
    func everyMutatingRouteAppendsAnEntry(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            // The web UI's form routes take cookies and CSRF tokens; StewardWebTests.WebAuditWalkTests walks them.
            let mutating = Set(app.routes.filter { ["POST", "PUT", "PATCH", "DELETE"].contains(String($0.split(separator: " ")[0])) && !$0.contains(" /ui/") })
            let covered = Set(Self.steps.map(\.route))
            for route in mutating.subtracting(covered).sorted() {
                Issue.record("\(route) has no step in the audit completeness walk")
            }
            for route in covered.subtracting(mutating).sorted() { Issue.record("step for \(route), which the router does not have") }
            let vars = Vars()
            let viewer = try await client.principal(app, name: "walk-viewer", roles: ["viewer"], scopes: ["read", "write"])
            for step in Self.steps {
                let uri = step.uri(vars)
                let body = step.body(vars)
                var headers = app.headers
                if let body, !body.hasPrefix("{") { headers[.contentType] = "application/octet-stream" }
                if step.expect != .refused {
                    var anonymous = headers
                    anonymous[.authorization] = nil
                    let denied = try await client.execute(uri: uri, method: step.method, headers: anonymous, body: body.map { ByteBuffer(string: $0) })
                    #expect(denied.status == .unauthorized, "anonymous \(step.route) → \(denied.status.code)")
                    var readOnly = headers
                    readOnly[.authorization] = viewer
                    let viewed = try await client.execute(uri: uri, method: step.method, headers: readOnly, body: body.map { ByteBuffer(string: $0) })
                    if step.expect == .read {
                        #expect(viewed.status == .ok, "viewer reading through \(step.route) → \(viewed.status.code)")
                    } else if step.route == "DELETE /api/v1/tokens/{id}" {
                        // Someone else's token is answered as missing, so its existence does not leak.
                        #expect(viewed.status == .notFound, "viewer revoking another's token → \(viewed.status.code)")
                    } else {
                        #expect(viewed.status == .forbidden, "viewer changing through \(step.route) → \(viewed.status.code) \(viewed.text.prefix(200))")
                    }
                }
                let before = try await Self.auditSize(client, app)
                let response = try await client.execute(uri: uri, method: step.method, headers: headers,
                                                        body: body.map { ByteBuffer(string: $0) })
                let after = try await Self.auditSize(client, app)
                switch step.expect {
                case .audited:
                    #expect((200..<300).contains(Int(response.status.code)), "\(step.route) → \(response.status.code) \(response.text)")
                    #expect(after > before, "\(step.route) appended no audit entry")
                    let requestID = response.headers[HTTPField.Name("X-Request-Id")!]
                    let entries = try await client.send(.get, "/api/v1/audit/entries?page_token=\(before - 1)", app: app).json["entries"] as? [[String: Any]] ?? []
                    #expect(entries.contains { ($0["entry"] as? [String: Any])?["request_id"] as? String == requestID },
                            "\(step.route): no entry carries request id \(requestID ?? "-")")
                case .read:
                    #expect(response.status == .ok, "\(step.route) → \(response.status.code)")
                    #expect(after == before, "\(step.route) only reads but appended \(after - before) entries")
                case .refused:
                    #expect(response.status.code >= 400 && response.status.code < 600, "\(step.route) → \(response.status.code)")
                    #expect(after == before, "\(step.route) was refused but appended entries")
                }
                step.capture?(vars, response.json)
            }
        }
    }
}
