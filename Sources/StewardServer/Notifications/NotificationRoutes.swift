import Hummingbird
import StewardCore
import StewardStorage

/// Registers the notification doors: who uses a version, subscriptions and their deliveries, the feed.
enum NotificationRoutes {
    static func register(_ parts: ApplicationParts, lineage: Lineage, configuration: ServerConfiguration,
                         on api: RouterGroup<StewardRequestContext>) {
        let notifications = Notifications(store: SQLNotificationStore(backend: parts.backend, audit: parts.auditSealer),
                                          allowPrivateWebhooks: configuration.webhooks.allowPrivate)
        ConsumerRoutes(lineage: lineage).register(on: api)
        SubscriptionRoutes(notifications: notifications).register(on: api)
        FeedRoutes(notifications: notifications).register(on: api)
    }
}
