import Foundation
import StewardCore
import StewardStorage
import StewardTestSupport
import Testing

/// Runs `body` with `Registry` and `Tracking` over one fresh, migrated database.
private func withTracking(_ database: TestDatabase, _ body: (Registry, Tracking) async throws -> Void) async throws {
    try await database.withBackend { backend, _ in
        try await body(Registry(store: SQLRegistryStore(backend: backend, audit: TestAuditKey.sealer)), Tracking(store: SQLTrackingStore(backend: backend, audit: TestAuditKey.sealer)))
    }
}

@Suite("Tracking service (both databases)")
struct TrackingStoreTests {
    @Test(arguments: TestDatabase.all)
    func experimentsRunsParamsMetrics(_ database: TestDatabase) async throws {
        try await withTracking(database) { _, tracking in
            #expect(try await tracking.experiment(id: "0", by: admin).name == "Default")
            let experiment = try await tracking.createExperiment(name: "churn", tags: ["team": "risk"], by: admin)
            #expect(experiment.id == "1" && experiment.artifactLocation == "mlflow-artifacts:/1")
            await #expect(throws: DomainError.self) { _ = try await tracking.createExperiment(name: "churn", tags: [:], by: admin) }

            let run = try await tracking.createRun(.init(experimentID: "1", name: nil, userID: nil, startTime: 5, tags: [:]), by: admin)
            #expect(run.info.name.split(separator: "-").count == 3, "a generated name like bald-goose-972")
            #expect(run.tags[Tracking.runNameTag] == run.info.name)
            try await tracking.logBatch(runID: run.info.id, .init(
                metrics: [Metric(key: "loss", value: 0.5, timestamp: 1, step: 1), Metric(key: "loss", value: 0.9, timestamp: 2, step: 0)],
                params: [("lr", "0.1"), ("lr", "0.1")], tags: [("team", "fraud")]), by: admin)
            try await tracking.logParam(runID: run.info.id, key: "lr", value: "0.1", by: admin)
            let changed = await #expect(throws: DomainError.self) {
                try await tracking.logParam(runID: run.info.id, key: "lr", value: "0.2", by: admin)
            }
            #expect(changed?.kind == .invalid)
            // A batch checks the params it logs against the run's (read by key): one changed value
            // refuses the whole batch, new keys included; metrics it does not name keep their latest.
            await #expect(throws: DomainError.self) {
                try await tracking.logBatch(runID: run.info.id, .init(metrics: [Metric(key: "acc", value: 1, timestamp: 1, step: 0)],
                                                                      params: [("depth", "3"), ("lr", "0.3")], tags: []), by: admin)
            }
            try await tracking.logBatch(runID: run.info.id, .init(metrics: [Metric(key: "acc", value: 0.7, timestamp: 3, step: 0)],
                                                                  params: [("depth", "4"), ("lr", "0.1")], tags: []), by: admin)
            let afterBatches = try await tracking.run(id: run.info.id, by: admin)
            #expect(afterBatches.params == ["lr": "0.1", "depth": "4"])
            #expect(Dictionary(uniqueKeysWithValues: afterBatches.latestMetrics.map { ($0.key, $0.value) }) == ["loss": 0.5, "acc": 0.7])
            let tooMany = Tracking.Batch(metrics: (0...1000).map { Metric(key: "m", value: 1, timestamp: 1, step: Int64($0)) })
            await #expect(throws: DomainError.self) { try await tracking.logBatch(runID: run.info.id, tooMany, by: admin) }

            let stored = try await tracking.run(id: run.info.id, by: admin)
            #expect(stored.params == ["lr": "0.1", "depth": "4"])
            #expect(stored.latestMetrics.first { $0.key == "loss" }?.value == 0.5, "latest is the highest step, not the last logged")
            let history = try await tracking.metricHistory(runID: run.info.id, key: "loss", offset: 0, limit: 10, by: admin)
            #expect(history.map(\.step) == [0, 1])

            let other = try await tracking.createRun(.init(experimentID: "1", name: "b", userID: nil, startTime: 6, tags: [:]), by: admin)
            try await tracking.logMetric(runID: other.info.id, Metric(key: "loss", value: 0.1, timestamp: 1, step: 1), by: admin)
            let query = try TrackingQuery.make(.runs, filter: "metrics.loss < 0.3", orderBy: [], maxResults: nil,
                                               defaultMaxResults: 100, maxMaxResults: 1000, pageToken: nil)
            #expect(try await tracking.searchRuns(experimentIDs: ["1"], query, view: .activeOnly, by: admin).items.map(\.info.id) == [other.info.id])
            let ordered = try TrackingQuery.make(.runs, filter: nil, orderBy: ["metrics.loss DESC"], maxResults: 1,
                                                 defaultMaxResults: 100, maxMaxResults: 1000, pageToken: nil)
            let page = try await tracking.searchRuns(experimentIDs: ["1"], ordered, view: .activeOnly, by: admin)
            #expect(page.items.map(\.info.id) == [run.info.id] && page.hasMore)

            try await tracking.deleteRun(id: other.info.id, by: admin)
            #expect(try await tracking.searchRuns(experimentIDs: ["1"], query, view: .activeOnly, by: admin).items.isEmpty)
            await #expect(throws: DomainError.self) {
                try await tracking.logMetric(runID: other.info.id, Metric(key: "x", value: 1, timestamp: 1, step: 0), by: admin)
            }
            // Batches and run updates check the run's state from its row alone: same answers.
            let batch = Tracking.Batch(metrics: [Metric(key: "x", value: 1, timestamp: 1, step: 0)], params: [("p", "1")], tags: [])
            for (id, code) in [(other.info.id, "run_not_active"), ("no-such-run", "run_not_found")] {
                let logged = await #expect(throws: DomainError.self) { try await tracking.logBatch(runID: id, batch, by: admin) }
                #expect(logged?.code == code)
                let updated = await #expect(throws: DomainError.self) {
                    _ = try await tracking.updateRun(id: id, status: .finished, endTime: 9, name: nil, by: admin)
                }
                #expect(updated?.code == code)
            }
            #expect(try await tracking.run(id: other.info.id, by: admin).params.isEmpty, "a refused batch stores nothing")
        }
    }

    @Test(arguments: TestDatabase.all)
    func loggedModelRegistersAsSealedVersion(_ database: TestDatabase) async throws {
        try await withTracking(database) { registry, tracking in
            let run = try await tracking.createRun(.init(experimentID: "0", name: "r", userID: nil, startTime: nil, tags: [:]), by: admin)
            let logged = try await tracking.createLoggedModel(.init(experimentID: "0", name: "model", modelType: nil,
                                                                   sourceRunID: run.info.id, params: [:], tags: [:]), by: admin)
            #expect(logged.artifactURI == "mlflow-artifacts:/0/models/\(logged.id)/artifacts")
            for (file, sha) in [("MLmodel", digest("a1")), ("model.pkl", digest("b2"))] {
                try await tracking.recordArtifact(path: "\(logged.artifactRoot)/\(file)", sha256: sha, size: 3, by: admin)
            }
            #expect(try await tracking.listArtifacts(path: "0/models/\(logged.id)", by: admin).map(\.path) == ["artifacts"])
            #expect(try await tracking.listArtifacts(path: "\(logged.artifactRoot)/MLmodel", by: admin).isEmpty)

            _ = try await registry.createModel(ModelDraft(name: "fraud"), by: admin)
            let draft = Tracking.RegistrationDraft(source: "runs:/\(run.info.id)/model", runID: nil, runLink: nil, description: "", tags: [:])
            let (version, facts) = try await tracking.registerVersion(modelName: "fraud", draft, by: admin)
            #expect(version.status == .ready && version.number == 1 && version.manifestDigest != nil)
            #expect(version.files.map(\.path) == ["MLmodel", "model.pkl"])
            #expect(facts.runID == run.info.id && facts.artifactURI == logged.artifactURI)
            let second = try await tracking.registerVersion(modelName: "fraud", .init(source: "models:/\(logged.id)", runID: nil,
                                                                                     runLink: nil, description: "", tags: [:]), by: admin).0
            #expect(second.manifestDigest == version.manifestDigest)
            await #expect(throws: DomainError.self) {
                _ = try await tracking.registerVersion(modelName: "fraud", .init(source: "s3://bucket/x", runID: nil, runLink: nil,
                                                                                 description: "", tags: [:]), by: admin)
            }

            _ = try await tracking.transitionStage(modelName: "fraud", number: 1, to: .staging, archiveExisting: false, by: admin)
            _ = try await tracking.transitionStage(modelName: "fraud", number: 2, to: .staging, archiveExisting: true, by: admin)
            let latest = try await tracking.latestVersions(modelName: "fraud", stages: nil, by: admin)
            let stages = try await tracking.versionTracking(latest, by: admin)
            #expect(latest.map(\.number) == [1, 2] && stages[latest[0].id]?.stage == .archived && stages[latest[1].id]?.stage == .staging)

            _ = try await registry.setAlias(modelName: "fraud", alias: "champion", version: 2, by: admin)
            try await registry.deleteVersionDetachingAliases(modelName: "fraud", number: 2, by: admin)
            #expect(try await registry.model(named: "fraud", by: admin).aliases.isEmpty)
            let third = try await tracking.registerVersion(modelName: "fraud", draft, by: admin).0
            #expect(third.number == 3, "numbers are never reused")
        }
    }
}
