import Hummingbird
import StewardCore

/// Handlers of the subscription API (see openapi.yaml): subscribe, list, change and unsubscribe;
/// read a webhook's delivery history and replay it from a point.
struct SubscriptionRoutes: Sendable {
    let notifications: Notifications

    func register(on api: RouterGroup<StewardRequestContext>) {
        api.post("subscriptions") { request, context in
            let body = try await request.decodeJSON(SubscriptionCreateBody.self, context: context)
            let subscription = try await notifications.createSubscription(body.draft, by: try context.requirePrincipal())
            return try JSONResponse.make(SubscriptionBody(subscription: subscription, showSecret: true), status: .created,
                                         location: "/api/v1/subscriptions/\(subscription.id)")
        }
        api.get("subscriptions") { request, context in
            let list = try await notifications.subscriptions(all: try request.queryBool("all"), by: try context.requirePrincipal())
            return try JSONResponse.make(["subscriptions": list.map { SubscriptionBody(subscription: $0) }])
        }
        api.get("subscriptions/:subscription") { _, context in
            let subscription = try await notifications.subscription(id: try context.parameters.decoded("subscription"),
                                                                     by: try context.requirePrincipal())
            return try JSONResponse.make(SubscriptionBody(subscription: subscription))
        }
        api.patch("subscriptions/:subscription") { request, context in
            let body = try await request.decodeJSON(SubscriptionUpdateBody.self, context: context)
            let subscription = try await notifications.updateSubscription(id: try context.parameters.decoded("subscription"), body.patch,
                                                                           by: try context.requirePrincipal())
            return try JSONResponse.make(SubscriptionBody(subscription: subscription))
        }
        api.delete("subscriptions/:subscription") { _, context in
            try await notifications.deleteSubscription(id: try context.parameters.decoded("subscription"), by: try context.requirePrincipal())
            return JSONResponse.noContent()
        }
        api.get("subscriptions/:subscription/deliveries") { request, context in
            let state = try request.queryValue("state").map { raw in
                guard let state = WebhookDelivery.State(rawValue: raw) else {
                    throw DomainError.invalidField("state", "must be pending, delivered or dead")
                }
                return state
            }
            let page = try await notifications.deliveries(subscriptionID: try context.parameters.decoded("subscription"), state: state,
                                                          before: try request.sequenceToken(), limit: try request.queryInt("max_results") ?? 50,
                                                          by: try context.requirePrincipal())
            return try JSONResponse.make(DeliveryPageBody(deliveries: page.deliveries.map { DeliveryBody(delivery: $0) },
                                                          nextPageToken: page.next.map(String.init)))
        }
        api.post("subscriptions/:subscription/replay") { request, context in
            let body = try await request.decodeJSON(ReplayBody.self, context: context)
            let count = try await notifications.replay(subscriptionID: try context.parameters.decoded("subscription"), from: try body.start,
                                                       by: try context.requirePrincipal())
            return try JSONResponse.make(["requeued": count])
        }
    }
}

/// `DeliveryPage` in openapi.yaml.
struct DeliveryPageBody: Encodable {
    var deliveries: [DeliveryBody]
    var nextPageToken: String?
    enum CodingKeys: String, CodingKey { case deliveries, nextPageToken = "next_page_token" }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(deliveries, forKey: .deliveries)
        try c.encode(nextPageToken, forKey: .nextPageToken)
    }
}

extension Request {
    /// A `page_token` that holds an event sequence number (feed and delivery pages).
    func sequenceToken() throws -> Int64? {
        guard let raw = queryValue("page_token"), !raw.isEmpty else { return nil }
        guard let value = Int64(raw), value >= 0 else { throw DomainError(.invalid, code: "invalid_page_token", "The page token is not valid.") }
        return value
    }
}
