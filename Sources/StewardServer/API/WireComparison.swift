import Foundation
import StewardCore

/// `VersionComparison` in openapi.yaml.
struct ComparisonBody: Encodable {
    var model: String
    var from: SideBody
    var to: SideBody
    var data: [ChangeBody<DataSideBody>]
    var code: CodeBody
    var params: [ChangeBody<String>]
    var metrics: [ChangeBody<Double>]

    init(_ comparison: VersionComparison) {
        model = comparison.from.version.modelName
        from = SideBody(comparison.from)
        to = SideBody(comparison.to)
        data = comparison.data.map { ChangeBody(key: $0.key, from: $0.from.map(DataSideBody.init), to: $0.to.map(DataSideBody.init),
                                                change: $0.change.rawValue) }
        code = CodeBody(changed: comparison.codeChanged, from: from.code, to: to.code)
        params = comparison.params.map { ChangeBody(key: $0.key, from: $0.from, to: $0.to, change: $0.change.rawValue) }
        metrics = comparison.metrics.map { ChangeBody(key: $0.key, from: $0.from, to: $0.to, change: $0.change.rawValue) }
    }

    /// One side: the version, its run and its code.
    struct SideBody: Encodable {
        var version: Int
        var runID: String?
        var tainted: Bool
        var code: CodeSideBody
        enum CodingKeys: String, CodingKey { case version, tainted, code, runID = "run_id" }

        init(_ side: VersionComparison.Side) {
            version = side.version.number
            runID = side.runID
            tainted = side.version.isTainted
            code = CodeSideBody(codeVersion: side.codeVersion, source: side.version.source, manifestDigest: side.version.manifestDigest)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(version, forKey: .version)
            try container.encode(runID, forKey: .runID)
            try container.encode(tainted, forKey: .tainted)
            try container.encode(code, forKey: .code)
        }
    }

    struct CodeSideBody: Encodable {
        var codeVersion: String?
        var source: String?
        var manifestDigest: String?
        enum CodingKeys: String, CodingKey { case source, codeVersion = "code_version", manifestDigest = "manifest_digest" }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(codeVersion, forKey: .codeVersion)
            try container.encode(source, forKey: .source)
            try container.encode(manifestDigest, forKey: .manifestDigest)
        }
    }

    struct CodeBody: Encodable {
        var changed: Bool
        var from: CodeSideBody
        var to: CodeSideBody
    }

    struct DataSideBody: Encodable {
        var version: Int
        var digest: String
        var tainted: Bool

        init(_ version: DatasetVersion) {
            self.version = version.number
            digest = version.digest
            tainted = version.taint != nil
        }
    }

    /// A keyed value on each side (`null` where absent) and how it changed.
    struct ChangeBody<Value: Encodable>: Encodable {
        var key: String
        var from: Value?
        var to: Value?
        var change: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(change, forKey: .change)
        }

        enum CodingKeys: String, CodingKey { case key, from, to, change }
    }
}
