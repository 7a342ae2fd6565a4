import StewardAPI

/// Text for deprecation, legal holds, retention reports and garbage collection.
enum LifecyclePrinting {
    /// `active`, `deprecated → 4, sunset 2026-09-01T00:00:00.000Z (reason)`, `retired …`, plus a hold.
    static func summary(_ version: Version) -> String {
        var parts: [String] = []
        switch version.lifecycle {
        case .deprecated?:
            if let deprecation = version.deprecation {
                parts.append("deprecated → version \(deprecation.replacement), sunset \(Cells.date(deprecation.sunset)) (\(deprecation.reason))")
            } else {
                parts.append("deprecated")
            }
        case .retired?: parts.append("retired \(Cells.date(version.retiredAt))")
        default: parts.append("active")
        }
        if let hold = version.legalHold { parts.append("legal hold since \(Cells.date(hold.heldAt)) (\(hold.reason))") }
        return parts.joined(separator: "; ")
    }

    static func policy(_ policy: Components.Schemas.RetentionPolicy) -> String {
        TableFormatter.details([
            ("Model", policy.model),
            ("Keep last", Cells.number(policy.keepLast)),
            ("Max age (days)", Cells.number(policy.maxAgeDays)),
            ("Consumer window (days)", String(policy.consumerWindowDays)),
            ("Updated", "\(Cells.date(policy.updatedAt)) by \(policy.updatedBy)"),
        ])
    }

    static func report(_ report: Components.Schemas.RetentionReport) -> String {
        var table = TableFormatter(headers: ["MODEL", "VERSION", "ACTION", "WHY"])
        for decision in report.decisions {
            table.append([decision.model, String(decision.version), decision.action.rawValue,
                          decision.reasons.isEmpty ? Cells.none : decision.reasons.joined(separator: "; ")])
        }
        let verb = report.dryRun ? "Would retire" : "Retired"
        var text = table.render() + "\n\n\(verb) \(report.retired) version(s), kept \(report.kept)."
        if let garbage = report.garbage {
            text += " Freed \(garbage.deleted) blob(s), \(ByteCount.format(garbage.bytesReclaimed))."
        }
        return text
    }

    static func garbage(_ report: Components.Schemas.GarbageReport) -> String {
        if report.dryRun {
            return "Would delete \(report.deleted) unreferenced blob(s), \(ByteCount.format(report.bytesReclaimed))."
        }
        var text = "Deleted \(report.deleted) blob(s), reclaimed \(ByteCount.format(report.bytesReclaimed))"
        if report.keptReferenced > 0 { text += "; kept \(report.keptReferenced) referenced again" }
        return text + "."
    }
}
