import Foundation

/// Something that happened in the domain that other systems subscribe to (`taint.flagged`,
/// `taint.cleared`, …). Use cases append it to the transactional outbox in the same transaction as
/// the change, so an event is delivered exactly when its change committed; a deliverer (issue 6)
/// reads the outbox and sends it on.
public struct DomainEvent: Sendable, Equatable {
    public var id: String
    /// Dotted type, e.g. `taint.flagged`.
    public var type: String
    /// The model the event is about, when it is about one (subscriptions are per model).
    public var model: String?
    public var payload: JSONValue
    public var createdAt: Date

    public init(id: String = UUID().uuidString.lowercased(), type: String, model: String?, payload: JSONValue, createdAt: Date) {
        self.id = id
        self.type = type
        self.model = model
        self.payload = payload
        self.createdAt = createdAt
    }
}
