import Crypto
import Foundation

/// Before/after summaries for audit entries: the fields a reviewer needs to see what changed, not
/// whole documents (model cards and schemas are summarised by digest).
extension RegisteredModel {
    public var auditSummary: JSONValue {
        var fields: [String: JSONValue] = [
            "name": .string(name), "description": .string(description), "visibility": .string(visibility.rawValue),
            "tags": .object(tags.mapValues(JSONValue.string)), "card_sha256": .string(AuditDigest.of(card)),
        ]
        if let owner { fields["owner"] = .string(owner) }
        if let task { fields["task"] = .string(task) }
        if let framework { fields["framework"] = .string(framework) }
        return .object(fields)
    }
}

extension ModelVersion {
    public var auditSummary: JSONValue {
        var fields: [String: JSONValue] = [
            "version": .number(Double(number)), "status": .string(status.rawValue), "description": .string(description),
            "tags": .object(tags.mapValues(JSONValue.string)), "params": .object(params.mapValues(JSONValue.string)),
            "metrics": .object(metrics.mapValues(JSONValue.number)), "files": .number(Double(files.count)),
        ]
        if let source { fields["source"] = .string(source) }
        if let manifestDigest { fields["manifest_digest"] = .string(manifestDigest) }
        if let inputSchema { fields["input_schema_sha256"] = .string(AuditDigest.of(inputSchema)) }
        if let outputSchema { fields["output_schema_sha256"] = .string(AuditDigest.of(outputSchema)) }
        return .object(fields)
    }
}

/// Helpers for summaries.
public enum AuditDigest {
    /// SHA-256 of a JSON document's canonical text, hex.
    public static func of(_ value: JSONValue) -> String {
        Data(SHA256.hash(data: Data(CanonicalJSON.encode(value).utf8))).hex
    }

    /// Only the top-level fields that differ between two object summaries.
    public static func changes(_ before: JSONValue, _ after: JSONValue) -> (before: JSONValue, after: JSONValue) {
        guard case .object(let old) = before, case .object(let new) = after else { return (before, after) }
        var changedOld: [String: JSONValue] = [:], changedNew: [String: JSONValue] = [:]
        for key in Set(old.keys).union(new.keys) where old[key] != new[key] {
            changedOld[key] = old[key] ?? .null
            changedNew[key] = new[key] ?? .null
        }
        return (.object(changedOld), .object(changedNew))
    }
}

extension RegistryWriter {
    /// Appends the audit entry of a change made in this transaction.
    public func audit(_ action: String, _ target: AuditTarget, before: JSONValue? = nil, after: JSONValue? = nil,
                      by principal: Principal, at date: Date) async throws {
        try await appendAudit(AuditRecord(action, target: target, before: before, after: after, by: principal, at: date))
    }

    /// Appends an update entry holding only the fields that changed.
    public func auditChange(_ action: String, _ target: AuditTarget, from before: JSONValue, to after: JSONValue,
                            by principal: Principal, at date: Date) async throws {
        let diff = AuditDigest.changes(before, after)
        try await audit(action, target, before: diff.before, after: diff.after, by: principal, at: date)
    }
}

extension Account {
    /// Never includes the password hash.
    public var auditSummary: JSONValue {
        ["name": .string(name), "kind": .string(kind.rawValue), "roles": .array(roles.map(\.rawValue).sorted().map(JSONValue.string)),
         "tier": .string(tier.rawValue), "disabled": .bool(disabled)]
    }
}

extension TrackingWriter {
    /// Appends the audit entry of a tracking change made in this transaction.
    public func audit(_ action: String, _ target: AuditTarget, before: JSONValue? = nil, after: JSONValue? = nil,
                      by principal: Principal, at date: Date) async throws {
        try await registryWriter.audit(action, target, before: before, after: after, by: principal, at: date)
    }
}
