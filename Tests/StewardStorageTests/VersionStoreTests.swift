import Foundation
import StewardCore
import StewardTestSupport
import Testing

@Suite("Model versions, files and aliases (storage, both databases)")
struct VersionStoreTests {
    @Test(arguments: TestDatabase.all)
    func numbersAreMonotonicAndNeverReused(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            _ = try await registry.createModel(ModelDraft(name: "m"), by: admin)
            for expected in 1...3 { #expect(try await registry.createVersion(modelName: "m", VersionDraft(), by: admin).number == expected) }
            try await registry.deleteVersion(modelName: "m", number: 3, by: admin)
            #expect(await errorCode { _ = try await registry.version(modelName: "m", number: 3, by: admin) } == "version_not_found")
            #expect(try await registry.createVersion(modelName: "m", VersionDraft(), by: admin).number == 4)
        }
    }

    @Test(arguments: TestDatabase.all)
    func concurrentCreatesGetDistinctNumbers(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            _ = try await registry.createModel(ModelDraft(name: "m"), by: admin)
            let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<16 { group.addTask { try await registry.createVersion(modelName: "m", VersionDraft(), by: admin).number } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(numbers.sorted() == Array(1...16))
        }
    }

    @Test(arguments: TestDatabase.all)
    func sealingFreezesTheManifest(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            _ = try await registry.createModel(ModelDraft(name: "m"), by: admin)
            let version = try await registry.createVersion(modelName: "m", VersionDraft(params: ["lr": "0.1"], metrics: ["auc": 0.9]), by: admin)
            #expect(version.status == .pending)
            #expect(await errorCode { _ = try await registry.finalizeVersion(modelName: "m", number: 1, by: admin) } == "version_empty")
            let path = try ArtifactPath("model/weights.bin")
            #expect(try await registry.attachFile(modelName: "m", number: 1, path: path, sha256: digest("a"), size: 1, by: admin).replaced == false)
            #expect(try await registry.attachFile(modelName: "m", number: 1, path: path, sha256: digest("b"), size: 2, by: admin).replaced == true)
            _ = try await registry.attachFile(modelName: "m", number: 1, path: try ArtifactPath("MLmodel"), sha256: digest("c"), size: 3, by: admin)
            _ = try await registry.attachFile(modelName: "m", number: 1, path: try ArtifactPath("extra"), sha256: digest("d"), size: 4, by: admin)
            try await registry.removeFile(modelName: "m", number: 1, path: try ArtifactPath("extra"), by: admin)

            let sealed = try await registry.finalizeVersion(modelName: "m", number: 1, by: admin)
            #expect(sealed.status == .ready && sealed.sealedAt != nil)
            #expect(sealed.files.map(\.path) == ["MLmodel", "model/weights.bin"])
            #expect(sealed.files.last == FileEntry(path: "model/weights.bin", sha256: digest("b"), size: 2))
            #expect(sealed.manifestDigest == Manifest.digest(of: sealed.files))
            // Idempotent.
            #expect(try await registry.finalizeVersion(modelName: "m", number: 1, by: admin).manifestDigest == sealed.manifestDigest)

            #expect(await errorCode { _ = try await registry.prepareUpload(modelName: "m", number: 1, by: admin) } == "version_sealed")
            #expect(await errorCode { _ = try await registry.attachFile(modelName: "m", number: 1, path: path, sha256: digest("e"), size: 1, by: admin) } == "version_sealed")
            #expect(await errorCode { try await registry.removeFile(modelName: "m", number: 1, path: path, by: admin) } == "version_sealed")
            #expect(await errorCode { _ = try await registry.updateVersion(modelName: "m", number: 1, VersionPatch(metrics: ["auc": 1]), by: admin) } == "version_sealed")
            // Description and tags stay editable.
            let edited = try await registry.updateVersion(modelName: "m", number: 1, VersionPatch(description: "ok", tags: ["k": "v"]), by: admin)
            #expect(edited.description == "ok" && edited.tags == ["k": "v"] && edited.metrics == ["auc": 0.9])
            let reread = try await registry.version(modelName: "m", number: 1, by: admin)
            #expect(reread.files == sealed.files && reread.manifestDigest == sealed.manifestDigest)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aliasesPointAtReadyVersionsAndKeepHistory(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            _ = try await registry.createModel(ModelDraft(name: "m"), by: admin)
            try await registry.readyVersion("m")
            try await registry.readyVersion("m")
            _ = try await registry.createVersion(modelName: "m", VersionDraft(), by: admin)
            #expect(await errorCode { _ = try await registry.setAlias(modelName: "m", alias: "prod", version: 3, by: admin) } == "version_not_ready")
            #expect(await errorCode { _ = try await registry.setAlias(modelName: "m", alias: "prod", version: 9, by: admin) } == "version_not_found")
            #expect(await errorCode { _ = try await registry.setAlias(modelName: "m", alias: "v1", version: 1, by: admin) } == "validation_failed")
            #expect(await errorCode { _ = try await registry.resolveAlias(modelName: "m", alias: "prod", by: admin) } == "alias_not_found")

            _ = try await registry.setAlias(modelName: "m", alias: "prod", version: 1, by: admin)
            _ = try await registry.setAlias(modelName: "m", alias: "staging", version: 2, by: admin)
            _ = try await registry.setAlias(modelName: "m", alias: "prod", version: 2, by: admin)
            #expect(try await registry.resolveAlias(modelName: "m", alias: "prod", by: admin).number == 2)
            #expect(try await registry.aliases(modelName: "m", by: admin).map(\.name) == ["prod", "staging"])
            #expect(try await registry.model(named: "m", by: admin).aliases == ["prod": 2, "staging": 2])
            #expect(try await registry.version(modelName: "m", number: 2, by: admin).aliases == ["prod", "staging"])
            #expect(await errorCode { try await registry.deleteVersion(modelName: "m", number: 2, by: admin) } == "version_aliased")

            try await registry.deleteAlias(modelName: "m", alias: "prod", by: admin)
            let history = try await registry.aliasHistory(modelName: "m", alias: "prod", by: admin)
            #expect(history.map(\.action) == [.deleted, .moved, .set])
            #expect(history.map(\.toVersion) == [nil, 2, 1])
            #expect(history.map(\.fromVersion) == [2, 1, nil])
        }
    }

    @Test(arguments: TestDatabase.all)
    func authenticationUsesHashedTokens(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            let token = try #require(try await registry.bootstrapAdminToken())
            #expect(token.hasPrefix("stw_"))
            #expect(try await registry.bootstrapAdminToken() == nil)
            #expect(try await registry.authenticate(token: token).isAdmin)
            #expect(await errorCode { _ = try await registry.authenticate(token: token + "x") } == "unauthenticated")
            #expect(await errorCode { _ = try await registry.authenticate(token: "") } == "unauthenticated")
        }
    }
}
