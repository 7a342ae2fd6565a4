import Foundation

/// The export formats of the audit trail. Each export carries what is needed to verify it on its
/// own: the signed tree head it was cut at and the public key; every entry with its canonical body
/// and the signed head recorded when it was appended; and, when the export is filtered (a subset),
/// an RFC 9162 inclusion proof per entry against the export's tree head.
///
/// JSON Lines: a header object, then one object per entry with the fields in a fixed order
/// (`index`, `root_hash`, `signature`, optional `proof`, then `entry` last), so a verifier reads the
/// canonical body as the exact bytes after `"entry":`.
///
/// CSV (RFC 4180): columns `record,index,time,actor,action,target_type,target_id,model,version,dataset,root_hash,signature,proof,entry`;
/// the first data row has `record` = `checkpoint` (`index` = tree size, `entry` = public key, `proof` = `filtered`/`complete`).
public enum AuditExport {
    public static let formatName = "steward-audit-export/v1"
    public static let csvHeader = "record,index,time,actor,action,target_type,target_id,model,version,dataset,root_hash,signature,proof,entry\r\n"

    /// The first JSON line.
    public static func header(checkpoint: AuditCheckpoint?, publicKey: AuditPublicKey, filtered: Bool) -> String {
        var fields: [String: JSONValue] = ["format": .string(formatName), "public_key": .string(publicKey.base64),
                                           "key_id": .string(publicKey.keyID), "filtered": .bool(filtered)]
        if let checkpoint { fields["checkpoint"] = checkpoint.json }
        return CanonicalJSON.encode(.object(fields)) + "\n"
    }

    /// One entry as a JSON line.
    public static func line(_ entry: AuditEntry, proof: [Data]?) -> String {
        var out = "{\"index\":\(entry.index),\"root_hash\":\"\(entry.rootHash.hex)\",\"signature\":\"\(entry.signature.base64EncodedString())\""
        if let proof { out += ",\"proof\":[" + proof.map { "\"\($0.hex)\"" }.joined(separator: ",") + "]" }
        out += ",\"entry\":" + entry.body + "}\n"
        return out
    }

    /// The CSV checkpoint row.
    public static func csvCheckpoint(_ checkpoint: AuditCheckpoint?, publicKey: AuditPublicKey, filtered: Bool) -> String {
        let size = checkpoint?.treeSize ?? 0
        return ["checkpoint", "\(size)", "", "", "", "", "", "", "", "", checkpoint?.rootHash.hex ?? "",
                checkpoint?.signature.base64EncodedString() ?? "", filtered ? "filtered" : "complete", publicKey.base64]
            .map(csvField).joined(separator: ",") + "\r\n"
    }

    /// One entry as a CSV row.
    public static func csvRow(_ entry: AuditEntry, proof: [Data]?) -> String {
        ["entry", "\(entry.index)", Timestamp.format(entry.time), entry.actorName, entry.action, entry.target.type, entry.target.id,
         entry.target.model ?? "", entry.target.version.map(String.init) ?? "", entry.target.dataset ?? "", entry.rootHash.hex,
         entry.signature.base64EncodedString(), proof.map { $0.map(\.hex).joined(separator: " ") } ?? "", entry.body]
            .map(csvField).joined(separator: ",") + "\r\n"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension AuditCheckpoint {
    /// `{"tree_size":…,"root_hash":"hex","signature":"base64"}`.
    public var json: JSONValue {
        ["tree_size": .number(Double(treeSize)), "root_hash": .string(rootHash.hex), "signature": .string(signature.base64EncodedString())]
    }

    /// Reads the `json` form.
    public init(json: JSONValue) throws {
        guard case .object(let fields) = json, case .number(let size)? = fields["tree_size"], case .string(let root)? = fields["root_hash"],
              case .string(let signature)? = fields["signature"], let signatureData = Data(base64Encoded: signature) else {
            throw DomainError.invalidField("checkpoint", "must have tree_size, root_hash (hex) and signature (base64)")
        }
        self.init(treeSize: Int64(size), rootHash: try Data(hexChecked: root), signature: signatureData)
    }
}
