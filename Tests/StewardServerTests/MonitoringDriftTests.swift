import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardTestSupport
import Testing

/// References from a registered dataset version (digest-checked) or from production windows, and
/// drift reports from sketches that flag a shifted feature and nothing else.
@Suite("Monitoring references and drift (both databases)")
struct MonitoringDriftTests {
    typealias F = MonitoringFixtures

    /// Deterministic pseudo-random numbers (no global RNG: the same data on every run).
    struct Numbers {
        var state: UInt64
        mutating func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        mutating func normal(_ mean: Double, _ sd: Double) -> Double {
            mean + sd * (-2 * log(max(uniform(), 1e-12))).squareRoot() * cos(2 * .pi * uniform())
        }
    }

    static func referenceCSV(rows: Int) -> String {
        var numbers = Numbers(state: 7)
        var lines = ["age,plan,visits,prediction"]
        for _ in 0..<rows {
            lines.append("\(String(format: "%.3f", max(0, numbers.normal(40, 10)))),\(numbers.uniform() < 0.5 ? "free" : "pro"),\(Int(numbers.uniform() * 20)),stay")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func rows(_ count: Int, prefix: String, shift: Double, hour: Int, seed: UInt64) -> [String] {
        var numbers = Numbers(state: seed)
        return (0..<count).map { index in
            let age = max(0, numbers.normal(40 + shift, 10))
            return F.row("\(prefix)\(index)", age: (age * 1000).rounded() / 1000, plan: numbers.uniform() < 0.5 ? "free" : "pro",
                         time: "2024-06-11T\(hour < 10 ? "0" : "")\(hour):\(10 + index % 40):00Z",
                         features: nil).replacingOccurrences(of: #""visits":3"#, with: #""visits":\#(Int(numbers.uniform() * 20))"#)
        }
    }

    @Test(arguments: TestDatabase.all)
    func referenceFromDatasetVersionAndDriftFlagsTheShiftedFeature(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            try await F.setUp(client, app)
            var response = try await client.send(.put, F.base, app: app, json: #"{"task":"classification","drift":{"features":{"visits":{"threshold":0.5}}}}"#)
            #expect(response.status == .ok, "\(response.text)")
            let csv = Self.referenceCSV(rows: 2000)
            let digest = SHA256.hash(data: Data(csv.utf8)).map { String(format: "%02x", $0) }.joined()
            _ = try await client.send(.post, "/api/v1/datasets", app: app, json: #"{"name":"churn-train"}"#)
            response = try await client.send(.post, "/api/v1/datasets/churn-train/versions", app: app,
                                             json: #"{"uri":"s3://lake/churn.csv","digest":"sha256:\#(digest)","row_count":2000}"#)
            #expect(response.status == .created, "\(response.text)")
            // Bytes that are not the dataset version's are refused, and no reference is set.
            response = try await client.send(.put, "\(F.base)/reference?dataset=churn-train&dataset_version=1", app: app,
                                             headers: [.contentType: "text/csv"], body: ByteBuffer(string: csv + "1,free,1,stay\n"))
            #expect(response.status == .conflict && response.json["code"] as? String == "reference_digest_mismatch", "\(response.text)")
            #expect(try await client.send(.get, "\(F.base)/reference", app: app).status == .notFound)
            response = try await client.send(.put, "\(F.base)/reference?dataset=churn-train&dataset_version=1", app: app,
                                             headers: [.contentType: "text/csv"], body: ByteBuffer(string: csv))
            #expect(response.status == .ok && response.json["rows"] as? Int == 2000, "\(response.text)")
            #expect((response.json["source"] as? [String: Any])?["dataset"] as? String == "churn-train")

            for (hour, shift, seed) in [(9, 0.0, UInt64(11)), (10, 15.0, UInt64(12))] {
                response = try await client.send(.post, "\(F.base)/predictions", app: app,
                                                 json: F.batch(Self.rows(1500, prefix: "h\(hour)-", shift: shift, hour: hour, seed: seed)))
                #expect(response.json["accepted"] as? Int == 1500, "\(response.text)")
            }
            func drifted(_ query: String) async throws -> [String: Bool] {
                let report = try await client.send(.get, "\(F.base)/drift?\(query)", app: app)
                #expect(report.status == .ok, "\(report.text)")
                #expect(report.json["exact"] as? Bool == false)
                let features = report.json["features"] as? [[String: Any]] ?? []
                return Dictionary(uniqueKeysWithValues: features.map { ($0["feature"] as? String ?? "", $0["drifted"] as? Bool ?? false) })
            }
            #expect(try await drifted("from=2024-06-11T10:00:00Z&to=2024-06-11T11:00:00Z") == ["age": true, "plan": false, "visits": false, "score": false])
            #expect(try await drifted("from=2024-06-11T09:00:00Z&to=2024-06-11T10:00:00Z") == ["age": false, "plan": false, "visits": false, "score": false])
            #expect(try await drifted("from=2024-06-11T10:00:00Z&to=2024-06-11T11:00:00Z&baseline=2024-06-11T09:00:00Z,2024-06-11T10:00:00Z")
                    == ["age": true, "plan": false, "visits": false, "score": false])
            // A reference from production windows replaces the dataset one.
            response = try await client.send(.put, "\(F.base)/reference", app: app, json: #"{"from":"2024-06-11T10:00:00Z","to":"2024-06-11T11:00:00Z"}"#)
            #expect(response.status == .ok && response.json["rows"] as? Int == 1500, "\(response.text)")
            #expect(try await drifted("from=2024-06-11T10:00:00Z&to=2024-06-11T11:00:00Z")["age"] == false)
            let windows = try await client.send(.get, "\(F.base)/windows?from=2024-06-11T00:00:00Z&to=2024-06-12T00:00:00Z", app: app)
            let shares = (windows.json["windows"] as? [[String: Any]] ?? []).map { $0["drifted_share"] as? Double }
            #expect(shares == [0.25, 0], "the 09:00 window drifts from a 10:00 reference in age, one of four features: \(windows.text)")
        }
    }
}
