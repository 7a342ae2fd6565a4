import Foundation

extension Monitoring {
    /// Sets a version's monitor settings (window width, task, kinds, positive class, drift
    /// overrides). Audited: it changes what every later report says. The door checks beforehand
    /// that the drift overrides decode (their type lives in StewardMonitoring).
    public func configure(_ target: MonitorTarget, _ settings: MonitorSettings, by principal: Principal) async throws -> MonitorRecord {
        try settings.validate()
        let now = clock()
        return try await store.write { tx in
            let (model, version) = try await Self.requireTarget(tx.registryReader, target, principal, .updateModel)
            _ = try InputSchema.columns(version.inputSchema) // a schema monitoring cannot read is refused up front
            let before = try await tx.monitor(versionID: version.id)
            let record = MonitorRecord(versionID: version.id, settings: settings, updatedAt: now, updatedBy: principal.name)
            try await tx.putMonitor(record)
            try await tx.registryWriter.audit("monitoring.configure", .version(model.name, version.number),
                                              before: before?.settings.auditSummary, after: settings.auditSummary, by: principal, at: now)
            return record
        }
    }

    /// A version's monitor settings (defaults when never configured) and whether they were set.
    public func settings(_ target: MonitorTarget, by principal: Principal) async throws -> (model: String, version: Int, record: MonitorRecord?, settings: MonitorSettings) {
        try await store.read { tx in
            let (model, version) = try await Self.requireTarget(tx.registryReader, target, principal, .readModel)
            let record = try await tx.monitor(versionID: version.id)
            return (model.name, version.number, record, record?.settings ?? MonitorSettings())
        }
    }
}
