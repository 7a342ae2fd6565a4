import Foundation
import StewardCore
@testable import StewardStorage
import StewardTestSupport
import Testing

/// `RunSearchPlan` rewrites metric filters for SQLite (dense: `EXISTS`; sparse: one `IN` drives);
/// every plan must return exactly what the plain form returns, page by page, on both databases.
@Suite("Run search plans (both databases)")
struct RunSearchPlanTests {
    /// 150 runs in one experiment, started in order: `acc` = i/150, `loss` = 1 - acc, param `p` = i % 3.
    private static let count = 150

    private static func expected(_ keep: (Int) -> Bool, offset: Int, limit: Int) -> [String] {
        Array((0..<count).reversed().filter(keep).dropFirst(offset).prefix(limit)).map { "run-\($0)" }
    }

    @Test(arguments: TestDatabase.all)
    func everyPlanAnswersLikeThePlainForm(_ database: TestDatabase) async throws {
        try await database.withBackend { backend, _ in
            let tracking = Tracking(store: SQLTrackingStore(backend: backend, audit: TestAuditKey.sealer))
            let experiment = try await tracking.createExperiment(name: "plans", tags: [:], by: admin)
            for i in 0..<Self.count {
                let run = try await tracking.createRun(.init(experimentID: experiment.id, name: "run-\(i)", userID: nil,
                                                             startTime: Int64(1000 + i), tags: [:]), by: admin)
                let acc = Double(i) / Double(Self.count)
                try await tracking.logBatch(runID: run.info.id, .init(
                    metrics: [Metric(key: "acc", value: acc, timestamp: 1, step: 0), Metric(key: "loss", value: 1 - acc, timestamp: 1, step: 0)],
                    params: [("p", String(i % 3))], tags: []), by: admin)
            }
            let cases: [(filter: String, keep: (Int) -> Bool, kind: String)] = [
                ("metrics.acc > 0.1", { Double($0) / 150 > 0.1 }, "dense"),
                ("metrics.acc > 0.1 AND params.p = '1'", { Double($0) / 150 > 0.1 && $0 % 3 == 1 }, "dense"),
                ("metrics.acc >= 0.96", { Double($0) / 150 >= 0.96 }, "sparse"),
                // Two metric terms: the sparser (loss) drives, acc and p are checked per run.
                ("metrics.acc > 0.05 AND metrics.loss < 0.1 AND params.p != '0'",
                 { Double($0) / 150 > 0.05 && 1 - Double($0) / 150 < 0.1 && $0 % 3 != 0 }, "sparse"),
                ("metrics.acc > 2", { _ in false }, "sparse"),
                ("metrics.acc < 0.02 OR metrics.acc > 0.98", { Double($0) / 150 < 0.02 || Double($0) / 150 > 0.98 }, "plain"),
                ("params.p = '2'", { $0 % 3 == 2 }, "plain"),
            ]
            for (filter, keep, kind) in cases {
                for (offset, limit) in [(0, 5), (5, 5), (0, 100)] {
                    let token = offset == 0 ? nil : OffsetPageToken.encode(offset)
                    let query = try TrackingQuery.make(.runs, filter: filter, orderBy: [], maxResults: limit, defaultMaxResults: 100,
                                                       maxMaxResults: 1000, pageToken: token)
                    let page = try await tracking.searchRuns(experimentIDs: [experiment.id], query, view: .activeOnly, by: admin)
                    let want = Self.expected(keep, offset: offset, limit: limit)
                    #expect(page.items.map(\.info.name) == want, "\(filter) offset \(offset) limit \(limit) on \(database)")
                    #expect(page.hasMore == (Self.expected(keep, offset: offset, limit: limit + 1).count > limit), "\(filter)")
                    if offset == 0 && limit == 5 {
                        let plan = try await backend.withReader { db in try await RunSearchPlan.choose(query, db: db) }
                        let chosen = switch plan.keyedForm { case .inList: "plain"; case .existsForMetrics: "dense"; case .existsButDriver: "sparse" }
                        #expect(chosen == (database == .sqlite ? kind : "plain"), "\(filter) on \(database)")
                    }
                }
            }
            // An order other than the default keeps the plain form (its scan is not by start time).
            let ordered = try TrackingQuery.make(.runs, filter: "metrics.acc > 0.1", orderBy: ["metrics.acc ASC"], maxResults: 3,
                                                 defaultMaxResults: 100, maxMaxResults: 1000, pageToken: nil)
            #expect(try await backend.withReader { db in try await RunSearchPlan.choose(ordered, db: db) }.keyedForm == .inList)
            let page = try await tracking.searchRuns(experimentIDs: [experiment.id], ordered, view: .activeOnly, by: admin)
            #expect(page.items.map(\.info.name) == ["run-16", "run-17", "run-18"])
        }
    }
}
