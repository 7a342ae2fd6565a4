import Foundation
import Hummingbird
import StewardCore
import StewardStorage

/// Handlers of `…/monitoring…` under a model version (and, for ingest, under an alias, resolved
/// when the batch arrives). Each handler translates between HTTP and a `Monitoring` use case.
struct MonitoringRoutes: Sendable {
    let monitoring: Monitoring
    let reports: MonitoringReports
    let references: ReferenceRoutes

    static let version = "models/:name/versions/:version/monitoring"
    static let alias = "models/:name/aliases/:alias/monitoring"

    func register(on api: RouterGroup<StewardRequestContext>) {
        for base in [Self.version, Self.alias] {
            api.post("\(base)/predictions") { request, context in
                let ndjson = try MonitoringBody.isNDJSON(request)
                let result = try await monitoring.ingest(try Self.target(context), by: try context.requirePrincipal()) { columns, _ in
                    let body = try await MonitoringBody.bytes(request, context: context)
                    var parser = PredictionBatchParser(columns: columns)
                    return try parser.parse(body, ndjson: ndjson)
                }
                return try JSONResponse.make(IngestResultBody(result))
            }
            api.post("\(base)/labels") { request, context in
                let ndjson = try MonitoringBody.isNDJSON(request)
                let result = try await monitoring.labels(try Self.target(context), by: try context.requirePrincipal()) {
                    try LabelBatchParser.parse(try await MonitoringBody.bytes(request, context: context), ndjson: ndjson)
                }
                return try JSONResponse.make(LabelResultBody(result))
            }
        }
        api.put("\(Self.version)") { request, context in
            let body = try await request.decodeJSON(MonitorSettingsBody.self, context: context)
            let record = try await monitoring.configure(try Self.target(context), try body.settings(), by: try context.requirePrincipal())
            return try JSONResponse.make(MonitorBody(settings: record.settings, record: record))
        }
        api.get("\(Self.version)") { _, context in
            let found = try await monitoring.settings(try Self.target(context), by: try context.requirePrincipal())
            return try JSONResponse.make(MonitorBody(settings: found.settings, record: found.record))
        }
        api.get("\(Self.version)/rejected") { request, context in
            let rows = try await monitoring.rejectedRows(try Self.target(context), reason: request.queryValue("reason"),
                                                         after: Int64(try request.queryInt("after") ?? 0),
                                                         limit: try request.queryInt("limit") ?? 100, by: try context.requirePrincipal())
            return try JSONResponse.make(RejectedListBody(rows: rows, limit: try request.queryInt("limit") ?? 100))
        }
        reports.register(on: api)
        references.register(on: api)
    }

    /// The version or alias of the path.
    static func target(_ context: StewardRequestContext) throws -> MonitorTarget {
        let name = try context.parameters.decoded("name")
        if context.parameters.get("alias") != nil { return MonitorTarget(model: name, alias: try context.parameters.decoded("alias")) }
        return MonitorTarget(model: name, version: try context.parameters.versionNumber())
    }
}

/// `GET/PUT …/monitoring`: the settings in force and when they were set.
struct MonitorBody: Encodable {
    let settings: MonitorSettingsBody
    let configured: Bool
    let updatedAt: String?
    let updatedBy: String?

    init(settings: MonitorSettings, record: MonitorRecord?) {
        self.settings = MonitorSettingsBody(settings)
        configured = record != nil
        updatedAt = record.map { Timestamp.format($0.updatedAt) }
        updatedBy = record?.updatedBy
    }

    enum CodingKeys: String, CodingKey { case settings, configured, updatedAt = "updated_at", updatedBy = "updated_by" }
}

/// `GET …/monitoring/rejected`.
struct RejectedListBody: Encodable {
    struct Row: Encodable {
        let sequence: Int64
        let id: String?
        let reason: String
        let detail: String
        let row: String
        let window: String
        let receivedAt: String
        enum CodingKeys: String, CodingKey { case sequence, id, reason, detail, row, window, receivedAt = "received_at" }
    }

    let rows: [Row]
    /// Pass as `after` for the next page; absent on the last page.
    let next: Int64?

    init(rows: [RejectedRow], limit: Int) {
        self.rows = rows.map { Row(sequence: $0.sequence, id: $0.rowID, reason: $0.reason, detail: $0.detail, row: $0.raw,
                                   window: Timestamp.format(Timestamp.date(milliseconds: $0.windowStart)), receivedAt: Timestamp.format($0.receivedAt)) }
        next = rows.count >= max(1, min(limit, 1000)) ? rows.last?.sequence : nil
    }
}

extension ApplicationParts {
    /// The monitoring use cases over this process's database, profiling with StewardMonitoring's sketches.
    var monitoring: Monitoring {
        Monitoring(store: SQLMonitoringStore(backend: backend, audit: auditSealer), profiler: SketchProfiler())
    }
}

extension MonitoringRoutes {
    init(_ monitoring: Monitoring, maxReferenceBytes: Int) {
        self.init(monitoring: monitoring, reports: MonitoringReports(monitoring: monitoring),
                  references: ReferenceRoutes(monitoring: monitoring, maxReferenceBytes: maxReferenceBytes))
    }
}
