import Foundation
import SQLKit
import StewardCore

extension SQLLineageAccess {
    func dataset(named name: String) async throws -> RegisteredDataset? {
        try await db.raw("SELECT \(unsafeRaw: Self.datasetColumns) FROM registered_datasets d WHERE d.name = \(bind: name)")
            .all().first.map(decodeDataset)
    }

    func datasets(afterName: String?, limit: Int) async throws -> [RegisteredDataset] {
        var sql: SQLQueryString = "SELECT \(unsafeRaw: Self.datasetColumns) FROM registered_datasets d"
        if let afterName { sql += " WHERE d.name > \(bind: afterName)" }
        sql += " ORDER BY d.name LIMIT \(literal: limit)"
        return try await db.raw(sql).all().map(decodeDataset)
    }

    func insertDataset(_ dataset: RegisteredDataset) async throws {
        // Checked first: on PostgreSQL a failed INSERT would abort the whole transaction.
        if try await self.dataset(named: dataset.name) != nil {
            throw DomainError(.conflict, code: "dataset_already_exists", "Dataset '\(dataset.name)' already exists.")
        }
        try await db.raw("""
            INSERT INTO registered_datasets (id, name, description, owner, source_system, license, tags, last_version,
                                             created_by, created_at, updated_at)
            VALUES (\(bind: dataset.id), \(bind: dataset.name), \(bind: dataset.description), \(bind: dataset.owner),
                    \(bind: dataset.sourceSystem), \(bind: dataset.license), \(bind: jsonText(dataset.tags)),
                    \(bind: Int64(dataset.lastVersion)), \(bind: dataset.createdBy), \(bind: dataset.createdAt.millis),
                    \(bind: dataset.updatedAt.millis))
            """).run()
    }

    func updateDataset(_ dataset: RegisteredDataset) async throws {
        try await db.raw("""
            UPDATE registered_datasets SET description = \(bind: dataset.description), owner = \(bind: dataset.owner),
                source_system = \(bind: dataset.sourceSystem), license = \(bind: dataset.license),
                tags = \(bind: jsonText(dataset.tags)), updated_at = \(bind: dataset.updatedAt.millis)
            WHERE id = \(bind: dataset.id)
            """).run()
    }

    func nextDatasetVersionNumber(datasetID: String) async throws -> Int {
        let rows = try await db.raw("""
            UPDATE registered_datasets SET last_version = last_version + 1 WHERE id = \(bind: datasetID) RETURNING last_version
            """).all()
        guard let row = rows.first else { throw DomainError(.notFound, code: "dataset_not_found", "The dataset does not exist.") }
        return try row.int("last_version")
    }
}
