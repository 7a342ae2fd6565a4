import StewardAPI

/// Tables for alias protection policies and promotion requests.
enum PromotionPrinting {
    static func table(_ promotions: [Promotion]) -> String {
        var table = TableFormatter(headers: ["ID", "MODEL", "ALIAS", "FROM", "TO", "STATE", "APPROVALS", "REQUESTED BY", "CREATED"])
        for promotion in promotions {
            table.append([promotion.id, promotion.model, promotion.alias, Cells.number(promotion.fromVersion),
                          String(promotion.version) + (promotion.rollback ? " (rollback)" : ""), promotion.state.rawValue,
                          "\(promotion.approvals.count)/\(promotion.approvalsRequired)", promotion.requestedBy, Cells.date(promotion.createdAt)])
        }
        return table.render()
    }

    static func details(_ promotion: Promotion) -> String {
        var rows: [(String, String)] = [
            ("Id", promotion.id), ("Model", promotion.model), ("Alias", promotion.alias),
            ("Version", "\(Cells.number(promotion.fromVersion)) → \(promotion.version)\(promotion.rollback ? " (rollback)" : "")"),
            ("State", promotion.state.rawValue), ("Manifest digest", promotion.manifestDigest),
            ("Policy version", "\(promotion.policyVersion) (now \(Cells.number(promotion.currentPolicyVersion)))"),
            ("Approvals", "\(promotion.approvals.count) of \(promotion.approvalsRequired)\(promotion.approvals.isEmpty ? "" : ": " + promotion.approvals.joined(separator: ", "))"),
            ("Requested", "\(Cells.date(promotion.createdAt)) by \(promotion.requestedBy)"), ("Comment", Cells.text(promotion.comment)),
        ]
        if let closedAt = promotion.closedAt {
            rows.append(("Closed", "\(Cells.date(closedAt)) by \(Cells.text(promotion.closedBy))\(promotion.closingComment.map { ": \($0)" } ?? "")"))
        }
        for gate in gates(promotion) { rows.append(("Gate", gate)) }
        for review in promotion.reviews {
            let status = review.decision == .reject ? "" : (review.counts ? " (counts)" : " (not counted: \(review.notCountedBecause ?? "no policy"))")
            rows.append(("Review", "\(review.decision.rawValue) by \(review.by) at \(Cells.date(review.at))\(status)\(review.comment.isEmpty ? "" : ": \(review.comment)")"))
        }
        return TableFormatter.details(rows)
    }

    static func protection(_ protection: AliasProtection) -> String {
        let policy = protection.policy
        let gates = policy.gates
        var gateList: [String] = (gates?.requiredCardFields ?? []).map { "card field \($0)" } + (gates?.metrics ?? [])
        if gates?.requireInputSchema == true { gateList.append("input schema") }
        if gates?.requireDatasetLineage == true { gateList.append("dataset lineage") }
        if gates?.forbidTainted != false { gateList.append("no taint") }
        return TableFormatter.details([
            ("Alias", "\(protection.model)@\(protection.alias)"), ("Policy version", String(protection.policyVersion)),
            ("Approvals", String(policy.requiredApprovals)),
            ("Approver roles", Cells.list((policy.approverRoles ?? []).map(\.rawValue))), ("Approver teams", Cells.list(policy.approverTeams ?? [])),
            ("Self-approval", policy.allowSelfApproval == true ? "allowed" : "refused"),
            ("Approval valid for", "\(policy.approvalValiditySeconds ?? 604_800) s"), ("Gates", Cells.list(gateList)),
            ("Updated", "\(Cells.date(protection.updatedAt)) by \(protection.updatedBy)"),
        ])
    }

    /// `✓ detail` / `✗ detail` per gate recorded in the evidence.
    static func gates(_ promotion: Promotion) -> [String] {
        guard let evidence = promotion.evidence.value as? [String: (any Sendable)?],
              let gates = evidence["gates"] as? [(any Sendable)?] else { return [] }
        return gates.compactMap { item in
            guard let gate = item as? [String: (any Sendable)?] else { return nil }
            let passed = (gate["passed"] as? Bool) == true
            let name = [gate["gate"] as? String, gate["subject"] as? String].compactMap { $0 }.joined(separator: " ")
            return "\(passed ? "pass" : "FAIL") \(name): \(gate["detail"] as? String ?? "")"
        }
    }
}
