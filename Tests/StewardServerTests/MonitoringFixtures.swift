import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardTestSupport

/// A monitored model for the monitoring tests: `churn` version 1 with a declared input schema,
/// sealed and aliased `prod`.
enum MonitoringFixtures {
    static let schema = """
        [{"name":"age","type":"double","minimum":0,"maximum":150},
         {"name":"plan","type":"string","categories":["free","pro"]},
         {"name":"visits","type":"long"},
         {"name":"score","type":"double","required":false}]
        """
    static let base = "/api/v1/models/churn/versions/1/monitoring"

    static func setUp(_ client: some TestClientProtocol, _ app: TestApp, metrics: String = #"{"accuracy":0.9}"#) async throws {
        _ = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"churn"}"#)
        _ = try await client.send(.post, "/api/v1/models/churn/versions", app: app,
                                  json: #"{"input_schema":\#(schema),"metrics":\#(metrics)}"#)
        _ = try await client.send(.put, "/api/v1/models/churn/versions/1/files/model.bin", app: app, headers: [.contentType: "application/octet-stream"],
                                  body: ByteBuffer(string: "weights"))
        _ = try await client.send(.post, "/api/v1/models/churn/versions/1/finalize", app: app)
        _ = try await client.send(.put, "/api/v1/models/churn/aliases/prod", app: app, json: #"{"version":1}"#)
    }

    /// A valid row; `features` replaces the feature object when given.
    static func row(_ id: String, age: Double = 30, plan: String = "free", time: String = "2024-06-11T10:15:00Z",
                    prediction: String = "\"stay\"", features: String? = nil, extra: String = "") -> String {
        let values = features ?? #"{"age":\#(age),"plan":"\#(plan)","visits":3}"#
        return #"{"id":"\#(id)","timestamp":"\#(time)","features":\#(values),"prediction":\#(prediction)\#(extra)}"#
    }

    static func batch(_ rows: [String]) -> String { #"{"rows":[\#(rows.joined(separator: ","))]}"# }
}
