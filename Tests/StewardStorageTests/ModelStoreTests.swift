import Foundation
import StewardCore
import StewardTestSupport
import Testing

@Suite("Registered models (storage, both databases)")
struct ModelStoreTests {
    @Test(arguments: TestDatabase.all)
    func createGetUpdateRename(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            let created = try await registry.createModel(
                ModelDraft(name: "fraud", description: "Detects fraud", tags: ["team": "risk"], task: "classification",
                           card: .object(["summary": .string("s")])), by: admin)
            #expect(created.lastVersionNumber == 0)
            let read = try await registry.model(named: "fraud", by: admin)
            #expect(read.description == "Detects fraud" && read.tags == ["team": "risk"] && read.task == "classification")
            #expect(read.card == .object(["summary": .string("s")]))

            let updated = try await registry.updateModel(named: "fraud",
                                                         ModelPatch(description: "v2", tags: ["team": nil, "tier": "1"]), by: admin)
            #expect(updated.tags == ["tier": "1"] && updated.description == "v2" && updated.revision == 2)
            #expect(await errorCode { _ = try await registry.updateModel(named: "fraud", ModelPatch(description: "x"), ifMatch: "\"m1\"", by: admin) } == "precondition_failed")
            #expect(try await registry.model(named: "fraud", by: admin).description == "v2")

            try await registry.readyVersion("fraud")
            _ = try await registry.setAlias(modelName: "fraud", alias: "prod", version: 1, by: admin)
            let renamed = try await registry.renameModel(named: "fraud", to: "fraud-v2", by: admin)
            #expect(renamed.name == "fraud-v2")
            #expect(await errorCode { _ = try await registry.model(named: "fraud", by: admin) } == "model_not_found")
            // Versions and aliases follow the rename.
            #expect(try await registry.resolveAlias(modelName: "fraud-v2", alias: "prod", by: admin).modelName == "fraud-v2")
        }
    }

    @Test(arguments: TestDatabase.all)
    func namesAreUniqueAndCaseSensitive(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            _ = try await registry.createModel(ModelDraft(name: "Churn"), by: admin)
            _ = try await registry.createModel(ModelDraft(name: "churn"), by: admin)
            #expect(await errorCode { _ = try await registry.createModel(ModelDraft(name: "Churn"), by: admin) } == "model_already_exists")
            _ = try await registry.createModel(ModelDraft(name: "other"), by: admin)
            #expect(await errorCode { _ = try await registry.renameModel(named: "other", to: "churn", by: admin) } == "model_already_exists")
            #expect(try await registry.listModels(registry.query(.models), by: admin).items.map(\.name) == ["Churn", "churn", "other"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func invalidNamesChangeNothing(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            for bad in ["", String(repeating: "a", count: 257), "a/b", "tab\there", "nul\u{0}", " lead", "trail ", "bell\u{7}"] {
                #expect(await errorCode { _ = try await registry.createModel(ModelDraft(name: bad), by: admin) } == "validation_failed")
            }
            _ = try await registry.createModel(ModelDraft(name: String(repeating: "é", count: 256)), by: admin)
            #expect(try await registry.listModels(registry.query(.models), by: admin).items.count == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func deleteIsRefusedWhileVersionsAreLive(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            _ = try await registry.createModel(ModelDraft(name: "m"), by: admin)
            try await registry.readyVersion("m")
            #expect(await errorCode { try await registry.deleteModel(named: "m", force: false, by: admin) } == "model_has_live_versions")
            let maintainer = Principal(id: "x", name: "x", kind: .user, roles: [.maintainer], authenticatedBy: "t")
            #expect(await errorCode { try await registry.deleteModel(named: "m", force: true, by: maintainer) } == "forbidden")
            _ = try await registry.model(named: "m", by: admin)
            try await registry.deleteModel(named: "m", force: true, by: admin)
            #expect(await errorCode { _ = try await registry.model(named: "m", by: admin) } == "model_not_found")
            // Deleting versions first allows a normal delete.
            _ = try await registry.createModel(ModelDraft(name: "n"), by: admin)
            try await registry.readyVersion("n")
            try await registry.deleteVersion(modelName: "n", number: 1, by: admin)
            try await registry.deleteModel(named: "n", force: false, by: admin)
        }
    }
}
