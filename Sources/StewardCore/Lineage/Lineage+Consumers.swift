import Foundation

extension Lineage {
    /// Who still uses a model version: every consumer that resolved it (through an alias, on
    /// either door), with counts per day over the last `days` days and when it was last seen.
    public func consumers(modelName: String, number: Int, days: Int = 30, by principal: Principal) async throws -> VersionConsumers {
        try Self.checkNumber(number)
        guard (1...366).contains(days) else { throw DomainError.invalidField("days", "must be between 1 and 366") }
        let since = String(Timestamp.format(clock().addingTimeInterval(-Double(days - 1) * 86_400)).prefix(10))
        return try await store.read { tx in
            let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .readModel)
            let version = try await Registry.requireVersion(tx.registryReader, model, number)
            let rows = try await tx.lineageReader.versionConsumption(versionID: version.id)
            return VersionConsumers(model: model.name, version: number, since: since, windowDays: days, rows: rows)
        }
    }
}
