import Foundation

/// Decides, without side effects, which versions a policy retires and why each other version stays.
/// Protections always win over the policy's rules: a version that is aliased, inside its sunset
/// period, on legal hold, used by a consumer within the policy's window or not yet sealed is kept.
public enum RetentionPlanner {
    public static func plan(model: String, _ versions: [RetentionFacts], policy: RetentionPolicy, now: Date) -> [RetentionDecision] {
        let live = versions.filter { $0.lifecycle.retiredAt == nil }.sorted { $0.number > $1.number }
        let day: TimeInterval = 86_400
        return live.enumerated().map { rank, facts in
            var protections: [String] = []
            if !facts.aliases.isEmpty { protections.append("aliased: \(facts.aliases.sorted().joined(separator: ", "))") }
            if facts.lifecycle.inSunsetPeriod(at: now), let deprecation = facts.lifecycle.deprecation {
                protections.append("in sunset period until \(Timestamp.format(deprecation.sunsetAt))")
            }
            if let hold = facts.lifecycle.legalHold { protections.append("legal hold: \(hold.reason)") }
            if let last = facts.lastConsumedAt, now.timeIntervalSince(last) < Double(policy.consumerWindowDays) * day {
                protections.append("used by a consumer on \(Timestamp.format(last)) (within \(policy.consumerWindowDays) days)")
            }
            if facts.status == .pending { protections.append("pending: not sealed yet") }
            var rules: [String] = []
            var selected = policy.keepLast != nil || policy.maxAgeDays != nil
            if let keepLast = policy.keepLast {
                if rank < keepLast {
                    rules.append("among the newest \(keepLast)")
                    selected = false
                } else {
                    rules.append("not among the newest \(keepLast)")
                }
            }
            if let maxAge = policy.maxAgeDays {
                let age = Int(now.timeIntervalSince(facts.createdAt) / day)
                if now.timeIntervalSince(facts.createdAt) > Double(maxAge) * day {
                    rules.append("older than \(maxAge) days (\(age) days)")
                } else {
                    rules.append("younger than \(maxAge) days")
                    selected = false
                }
            }
            if selected && protections.isEmpty {
                return RetentionDecision(model: model, version: facts.number, action: .retire, reasons: rules)
            }
            // A kept version lists its protections first, then the rules that did not select it.
            let keepRules = selected ? [] : rules.filter { $0.hasPrefix("among") || $0.hasPrefix("younger") }
            return RetentionDecision(model: model, version: facts.number, action: .keep, reasons: protections + keepRules)
        }
    }
}
