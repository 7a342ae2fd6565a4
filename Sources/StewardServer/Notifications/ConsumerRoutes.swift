import Hummingbird
import StewardCore

/// `GET /models/{name}/versions/{version}/consumers`: who still uses a version.
struct ConsumerRoutes: Sendable {
    let lineage: Lineage

    func register(on api: RouterGroup<StewardRequestContext>) {
        api.get("models/:name/versions/:version/consumers") { request, context in
            let consumers = try await lineage.consumers(modelName: try context.parameters.decoded("name"), number: try context.parameters.versionNumber(),
                                                        days: try request.queryInt("days") ?? 30, by: try context.requirePrincipal())
            return try JSONResponse.make(VersionConsumersBody(consumers))
        }
    }
}

/// `VersionConsumers` in openapi.yaml.
struct VersionConsumersBody: Encodable {
    struct Day: Encodable {
        var day: String
        var count: Int64
    }
    struct Consumer: Encodable {
        var consumer: String
        var consumerID: String
        var count: Int64
        var total: Int64
        var lastSeen: String
        var days: [Day]
        enum CodingKeys: String, CodingKey { case consumer, count, total, days, consumerID = "consumer_id", lastSeen = "last_seen" }
    }
    var model: String
    var version: Int
    var since: String
    var windowDays: Int
    var consumers: [Consumer]
    enum CodingKeys: String, CodingKey { case model, version, since, consumers, windowDays = "window_days" }

    init(_ value: VersionConsumers) {
        model = value.model
        version = value.version
        since = value.since
        windowDays = value.windowDays
        consumers = value.consumers.map {
            Consumer(consumer: $0.consumerName, consumerID: $0.consumerID, count: $0.windowCount, total: $0.totalCount,
                     lastSeen: Timestamp.format($0.lastSeen), days: $0.days.map { Day(day: $0.day, count: $0.count) })
        }
    }
}
