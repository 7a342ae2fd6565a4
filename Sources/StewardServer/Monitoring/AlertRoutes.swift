import Foundation
import Hummingbird
import StewardCore
import StewardStorage

/// Handlers of metric series, alert rules and alerts (see openapi.yaml, tag Monitoring). Rules live
/// in `MonitoringAlerts` (StewardCore); these only translate HTTP.
struct AlertRoutes: Sendable {
    let alerts: MonitoringAlerts

    func register(on api: RouterGroup<StewardRequestContext>) {
        api.get("models/:name/versions/:version/monitoring/series") { request, context in
            let name = try context.parameters.decoded("name"), number = try context.parameters.versionNumber()
            guard let metric = request.queryValue("metric"), !metric.isEmpty else { throw DomainError.invalidField("metric", "is required") }
            let feature = request.queryValue("feature").flatMap { $0.isEmpty ? nil : $0 }
            let points = try await alerts.series(modelName: name, version: number, metric: metric, feature: feature,
                                                 from: try Self.time(request, "from"), to: try Self.time(request, "to"),
                                                 limit: try request.queryInt("max_results") ?? 1000, by: try context.requirePrincipal())
            return try JSONResponse.make(JSONValue.object([
                "model": .string(name), "version": .number(Double(number)), "metric": .string(metric),
                "feature": feature.map(JSONValue.string) ?? .null, "points": .array(points.map(AlertWire.point)),
            ]))
        }
        api.get("models/:name/versions/:version/monitoring/metrics") { _, context in
            let list = try await alerts.metricNames(modelName: try context.parameters.decoded("name"), version: try context.parameters.versionNumber(),
                                                    by: try context.requirePrincipal())
            return try JSONResponse.make(JSONValue.object(["metrics": .array(list.map(AlertWire.seriesInfo))]))
        }
        api.post("models/:name/versions/:version/monitoring/metrics") { request, context in
            let body = try await request.decodeJSON(MetricPointsRequestBody.self, context: context)
            let points = try body.metricPoints(model: try context.parameters.decoded("name"), version: try context.parameters.versionNumber())
            let transitions = try await alerts.recordMetrics(points, by: try context.requirePrincipal())
            return try JSONResponse.make(JSONValue.object(["recorded": .number(Double(points.count)), "transitions": AlertWire.transitions(transitions)]))
        }
        api.get("models/:name/monitoring/rules") { _, context in
            let list = try await alerts.rules(modelName: try context.parameters.decoded("name"), by: try context.requirePrincipal())
            return try JSONResponse.make(JSONValue.object(["rules": .array(list.map { AlertWire.rule($0) })]))
        }
        api.post("models/:name/monitoring/rules") { request, context in
            let body = try await request.decodeJSON(AlertRuleRequestBody.self, context: context)
            let name = try context.parameters.decoded("name")
            let rule = try await alerts.createRule(modelName: name, body.draft, by: try context.requirePrincipal())
            return try JSONResponse.make(AlertWire.rule(rule, showSecret: true), status: .created,
                                         location: "/api/v1/models/\(pathSegment(name))/monitoring/rules/\(pathSegment(rule.name))")
        }
        api.get("models/:name/monitoring/rules/:rule") { _, context in
            let rule = try await alerts.rule(modelName: try context.parameters.decoded("name"), name: try context.parameters.decoded("rule"),
                                             by: try context.requirePrincipal())
            return try JSONResponse.make(AlertWire.rule(rule))
        }
        api.patch("models/:name/monitoring/rules/:rule") { request, context in
            let body = try await request.decodeJSON(AlertRuleRequestBody.self, context: context)
            let rule = try await alerts.updateRule(modelName: try context.parameters.decoded("name"), name: try context.parameters.decoded("rule"),
                                                   body.draft, by: try context.requirePrincipal())
            return try JSONResponse.make(AlertWire.rule(rule, showSecret: body.draft.triggerURL.map { !$0.isEmpty } ?? false))
        }
        api.delete("models/:name/monitoring/rules/:rule") { _, context in
            try await alerts.deleteRule(modelName: try context.parameters.decoded("name"), name: try context.parameters.decoded("rule"),
                                        by: try context.requirePrincipal())
            return JSONResponse.noContent()
        }
        api.get("models/:name/monitoring/alerts") { request, context in
            try await Self.list(alerts, model: try context.parameters.decoded("name"), request, context)
        }
        api.get("monitoring/alerts") { request, context in
            try await Self.list(alerts, model: nil, request, context)
        }
        api.post("models/:name/monitoring/alerts/:alert/acknowledge") { _, context in
            let alert = try await alerts.acknowledge(modelName: try context.parameters.decoded("name"), alertID: try context.parameters.decoded("alert"),
                                                     by: try context.requirePrincipal())
            return try JSONResponse.make(AlertWire.alert(alert))
        }
    }

    static func list(_ alerts: MonitoringAlerts, model: String?, _ request: Request, _ context: StewardRequestContext) async throws -> Response {
        let state: Alert.State? = switch request.queryValue("state") ?? "open" {
        case "all": nil
        case let raw: try Alert.State(rawValue: raw) ?? { throw DomainError.invalidField("state", "must be open, closed or all") }()
        }
        let page = try await alerts.alerts(modelName: model, state: state, pageToken: request.queryValue("page_token"),
                                           limit: try request.queryInt("max_results") ?? 100, by: try context.requirePrincipal())
        return try JSONResponse.make(JSONValue.object(["alerts": .array(page.alerts.map(AlertWire.alert)),
                                                       "next_page_token": page.nextPageToken.map(JSONValue.string) ?? .null]))
    }

    /// An optional RFC 3339 time query value; anything else is a 400.
    static func time(_ request: Request, _ name: String) throws -> Date? {
        guard let raw = request.queryValue(name), !raw.isEmpty else { return nil }
        guard let date = Timestamp.parse(raw) else { throw DomainError.invalidField(name, "must be an RFC 3339 timestamp such as 2025-01-31T00:00:00Z") }
        return date
    }
}

extension ApplicationParts {
    /// The alerting use cases over this process's database (part S's evaluator records through it too).
    func monitoringAlerts(_ configuration: ServerConfiguration) -> MonitoringAlerts {
        MonitoringAlerts(store: SQLAlertStore(backend: backend, audit: auditSealer), allowPrivateWebhooks: configuration.webhooks.allowPrivate)
    }
}
