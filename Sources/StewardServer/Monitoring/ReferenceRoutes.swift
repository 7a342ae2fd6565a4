import Foundation
import Hummingbird
import StewardCore
import StewardMonitoring

/// `PUT/GET …/monitoring/reference`. A CSV (`text/csv`) or NDJSON body with `?dataset=NAME&dataset_version=N`
/// profiles that registered dataset version's file (its SHA-256 must equal the version's digest);
/// a JSON body `{"from": …, "to": …}` takes the production windows starting in that range.
struct ReferenceRoutes: Sendable {
    let monitoring: Monitoring
    let maxReferenceBytes: Int

    struct WindowRange: Decodable {
        let from: String
        let to: String
    }

    func register(on api: RouterGroup<StewardRequestContext>) {
        api.put("\(MonitoringRoutes.version)/reference") { request, context in
            let target = try MonitoringRoutes.target(context)
            let principal = try context.requirePrincipal()
            let type = request.headers[.contentType]?.lowercased() ?? ""
            let record: ReferenceRecord
            if type.hasPrefix("application/json") {
                let range = try await request.decodeJSON(WindowRange.self, context: context)
                record = try await monitoring.setReference(target, windowsFrom: try MonitoringReports.date(range.from, field: "from"),
                                                           to: try MonitoringReports.date(range.to, field: "to"), by: principal) { partials in
                    let merged = SketchProfiler.merge(partials).profile
                    return BuiltReference(rows: merged.rows, profile: merged.encoded())
                }
            } else if type.hasPrefix("text/csv") || (try? MonitoringBody.isNDJSON(request)) == true {
                guard let dataset = request.queryValue("dataset"), let number = try request.queryInt("dataset_version") else {
                    throw DomainError.invalidField("dataset", "name the dataset version the file is: ?dataset=NAME&dataset_version=N")
                }
                let ndjson = !type.hasPrefix("text/csv")
                let (limit, prediction) = (maxReferenceBytes, request.queryValue("prediction_column"))
                record = try await monitoring.setReference(target, dataset: DatasetVersionRef(dataset: dataset, version: number), by: principal) { columns, settings in
                    try await ReferenceUpload.build(request, ndjson: ndjson, maxBytes: limit, predictionColumn: prediction, columns: columns, settings: settings)
                }
            } else {
                throw DomainError(.unsupportedMedia, code: "unsupported_media_type",
                                  "Send a dataset file (text/csv or application/x-ndjson) or a window range (application/json).")
            }
            return try JSONResponse.make(try ReferenceBody(record))
        }
        api.get("\(MonitoringRoutes.version)/reference") { _, context in
            guard let record = try await monitoring.reference(try MonitoringRoutes.target(context), by: try context.requirePrincipal()) else {
                throw DomainError(.notFound, code: "reference_not_set", "The version has no reference profile.")
            }
            return try JSONResponse.make(try ReferenceBody(record))
        }
    }
}

/// A reference profile as shown: where it came from and what it holds.
struct ReferenceBody: Encodable {
    struct Feature: Encodable {
        let name: String
        let kind: String
        let count: Int
        let missing: Int
    }

    let source: JSONValue
    let rows: Int
    let features: [Feature]
    let createdAt: String
    let createdBy: String

    init(_ record: ReferenceRecord) throws {
        let profile = try WindowProfile(encoded: record.profile)
        source = record.source
        rows = record.rows
        features = profile.features.sorted { $0.key < $1.key }.map {
            Feature(name: $0.key, kind: $0.value.kind.rawValue, count: $0.value.count, missing: $0.value.missing)
        }
        createdAt = Timestamp.format(record.createdAt)
        createdBy = record.createdBy
    }

    enum CodingKeys: String, CodingKey { case source, rows, features, createdAt = "created_at", createdBy = "created_by" }
}
