import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import StewardTestSupport
import Testing

/// The wire details the stock `mlflow` client depends on (see the MLflow API reference).
@Suite("MLflow API wire format (both databases)")
struct MLflowWireTests {
    @Test(arguments: TestDatabase.all)
    func errorsStatusesAndEmptyReplies(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            // Exactly 200 with an id; a duplicate is 400 RESOURCE_ALREADY_EXISTS (not 409).
            var response = try await client.send(.post, "/api/2.0/mlflow/registered-models/create", app: app, json: #"{"name":"fraud model"}"#)
            #expect(response.status == .ok)
            response = try await client.send(.post, "/api/2.0/mlflow/registered-models/create", app: app, json: #"{"name":"fraud model"}"#)
            #expect(response.status == .badRequest && response.json["error_code"] as? String == "RESOURCE_ALREADY_EXISTS")

            // GET fields come from the query string, `+` is a space.
            response = try await client.send(.get, "/api/2.0/mlflow/registered-models/get?name=fraud+model", app: app)
            #expect(response.status == .ok)
            #expect((response.json["registered_model"] as? [String: Any])?["name"] as? String == "fraud model")
            response = try await client.send(.get, "/api/2.0/mlflow/registered-models/get?name=nope", app: app)
            #expect(response.status == .notFound && response.json["error_code"] as? String == "RESOURCE_DOES_NOT_EXIST")

            // Calls that return nothing answer exactly 200 {}; DELETE carries a JSON body.
            response = try await client.send(.post, "/api/2.0/mlflow/registered-models/set-tag", app: app,
                                             json: #"{"name":"fraud model","key":"team","value":"risk"}"#)
            #expect(response.status == .ok && response.text == "{}")
            response = try await client.send(.delete, "/api/2.0/mlflow/registered-models/delete-tag", app: app,
                                             json: #"{"name":"fraud model","key":"team"}"#)
            #expect(response.status == .ok && response.text == "{}")

            // An unknown alias is 400 INVALID_PARAMETER_VALUE, as in MLflow.
            response = try await client.send(.get, "/api/2.0/mlflow/registered-models/alias?name=fraud+model&alias=champion", app: app)
            #expect(response.status == .badRequest && response.json["error_code"] as? String == "INVALID_PARAMETER_VALUE")

            // Bad filters and page tokens are 400, never 5xx.
            response = try await client.send(.get, "/api/2.0/mlflow/registered-models/search?filter=name+%3D%3D%3D+1", app: app)
            #expect(response.status == .badRequest && response.json["error_code"] as? String == "INVALID_PARAMETER_VALUE")
            response = try await client.send(.post, "/api/2.0/mlflow/runs/search", app: app, json: #"{"experiment_ids":["0"],"page_token":"%%%"}"#)
            #expect(response.status == .badRequest)
            response = try await client.send(.post, "/api/2.0/mlflow/runs/create", app: app, json: "[1,2]")
            #expect(response.status == .badRequest && response.json["error_code"] as? String == "INVALID_PARAMETER_VALUE")

            // The prompt clause the client appends keeps models without the tag.
            let filter = "tag.%60mlflow.prompt.is_prompt%60+!%3D+%27true%27"
            response = try await client.send(.get, "/api/2.0/mlflow/registered-models/search?filter=\(filter)&max_results=100", app: app)
            #expect((response.json["registered_models"] as? [Any])?.count == 1)

        }
    }

    @Test(arguments: TestDatabase.all)
    func runsAcceptInt64AsStringsAndRunUUID(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            var response = try await client.send(.post, "/api/2.0/mlflow/runs/create", app: app,
                                                 json: #"{"experiment_id":"0","start_time":"1700000000000"}"#)
            let run = try #require(response.json["run"] as? [String: Any])
            let info = try #require(run["info"] as? [String: Any])
            let id = try #require(info["run_id"] as? String)
            #expect(info["start_time"] as? Int == 1_700_000_000_000)
            #expect((info["run_name"] as? String)?.isEmpty == false)
            // run_uuid instead of run_id; timestamp and step as strings.
            response = try await client.send(.post, "/api/2.0/mlflow/runs/log-metric", app: app,
                                             json: #"{"run_uuid":"\#(id)","key":"loss","value":0.25,"timestamp":"1700000000001","step":"3"}"#)
            #expect(response.status == .ok && response.text == "{}")
            response = try await client.send(.get, "/api/2.0/mlflow/metrics/get-history?run_id=\(id)&metric_key=loss", app: app)
            let metric = try #require((response.json["metrics"] as? [[String: Any]])?.first)
            #expect(metric["step"] as? Int == 3 && metric["timestamp"] as? Int == 1_700_000_000_001 && metric["value"] as? Double == 0.25)

            let metrics = (0...1000).map { #"{"key":"m","value":1,"timestamp":1,"step":\#($0)}"# }.joined(separator: ",")
            response = try await client.send(.post, "/api/2.0/mlflow/runs/log-batch", app: app, json: #"{"run_id":"\#(id)","metrics":[\#(metrics)]}"#)
            #expect(response.status == .badRequest && response.json["error_code"] as? String == "INVALID_PARAMETER_VALUE")
            response = try await client.send(.post, "/api/2.0/mlflow/runs/log-parameter", app: app, json: #"{"run_id":"\#(id)","key":"lr","value":"0.1"}"#)
            #expect(response.status == .ok)
            response = try await client.send(.post, "/api/2.0/mlflow/runs/log-parameter", app: app, json: #"{"run_id":"\#(id)","key":"lr","value":"0.2"}"#)
            #expect(response.status == .badRequest && response.json["error_code"] as? String == "INVALID_PARAMETER_VALUE")
        }
    }

    @Test(arguments: TestDatabase.all)
    func authenticationAndArtifacts(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            var anonymous = HTTPFields()
            anonymous[.contentType] = "application/json"
            var response = try await client.execute(uri: "/api/2.0/mlflow/experiments/get?experiment_id=0", method: .get, headers: anonymous)
            #expect(response.status == .unauthorized && response.json["error_code"] as? String == "UNAUTHENTICATED")
            var basic = HTTPFields()
            basic[.authorization] = "Basic " + Data("alice:\(app.adminToken)".utf8).base64EncodedString()
            response = try await client.execute(uri: "/api/2.0/mlflow/experiments/get?experiment_id=0", method: .get, headers: basic)
            #expect(response.status == .ok)

            response = try await client.send(.put, "/api/2.0/mlflow-artifacts/artifacts/0/abc/artifacts/dir/a.txt", app: app,
                                             body: ByteBuffer(string: "hello"))
            #expect(response.status == .ok)
            response = try await client.send(.get, "/api/2.0/mlflow-artifacts/artifacts/0/abc/artifacts/dir/a.txt", app: app)
            #expect(response.status == .ok && response.text == "hello")
            // The proxy streams through the API's one download path: ranges, ETag and conditional GETs.
            let etag = try #require(response.headers[.eTag])
            response = try await client.send(.get, "/api/2.0/mlflow-artifacts/artifacts/0/abc/artifacts/dir/a.txt", app: app,
                                             headers: [.range: "bytes=1-3"])
            #expect(response.status == .partialContent && response.text == "ell" && response.headers[.contentRange] == "bytes 1-3/5")
            response = try await client.send(.get, "/api/2.0/mlflow-artifacts/artifacts/0/abc/artifacts/dir/a.txt", app: app,
                                             headers: [.ifNoneMatch: etag])
            #expect(response.status == .notModified)
            response = try await client.send(.get, "/api/2.0/mlflow-artifacts/artifacts?path=0/abc/artifacts", app: app)
            #expect((response.json["files"] as? [[String: Any]])?.first?["is_dir"] as? Bool == true)
            response = try await client.send(.get, "/api/2.0/mlflow-artifacts/artifacts?path=0/abc/artifacts/dir/a.txt", app: app)
            #expect(response.status == .ok && response.text == "{}", "a file path lists as {}")
            response = try await client.send(.get, "/api/2.0/mlflow-artifacts/artifacts?path=0/missing", app: app)
            #expect(response.status == .ok && response.text == "{}")
            response = try await client.send(.get, "/api/2.0/mlflow-artifacts/artifacts?path=0/../etc", app: app)
            #expect(response.status == .badRequest && response.json["error_code"] as? String == "INVALID_PARAMETER_VALUE")
            response = try await client.send(.delete, "/api/2.0/mlflow-artifacts/artifacts/0/abc/artifacts/dir", app: app)
            #expect(response.status == .ok)
            response = try await client.send(.get, "/api/2.0/mlflow-artifacts/artifacts/0/abc/artifacts/dir/a.txt", app: app)
            #expect(response.status == .notFound && response.json["error_code"] as? String == "RESOURCE_DOES_NOT_EXIST")
        }
    }
}
