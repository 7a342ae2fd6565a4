import Foundation
import StewardTestSupport
import Testing

/// `steward drift` on the committed fixtures (Tests/StewardMonitoringTests/Fixtures): no server.
@Suite("steward drift (real binary, local files)")
struct DriftCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("StewardMonitoringTests/Fixtures").path

    static func path(_ name: String) -> String { fixtures + "/" + name }

    @Test func tableShowsEveryFeatureAndTheDatasetVerdict() throws {
        let run = try StewardCommand.run(["drift", Self.path("drift_ref.csv"), Self.path("drift_cur.csv"), "--prediction", "pred"])
        #expect(run.status == 0, "\(run.stderr)")
        for text in ["FEATURE", "x ", "chisquare", "ztest", "pred (prediction)", "Dataset drift: YES", "Skipped note: text"] {
            #expect(run.stdout.contains(text), "missing \(text) in \(run.stdout)")
        }
    }

    @Test func jsonOverridesAndFailOnDrift() throws {
        let run = try StewardCommand.run(["drift", Self.path("drift_ref.ndjson"), Self.path("drift_cur.ndjson"), "--format", "json",
                                          "--method", "psi", "--threshold", "x=0.9", "--drift-share", "0.3", "--fail-on-drift"])
        #expect(run.status == 1, "\(run.stderr)")
        let features = run.json["features"] as? [[String: Any]] ?? []
        #expect(features.map { $0["feature"] as? String } == ["x", "y", "grade", "flag", "pred"])
        #expect(features.allSatisfy { $0["method"] as? String == "psi" })
        #expect(features.first?["threshold"] as? Double == 0.9 && features.first?["drifted"] as? Bool == false)
        #expect(run.json["dataset_drifted"] as? Bool == true && run.json["drift_share"] as? Double == 0.3)
        let same = try StewardCommand.run(["drift", Self.path("drift_ref.csv"), Self.path("drift_ref.csv"), "--fail-on-drift"])
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
    }

    @Test func badInputIsAClearError() throws {
        let ragged = try StewardCommand.run(["drift", Self.path("ragged.csv"), Self.path("drift_cur.csv")])
        #expect(ragged.status == 1 && ragged.stderr.contains("ragged.csv:3: row has 2 fields"), "\(ragged.stderr)")
        let method = try StewardCommand.run(["drift", Self.path("drift_ref.csv"), Self.path("drift_cur.csv"), "--method", "x=magic"])
        #expect(method.status == 2 && method.stderr.contains("unknown method"), "\(method.stderr)")
    }
}
