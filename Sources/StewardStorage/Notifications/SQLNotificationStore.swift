import SQLKit
import StewardCore

/// The notification store over SQLKit, for SQLite and PostgreSQL. Its transactions carry the
/// registry writer (audit entries) like the tracking store's do.
public struct SQLNotificationStore: NotificationStore {
    public let backend: any DatabaseBackend
    public let auditSealer: AuditSealer

    public init(backend: any DatabaseBackend, audit auditSealer: AuditSealer) {
        self.backend = backend
        self.auditSealer = auditSealer
    }

    public func read<R: Sendable>(_ body: @escaping @Sendable (any NotificationReader) async throws -> R) async throws -> R {
        try await backend.readAccess(SQLNotificationAccess.self) { try await body($0) }
    }

    public func write<R: Sendable>(_ body: @escaping @Sendable (any NotificationWriter) async throws -> R) async throws -> R {
        try await backend.writeAccess(SQLNotificationAccess.self, sealer: auditSealer) { try await body($0) }
    }
}

/// Subscription, delivery and feed queries within one connection (and, for writes, one transaction).
struct SQLNotificationAccess: NotificationWriter, SQLStoreAccess {
    let db: any SQLDatabase
    let dialect: SQLDialectKind
    var sealer: AuditSealer? = nil
    var journal: WriteJournal? = nil

    static let subscriptionColumns = """
        s.id, s.subject_kind, s.subject_key, s.subject_name, s.model, s.event_types, s.webhook_url, s.webhook_secret, s.feed,
        s.enabled, s.description, s.created_by, s.created_at, s.updated_at
        """

    static func decodeSubscription(_ row: any SQLRow) throws -> Subscription {
        let key = try row.string("subject_key")
        let name = try row.string("subject_name")
        let subject: SubscriptionSubject = try row.string("subject_kind") == "team"
            ? .team(name: name) : .account(id: String(key.dropFirst("account:".count)), name: name)
        return Subscription(id: try row.string("id"), subject: subject, model: try row.optionalString("model"),
                            eventTypes: try row.json("event_types", as: [String].self), webhookURL: try row.optionalString("webhook_url"),
                            webhookSecret: try row.optionalString("webhook_secret"), feed: try row.int64("feed") != 0,
                            enabled: try row.int64("enabled") != 0, description: try row.string("description"),
                            createdBy: try row.string("created_by"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func decodeEvent(_ row: any SQLRow, prefix: String = "") throws -> DomainEvent {
        DomainEvent(id: try row.string(prefix + "id"), type: try row.string(prefix + "type"), model: try row.optionalString(prefix + "model"),
                    payload: try row.optionalJSON(prefix + "payload") ?? .null, createdAt: try row.date(prefix + "created_at"))
    }
}
