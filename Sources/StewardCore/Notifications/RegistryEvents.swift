import Foundation

/// The registry's outbox events (`version.created`, `version.ready`, `alias.moved`). Each payload
/// names the model, version, alias, the move (from → to), the actor and the time, so a subscriber
/// needs no second call to act on it. Use cases append them in the transaction of the change.
public enum RegistryEvents {
    public static let versionCreated = "version.created"
    public static let versionReady = "version.ready"
    public static let aliasMoved = "alias.moved"

    /// A version was created (`pending`), or imported sealed (then `status` is `ready`).
    public static func versionCreated(_ version: ModelVersion, by principal: Principal, at now: Date) -> DomainEvent {
        event(versionCreated, version, extra: ["status": .string(version.status.rawValue)], by: principal, at: now)
    }

    /// A version was sealed: its manifest is final and aliases may point at it.
    public static func versionReady(_ version: ModelVersion, by principal: Principal, at now: Date) -> DomainEvent {
        event(versionReady, version, extra: ["status": .string(version.status.rawValue),
                                             "manifest_digest": version.manifestDigest.map(JSONValue.string) ?? .null],
              by: principal, at: now)
    }

    /// An alias was set (`from` nil), moved, or deleted (`to` nil).
    public static func aliasMoved(model: String, alias: String, from: Int?, to: Int?, by principal: Principal, at now: Date) -> DomainEvent {
        let action = from == nil ? "set" : (to == nil ? "deleted" : "moved")
        let payload: JSONValue = .object([
            "model": .string(model), "alias": .string(alias), "action": .string(action),
            "from": from.map { .number(Double($0)) } ?? .null, "to": to.map { .number(Double($0)) } ?? .null,
            "version": (to ?? from).map { .number(Double($0)) } ?? .null,
            "actor": .string(principal.name), "time": .string(Timestamp.format(now)),
        ])
        return DomainEvent(type: aliasMoved, model: model, payload: payload, createdAt: now)
    }

    static func event(_ type: String, _ version: ModelVersion, extra: [String: JSONValue], by principal: Principal, at now: Date) -> DomainEvent {
        var fields: [String: JSONValue] = [
            "model": .string(version.modelName), "version": .number(Double(version.number)),
            "actor": .string(principal.name), "time": .string(Timestamp.format(now)),
        ]
        fields.merge(extra) { _, new in new }
        return DomainEvent(type: type, model: version.modelName, payload: .object(fields), createdAt: now)
    }
}
