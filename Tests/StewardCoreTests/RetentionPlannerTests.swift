import Foundation
import StewardCore
import Testing

/// The retention decision rules, without a database (issue 6).
@Suite("Retention planner")
struct RetentionPlannerTests {
    static let now = Date(timeIntervalSince1970: 2_000_000_000)
    static func facts(_ number: Int, ageDays: Double, aliases: [String] = [], state: VersionLifecycleState = .init(),
                      consumedDaysAgo: Double? = nil, status: VersionStatus = .ready) -> RetentionFacts {
        RetentionFacts(versionID: "v\(number)", number: number, status: status, createdAt: now.addingTimeInterval(-ageDays * 86_400),
                       aliases: aliases, lifecycle: state, lastConsumedAt: consumedDaysAgo.map { now.addingTimeInterval(-$0 * 86_400) })
    }

    @Test func keepLastAndMaxAgeCombine() {
        let policy = RetentionPolicy(keepLast: 2, maxAgeDays: 30, updatedAt: Self.now, updatedBy: "t")
        let plan = RetentionPlanner.plan(model: "m", [Self.facts(1, ageDays: 90), Self.facts(2, ageDays: 10), Self.facts(3, ageDays: 60),
                                                      Self.facts(4, ageDays: 50)], policy: policy, now: Self.now)
        let actions = Dictionary(uniqueKeysWithValues: plan.map { ($0.version, $0.action) })
        // 3 and 4 are the newest two; 2 is younger than 30 days; only 1 is both old and outside.
        #expect(actions == [1: .retire, 2: .keep, 3: .keep, 4: .keep])
    }

    @Test func everyProtectionKeepsAndIsExplained() {
        let policy = RetentionPolicy(keepLast: 0, consumerWindowDays: 7, updatedAt: Self.now, updatedBy: "t")
        let deprecated = VersionLifecycleState(deprecation: VersionDeprecation(reason: "r", replacement: 9, sunsetAt: Self.now.addingTimeInterval(86_400),
                                                                               deprecatedAt: Self.now, deprecatedBy: "t"))
        let sunsetPassed = VersionLifecycleState(deprecation: VersionDeprecation(reason: "r", replacement: 9, sunsetAt: Self.now.addingTimeInterval(-1),
                                                                                 deprecatedAt: Self.now, deprecatedBy: "t"))
        let held = VersionLifecycleState(legalHold: LegalHold(reason: "case 12", heldBy: "t", heldAt: Self.now))
        let plan = RetentionPlanner.plan(model: "m", [
            Self.facts(1, ageDays: 9, aliases: ["prod"]), Self.facts(2, ageDays: 9, state: deprecated), Self.facts(3, ageDays: 9, state: held),
            Self.facts(4, ageDays: 9, consumedDaysAgo: 2), Self.facts(5, ageDays: 9, consumedDaysAgo: 20), Self.facts(6, ageDays: 9, status: .pending),
            Self.facts(7, ageDays: 9, state: sunsetPassed), Self.facts(8, ageDays: 9, state: VersionLifecycleState(retiredAt: Self.now)),
        ], policy: policy, now: Self.now)
        let byVersion = Dictionary(uniqueKeysWithValues: plan.map { ($0.version, $0) })
        #expect(byVersion[8] == nil, "already retired versions are not reconsidered")
        #expect(byVersion[1]?.reasons.first == "aliased: prod")
        #expect(byVersion[2]?.reasons.first?.hasPrefix("in sunset period") == true)
        #expect(byVersion[3]?.reasons.first == "legal hold: case 12")
        #expect(byVersion[4]?.reasons.first?.hasPrefix("used by a consumer") == true)
        #expect(byVersion[6]?.reasons.first == "pending: not sealed yet")
        for number in [1, 2, 3, 4, 6] { #expect(byVersion[number]?.action == .keep, "version \(number)") }
        #expect(byVersion[5]?.action == .retire && byVersion[7]?.action == .retire)
    }
}
