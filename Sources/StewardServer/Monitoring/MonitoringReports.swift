import Foundation
import Hummingbird
import StewardCore
import StewardMonitoring

/// `GET …/monitoring/drift` and `GET …/monitoring/windows`: reports computed on read from the
/// stored partial profiles (merged), the reference and the joined labels.
struct MonitoringReports: Sendable {
    let monitoring: Monitoring

    func register(on api: RouterGroup<StewardRequestContext>) {
        api.get("\(MonitoringRoutes.version)/drift") { request, context in
            let (from, to) = try Self.range(request)
            let baseline = try Self.baseline(request.queryValue("baseline"))
            let inputs = try await monitoring.reportInputs(try MonitoringRoutes.target(context), from: from, to: to, baseline: baseline,
                                                           by: try context.requirePrincipal())
            return try JSONResponse.make(try DriftReportBody(inputs, from: from, to: to, baseline: baseline))
        }
        api.get("\(MonitoringRoutes.version)/windows") { request, context in
            let (from, to) = try Self.range(request)
            let target = try MonitoringRoutes.target(context)
            let principal = try context.requirePrincipal()
            let limit = max(1, min(try request.queryInt("limit") ?? 168, 1000))
            let listed = try await monitoring.windows(target, from: from, to: to, limit: limit, by: principal)
            let inputs = try await monitoring.reportInputs(target, from: from, to: to, by: principal)
            return try JSONResponse.make(try WindowListBody(listed.windows, inputs: inputs))
        }
    }

    /// `from`/`to` (RFC 3339); by default the last 24 hours.
    static func range(_ request: Request) throws -> (Date, Date) {
        let to = try request.queryValue("to").map { try date($0, field: "to") } ?? Timestamp.now()
        let from = try request.queryValue("from").map { try date($0, field: "from") } ?? to.addingTimeInterval(-86_400)
        guard from < to else { throw DomainError.invalidField("from", "must be before to") }
        return (from, to)
    }

    static func date(_ text: String, field: String) throws -> Date {
        guard let millis = RFC3339.millis(text.utf8) else { throw DomainError.invalidField(field, "must be an RFC 3339 timestamp") }
        return Timestamp.date(milliseconds: millis)
    }

    /// `reference` (default) or `FROM,TO`.
    static func baseline(_ text: String?) throws -> ReportBaseline {
        guard let text, text != "reference" else { return .reference }
        let parts = text.split(separator: ",", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw DomainError.invalidField("baseline", "must be 'reference' or FROM,TO (RFC 3339)") }
        return .windows(from: try date(parts[0], field: "baseline"), to: try date(parts[1], field: "baseline"))
    }
}
