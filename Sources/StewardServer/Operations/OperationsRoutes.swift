import Foundation
import Hummingbird
import Prometheus
import StewardAPI
import StewardCore
import Yams

/// Unauthenticated operational endpoints: liveness, readiness, metrics and the API document.
struct OperationsRoutes: Sendable {
    let registry: Registry
    let metrics: PrometheusCollectorRegistry
    /// The OpenAPI document converted to JSON once at start.
    let openAPIJSON: ByteBuffer

    func register(on router: Router<StewardRequestContext>) {
        router.get("healthz") { _, _ in try JSONResponse.make(["status": "ok"]) }
        router.get("readyz") { _, context in
            do {
                try await registry.store.checkReady()
            } catch {
                context.logger.warning("readiness check failed", metadata: ["error": "\(error)"])
                throw DomainError(.unavailable, code: "unavailable", "The database is not reachable.")
            }
            return try JSONResponse.make(["status": "ok"])
        }
        router.get("metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
        router.get("openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: openAPIJSON))
        }
    }

    /// Converts the bundled YAML document to JSON.
    static func loadOpenAPIJSON() throws -> ByteBuffer {
        guard let object = try Yams.load(yaml: OpenAPIDocument.yaml()) else { return ByteBuffer(string: "{}") }
        let data = try JSONSerialization.data(withJSONObject: Self.jsonCompatible(object), options: [.sortedKeys])
        return ByteBuffer(bytes: data)
    }

    /// Yams yields `[AnyHashable: Any]` for mappings; JSONSerialization needs string keys.
    private static func jsonCompatible(_ value: Any) -> Any {
        switch value {
        case let dictionary as [AnyHashable: Any]:
            var result: [String: Any] = [:]
            for (key, item) in dictionary { result["\(key.base)"] = jsonCompatible(item) }
            return result
        case let dictionary as [String: Any]:
            return dictionary.mapValues(jsonCompatible)
        case let array as [Any]:
            return array.map(jsonCompatible)
        default:
            return value
        }
    }
}
