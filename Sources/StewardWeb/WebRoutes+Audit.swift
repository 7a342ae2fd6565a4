import Foundation
import Hummingbird
import StewardCore

/// The audit trail (auditors and administrators) and its verification status: the signature of
/// the current tree head on every view, and on request the whole log recomputed by the same
/// `AuditVerifier` that `steward audit verify` runs on an export.
extension WebRoutes {
    func registerAudit(on ui: RouterGroup<Context>) {
        page(ui, "audit") { request, _, user in
            let view = try await auditView(FormData(request.uri.query ?? ""), user: user)
            return try render(Layout(title: "Audit trail", user: user, section: .audit), view, "audit")
        }
        page(ui, "audit/verify") { _, _, user in
            var view = try await auditView(FormData(""), user: user)
            let report = try await verifyAuditLog(user.principal)
            view.verification = AuditView.Verification(verified: report.verified, entries: String(report.entries), problem: report.problem,
                                                       firstBadIndex: report.firstBadIndex.map(String.init))
            return try render(Layout(title: "Audit trail", user: user, section: .audit), view, "audit")
        }
    }

    func auditView(_ form: FormData, user: WebUser) async throws -> AuditView {
        let principal = user.principal
        let checkpoint = try await registry.auditCheckpoint(by: principal)
        let query = AuditQuery(actor: form["actor"], action: form["action"], model: form["model"])
        let pageSize = 100
        var rows: [AuditRow]
        var older: String?
        var newer: String?
        func link(_ before: Int64) -> String {
            "/ui/audit?" + URLText.query([("actor", form["actor"] ?? ""), ("action", form["action"] ?? ""), ("model", form["model"] ?? ""),
                                          ("before", String(before))])
        }
        if let beforeText = form["before"] {
            // Older entries: the page that ends just before `before`.
            guard let before = Int64(beforeText), before >= 0 else { throw DomainError.invalidField("before", "must be an entry index") }
            var window = query
            window.afterIndex = max(before - 2001, -1)
            window.limit = 2000
            let entries = try await registry.auditEntries(window, by: principal).filter { $0.index < before }
            rows = entries.suffix(pageSize).reversed().map(AuditRow.init)
            newer = "/ui/audit?" + URLText.query([("actor", form["actor"] ?? ""), ("action", form["action"] ?? ""), ("model", form["model"] ?? "")])
        } else {
            rows = try await recentAudit(query, limit: pageSize, principal: principal)
        }
        if rows.count == pageSize, let last = rows.last, let index = Int64(last.index) { older = link(index) }
        return AuditView(actor: form["actor"] ?? "", action: form["action"] ?? "", model: form["model"] ?? "", rows: rows,
                         olderLink: older, newerLink: newer,
                         head: checkpoint.map {
                             AuditView.Head(treeSize: String($0.treeSize), rootHash: $0.rootHash.hex, keyID: services.auditPublicKey.keyID,
                                            signed: $0.isSigned(by: services.auditPublicKey))
                         }, verification: nil)
    }

    /// Reads the whole log up to the current signed head, in pages, through the export format and
    /// the verifier (the same bytes an exported file would hold).
    func verifyAuditLog(_ principal: Principal) async throws -> AuditVerificationReport {
        let checkpoint = try await registry.auditCheckpoint(by: principal)
        let size = checkpoint?.treeSize ?? 0
        var verifier = AuditVerifier(header: ExportHeader(checkpoint: checkpoint, publicKey: services.auditPublicKey, filtered: false),
                                     trustedKey: services.auditPublicKey)
        var query = AuditQuery(limit: 2000)
        while true {
            let page = try await registry.auditEntries(query, by: principal).filter { $0.index < size }
            for entry in page {
                let line = AuditExport.line(entry, proof: nil)
                verifier.add(try AuditExportParser.entry(Array(line.utf8).dropLast()))
            }
            guard page.count == 2000, let last = page.last else { break }
            query.afterIndex = last.index
        }
        return verifier.finish()
    }
}
