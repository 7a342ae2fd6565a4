import Foundation

/// One sealed entry of the audit log: its position, the canonical JSON it was hashed over, and the
/// signed head of the tree it completed. Entries are never updated or deleted.
public struct AuditEntry: Sendable, Equatable {
    /// Zero-based position in the log (the RFC 9162 leaf index).
    public var index: Int64
    /// The canonical JSON text (`CanonicalJSON`); the leaf hash is taken over its UTF-8 bytes.
    public var body: String
    /// The root of the tree of the first `index + 1` entries.
    public var rootHash: Data
    /// Ed25519 signature of that tree head (`AuditCheckpoint.message`).
    public var signature: Data
    /// Fields copied out of `body` for filtering.
    public var time: Date
    public var actorID: String
    public var actorName: String
    public var action: String
    public var target: AuditTarget

    public init(index: Int64, body: String, rootHash: Data, signature: Data, time: Date, actorID: String,
                actorName: String, action: String, target: AuditTarget) {
        self.index = index
        self.body = body
        self.rootHash = rootHash
        self.signature = signature
        self.time = time
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.target = target
    }

    public var leafHash: Data { MerkleTree.leafHash(Data(body.utf8)) }

    /// The signed tree head this entry completed.
    public var checkpoint: AuditCheckpoint {
        AuditCheckpoint(treeSize: index + 1, rootHash: rootHash, signature: signature)
    }

    /// The canonical body of a record at a position.
    public static func canonicalBody(_ record: AuditRecord, index: Int64) -> String {
        var actor: [String: JSONValue] = ["id": .string(record.actor.id), "name": .string(record.actor.name),
                                          "kind": .string(record.actor.kind.rawValue), "auth": .string(record.actor.authenticatedBy)]
        if !record.actor.roles.isEmpty { actor["roles"] = .array(record.actor.roles.map(\.rawValue).sorted().map(JSONValue.string)) }
        var target: [String: JSONValue] = ["type": .string(record.target.type), "id": .string(record.target.id)]
        if let model = record.target.model { target["model"] = .string(model) }
        if let version = record.target.version { target["version"] = .number(Double(version)) }
        if let dataset = record.target.dataset { target["dataset"] = .string(dataset) }
        var body: [String: JSONValue] = [
            "index": .number(Double(index)), "time": .string(Timestamp.format(record.at)),
            "action": .string(record.action), "actor": .object(actor), "target": .object(target),
        ]
        if let before = record.before { body["before"] = before }
        if let after = record.after { body["after"] = after }
        if let origin = record.actor.origin {
            body["request_id"] = .string(origin.requestID)
            body["door"] = .string(origin.door)
            if let address = origin.clientAddress { body["client_address"] = .string(address) }
            if let agent = origin.userAgent { body["user_agent"] = .string(agent) }
        }
        return CanonicalJSON.encode(.object(body))
    }
}

/// A signed tree head: "the log had `treeSize` entries and this root".
public struct AuditCheckpoint: Sendable, Equatable, Codable {
    public var treeSize: Int64
    public var rootHash: Data
    public var signature: Data

    public init(treeSize: Int64, rootHash: Data, signature: Data) {
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.signature = signature
    }

    /// The bytes that are signed (in the spirit of the C2SP signed-note checkpoint body).
    public static func message(treeSize: Int64, rootHash: Data) -> Data {
        Data("steward-audit-log/v1\n\(treeSize)\n\(rootHash.base64EncodedString())\n".utf8)
    }

    /// True when `signature` is a valid signature of this head by `publicKey`.
    public func isSigned(by publicKey: AuditPublicKey) -> Bool {
        publicKey.isValidSignature(signature, for: Self.message(treeSize: treeSize, rootHash: rootHash))
    }
}

/// Filters for reading and exporting the trail. All conditions must hold.
public struct AuditQuery: Sendable, Equatable {
    public var from: Date?
    public var to: Date?
    public var actor: String?
    /// An exact action, or a prefix ending in `.` / `*` (`model.` matches every model action).
    public var action: String?
    public var model: String?
    public var version: Int?
    public var dataset: String?
    /// Only entries after this index (paging cursor).
    public var afterIndex: Int64?
    public var limit: Int

    public init(from: Date? = nil, to: Date? = nil, actor: String? = nil, action: String? = nil, model: String? = nil,
                version: Int? = nil, dataset: String? = nil, afterIndex: Int64? = nil, limit: Int = 100) {
        self.from = from
        self.to = to
        self.actor = actor
        self.action = action
        self.model = model
        self.version = version
        self.dataset = dataset
        self.afterIndex = afterIndex
        self.limit = limit
    }

    /// True when any filter (other than paging) is set: an export of a filtered trail carries an
    /// inclusion proof per entry.
    public var isFiltered: Bool {
        from != nil || to != nil || actor != nil || action != nil || model != nil || version != nil || dataset != nil
    }
}
