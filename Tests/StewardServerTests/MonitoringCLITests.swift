import AsyncHTTPClient
import Foundation
import NIOCore
import StewardTestSupport
import Testing

/// `steward monitor configure|log|labels|reference|report|windows|rejected` against a real server.
@Suite("Monitoring CLI (real process)")
struct MonitoringCLITests {
    @Test func logLabelsReferenceAndReportTable() async throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let server = try await ServerProcess(dataDirectory: root + "/data", database: nil, extraEnvironment: ["STEWARD_MONITOR_INTERVAL": "0"])
        defer { server.terminateNow() }
        let token = server.adminToken
        func steward(_ arguments: [String]) throws -> StewardCommand.Result {
            try StewardCommand.run(arguments, server: server.baseURL, token: token)
        }
        _ = try await HTTP.send(.POST, server.baseURL + "/api/v1/models", token: token, json: #"{"name":"churn"}"#)
        _ = try await HTTP.send(.POST, server.baseURL + "/api/v1/models/churn/versions", token: token,
                                json: #"{"input_schema":\#(MonitoringFixtures.schema),"metrics":{"accuracy":0.9}}"#)
        #expect(try steward(["monitor", "configure", "churn/1", "--task", "classification", "--window-seconds", "3600"]).status == 0)
        var lines = ["id,timestamp,age,plan,visits,prediction"]
        for i in 0..<300 {
            let hour = i < 150 ? "09" : "10"
            let age = i < 150 ? 30 + i % 20 : 60 + i % 20
            lines.append("r\(i),2024-06-11T\(hour):\(10 + i % 40):00Z,\(age),\(i % 2 == 0 ? "free" : "pro"),\(i % 7),\(i % 3 == 0 ? "leave" : "stay")")
        }
        lines.append("bad,2024-06-11T10:30:00Z,31,gold,1,stay")
        try lines.joined(separator: "\n").write(toFile: root + "/log.csv", atomically: true, encoding: .utf8)
        var result = try steward(["monitor", "log", "churn/1", root + "/log.csv", "--batch-rows", "100"])
        #expect(result.status == 0 && result.stdout.contains("total (4 batches): accepted 300"), "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("rejected.unknown_category 1"))
        try (["id,label"] + (0..<300).map { "r\($0),\($0 % 3 == 0 ? "leave" : "stay")" }).joined(separator: "\n")
            .write(toFile: root + "/labels.csv", atomically: true, encoding: .utf8)
        result = try steward(["monitor", "labels", "churn/1", root + "/labels.csv"])
        #expect(result.status == 0 && result.stdout.contains("joined 300"), "\(result.stdout)\(result.stderr)")
        result = try steward(["monitor", "reference", "churn/1", "--from", "2024-06-11T09:00:00Z", "--to", "2024-06-11T10:00:00Z"])
        #expect(result.status == 0 && result.stdout.contains("150"), "\(result.stdout)\(result.stderr)")
        _ = try await HTTP.send(.PUT, server.baseURL + "/api/v1/models/churn/versions/1/files/m.bin", token: token,
                                body: .bytes(ByteBuffer(string: "weights")), headers: [("Content-Type", "application/octet-stream")])
        _ = try await HTTP.send(.POST, server.baseURL + "/api/v1/models/churn/versions/1/finalize", token: token)
        let alias = try await HTTP.send(.PUT, server.baseURL + "/api/v1/models/churn/aliases/prod", token: token, json: #"{"version":1}"#)
        #expect(alias.status == 200, "\(alias.text)")
        result = try steward(["monitor", "report", "churn@prod", "--from", "2024-06-11T10:00:00Z", "--to", "2024-06-11T11:00:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        let table = result.stdout
        #expect(table.contains("FEATURE") && table.contains("METHOD") && table.contains("SCORE") && table.contains("DRIFTED"), "\(table)")
        #expect(table.split(separator: "\n").contains { $0.hasPrefix("age") && $0.hasSuffix("yes") }, "\(table)")
        #expect(table.contains("Dataset drift:") && table.contains("accuracy"), "\(table)")
        result = try steward(["monitor", "windows", "churn/1", "--from", "2024-06-11T00:00:00Z", "--to", "2024-06-12T00:00:00Z"])
        #expect(result.status == 0 && result.stdout.contains("2024-06-11T10:00:00.000Z"), "\(result.stdout)\(result.stderr)")
        result = try steward(["monitor", "rejected", "churn/1"])
        #expect(result.status == 0 && result.stdout.contains("unknown_category"), "\(result.stdout)\(result.stderr)")
    }
}
