import Foundation
import Hummingbird
import NIOCore
import StewardCore

/// Streams the trail as JSON Lines or CSV (`AuditExport`), cut at the signed tree head current
/// when the export starts, so entries appended meanwhile are not included and the export verifies
/// on its own. Pages of 2,000 entries keep memory flat however long the log is.
struct AuditExportStream: Sendable {
    let registry: Registry
    let publicKey: AuditPublicKey
    static let pageSize = 2000

    func response(_ request: Request, principal: Principal) async throws -> Response {
        let format = request.queryValue("format") ?? "jsonl"
        guard format == "jsonl" || format == "csv" else { throw DomainError.invalidField("format", "must be jsonl or csv") }
        let filter = try request.auditQuery()
        let filtered = filter.isFiltered
        // Authorizes, and fixes the tree head before the first byte is sent.
        let checkpoint = try await registry.auditCheckpoint(by: principal)
        let size = checkpoint?.treeSize ?? 0
        var headers = HTTPFields()
        headers[.contentType] = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson"
        headers[.contentDisposition] = "attachment; filename=\"steward-audit.\(format)\""
        let (registry, publicKey) = (registry, publicKey)
        let body = ResponseBody { writer in
            let head = format == "csv"
                ? AuditExport.csvHeader + AuditExport.csvCheckpoint(checkpoint, publicKey: publicKey, filtered: filtered)
                : AuditExport.header(checkpoint: checkpoint, publicKey: publicKey, filtered: filtered)
            try await writer.write(ByteBuffer(string: head))
            var query = filter
            query.limit = Self.pageSize
            query.afterIndex = nil
            while true {
                let page = try await registry.auditEntries(query, by: principal).filter { $0.index < size }
                var chunk = ""
                for entry in page {
                    let proof = filtered ? try await registry.auditInclusionProof(index: entry.index, treeSize: size, by: principal).path : nil
                    chunk += format == "csv" ? AuditExport.csvRow(entry, proof: proof) : AuditExport.line(entry, proof: proof)
                }
                if !chunk.isEmpty { try await writer.write(ByteBuffer(string: chunk)) }
                guard page.count == Self.pageSize, let last = page.last else { break }
                query.afterIndex = last.index
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
