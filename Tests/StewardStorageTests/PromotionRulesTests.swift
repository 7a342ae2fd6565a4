import Foundation
import StewardCore
import StewardTestSupport
import Testing

@Suite("Protected aliases and promotion requests (rules, both databases)")
struct PromotionRulesTests {
    static let twoOfThree = ProtectionPolicy(requiredApprovals: 2, approverRoles: [.approver])

    @Test(arguments: TestDatabase.all)
    func quorumOfTwoMovesTheAliasOnce(_ database: TestDatabase) async throws {
        try await withPromotionScenario(database) { registry, _ in
            let protection = try await registry.protectProd(Self.twoOfThree)
            #expect(protection.version == 1)
            // A protected alias refuses every direct change.
            #expect(await errorCode { _ = try await registry.setAlias(modelName: "churn", alias: "prod", version: 2, by: admin) } == "alias_protected")
            #expect(await errorCode { try await registry.deleteAlias(modelName: "churn", alias: "prod", by: admin) } == "alias_protected")
            #expect(await errorCode { try await registry.deleteVersionDetachingAliases(modelName: "churn", number: 1, by: admin) } == "alias_protected")
            // Re-setting it to where it already points changes nothing and is not refused.
            #expect(try await registry.setAlias(modelName: "churn", alias: "prod", version: 1, by: admin).version == 1)

            let request = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 2, comment: "better", by: Cast.rita).request
            #expect(request.state == .open && request.fromVersion == 1 && !request.rollback && request.policyVersion == 1)
            #expect(request.manifestDigest == (try await registry.version(modelName: "churn", number: 2, by: admin).manifestDigest))
            #expect(await errorCode { _ = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 2, by: Cast.rita) } == "promotion_already_open")

            var detail = try await registry.approvePromotion(id: request.id, comment: "looks good", by: Cast.a1)
            #expect(detail.request.state == .open && detail.tally.counted == ["a1"])
            detail = try await registry.approvePromotion(id: request.id, by: Cast.a1) // the same principal counts once
            #expect(detail.request.state == .open && detail.tally.counted == ["a1"] && detail.tally.stale[0] == .duplicate)
            #expect(try await registry.prodVersion() == 1)

            detail = try await registry.approvePromotion(id: request.id, by: Cast.a2)
            #expect(detail.request.state == .completed && detail.tally.counted == ["a1", "a2"] && detail.request.closedBy == "a2")
            #expect(try await registry.prodVersion() == 2)
            let history = try await registry.aliasHistory(modelName: "churn", alias: "prod", by: admin)
            #expect(history.first?.toVersion == 2 && history.first?.fromVersion == 1 && history.first?.promotionID == request.id)
            #expect(await errorCode { _ = try await registry.approvePromotion(id: request.id, by: Cast.a3) } == "promotion_closed")
            #expect(try await registry.promotion(id: request.id, by: Cast.a3).request.state == .completed)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theRequesterCannotApproveUnlessThePolicySaysSo(_ database: TestDatabase) async throws {
        try await withPromotionScenario(database) { registry, _ in
            try await registry.protectProd(ProtectionPolicy(requiredApprovals: 1, approverRoles: [.approver]))
            let request = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 2, by: Cast.ana).request
            #expect(await errorCode { _ = try await registry.approvePromotion(id: request.id, by: Cast.ana) } == "self_approval_forbidden")
            #expect(await errorCode { _ = try await registry.approvePromotion(id: request.id, by: Cast.bob) } == "not_an_approver")
            #expect(try await registry.promotion(id: request.id, by: admin).request.reviews.isEmpty)
            #expect(try await registry.prodVersion() == 1)

            try await registry.protectProd(ProtectionPolicy(requiredApprovals: 1, approverRoles: [.approver], allowSelfApproval: true))
            #expect(try await registry.approvePromotion(id: request.id, by: Cast.ana).request.state == .completed)
            #expect(try await registry.prodVersion() == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aPolicyChangeMakesEarlierApprovalsStale(_ database: TestDatabase) async throws {
        try await withPromotionScenario(database) { registry, _ in
            try await registry.protectProd(Self.twoOfThree)
            let request = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 2, by: Cast.rita).request
            _ = try await registry.approvePromotion(id: request.id, by: Cast.a1)
            var changed = Self.twoOfThree
            changed.gates.metrics = [try MetricThreshold(parsing: "accuracy >= 0.9")]
            #expect(try await registry.protectProd(changed).version == 2)
            var detail = try await registry.approvePromotion(id: request.id, by: Cast.a2)
            #expect(detail.request.state == .open && detail.tally.counted == ["a2"] && detail.tally.stale[0] == .policyChanged)
            detail = try await registry.promotion(id: request.id, by: Cast.rita)
            #expect(detail.tally.counted == ["a2"] && detail.protection?.version == 2)
            // A fresh approval under the new policy counts.
            detail = try await registry.approvePromotion(id: request.id, by: Cast.a1)
            #expect(detail.request.state == .completed)
            #expect(try await registry.prodVersion() == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func approvalsExpire(_ database: TestDatabase) async throws {
        try await withPromotionScenario(database) { registry, clock in
            try await registry.protectProd(ProtectionPolicy(requiredApprovals: 2, approverRoles: [.approver], approvalValiditySeconds: 3600))
            let request = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 2, by: Cast.rita).request
            _ = try await registry.approvePromotion(id: request.id, by: Cast.a1)
            clock.advance(seconds: 3599)
            #expect(try await registry.promotion(id: request.id, by: admin).tally.counted == ["a1"])
            clock.advance(seconds: 2)
            var detail = try await registry.approvePromotion(id: request.id, by: Cast.a2)
            #expect(detail.request.state == .open && detail.tally.counted == ["a2"] && detail.tally.stale[0] == .expired)
            #expect(try await registry.prodVersion() == 1)
            detail = try await registry.approvePromotion(id: request.id, by: Cast.a3)
            #expect(detail.request.state == .completed && detail.tally.counted == ["a2", "a3"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRejectionClosesTheRequest(_ database: TestDatabase) async throws {
        try await withPromotionScenario(database) { registry, _ in
            try await registry.protectProd(Self.twoOfThree)
            let request = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 2, by: Cast.rita).request
            _ = try await registry.approvePromotion(id: request.id, by: Cast.a1)
            #expect(await errorCode { _ = try await registry.rejectPromotion(id: request.id, comment: " ", by: Cast.a2) } == "validation_failed")
            #expect(await errorCode { _ = try await registry.rejectPromotion(id: request.id, comment: "no", by: Cast.bob) } == "not_an_approver")
            let rejected = try await registry.rejectPromotion(id: request.id, comment: "drift on segment B", by: Cast.a2).request
            #expect(rejected.state == .rejected && rejected.closingComment == "drift on segment B" && rejected.reviews.count == 2)
            #expect(await errorCode { _ = try await registry.approvePromotion(id: request.id, by: Cast.a3) } == "promotion_closed")
            #expect(try await registry.prodVersion() == 1)
            // A new request for the same version may be made after a rejection.
            #expect(try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 2, by: Cast.rita).request.state == .open)
        }
    }

    @Test(arguments: TestDatabase.all)
    func rollbackIsAPromotionToAnEarlierVersion(_ database: TestDatabase) async throws {
        try await withPromotionScenario(database) { registry, _ in
            try await registry.protectProd(ProtectionPolicy(requiredApprovals: 1, approverRoles: [.approver]))
            let forward = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 2, by: Cast.rita).request
            _ = try await registry.approvePromotion(id: forward.id, by: Cast.a1)
            let back = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 1, comment: "incident 42", by: Cast.rita).request
            #expect(back.rollback && back.fromVersion == 2)
            let done = try await registry.approvePromotion(id: back.id, by: Cast.a2).request
            #expect(done.state == .completed && done.rollback)
            #expect(try await registry.prodVersion() == 1)
            let history = try await registry.aliasHistory(modelName: "churn", alias: "prod", by: admin)
            #expect(history.prefix(2).map(\.promotionID) == [back.id, forward.id])
            #expect(history.first?.fromVersion == 2 && history.first?.toVersion == 1)
            #expect(await errorCode { _ = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 1, by: Cast.rita) } == "promotion_target_current")
        }
    }

    @Test(arguments: TestDatabase.all)
    func gatesRefuseRequestsAndCompletions(_ database: TestDatabase) async throws {
        try await withPromotionScenario(database) { registry, _ in
            var policy = ProtectionPolicy(requiredApprovals: 1, approverRoles: [.approver])
            policy.gates = PromotionGates(requiredCardFields: ["intended_use", "limitations"], metrics: [try MetricThreshold(parsing: "accuracy>=0.9")])
            try await registry.protectProd(policy)
            // Missing card field.
            #expect(await errorCode { _ = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 2, by: Cast.rita) } == "promotion_gates_failed")
            _ = try await registry.updateModel(named: "churn", ModelPatch(card: ["intended_use": "churn scoring", "limitations": "EU only"]), by: admin)
            // Metric below the threshold.
            do {
                _ = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 3, by: Cast.rita)
                Issue.record("a version under the metric threshold was accepted")
            } catch let error as DomainError {
                #expect(error.code == "promotion_gates_failed" && error.fieldErrors.map(\.field) == ["metric:accuracy >= 0.9"])
            }
            let request = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 2, by: Cast.rita)
            guard case .object(let evidence) = request.request.evidence, case .array(let gates) = evidence["gates"] else {
                Issue.record("no gate evidence")
                return
            }
            #expect(gates.count == 4) // two card fields, one metric, no taint
            // The card loses a field before the approval: the gates are checked again and nothing changes.
            _ = try await registry.updateModel(named: "churn", ModelPatch(card: ["intended_use": "churn scoring", "limitations": ""]), by: admin)
            #expect(await errorCode { _ = try await registry.approvePromotion(id: request.request.id, by: Cast.a1) } == "promotion_gates_failed")
            let after = try await registry.promotion(id: request.request.id, by: admin)
            #expect(after.request.state == .open && after.request.reviews.isEmpty)
            #expect(try await registry.prodVersion() == 1)
            // An input schema gate on a version without one.
            policy.gates = PromotionGates(requireInputSchema: true)
            try await registry.protectProd(policy)
            #expect(await errorCode { _ = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 3, by: Cast.rita) } == "promotion_gates_failed")
        }
    }

    @Test(arguments: TestDatabase.all)
    func cancellingAndRemovingProtection(_ database: TestDatabase) async throws {
        try await withPromotionScenario(database) { registry, clock in
            try await registry.protectProd(Self.twoOfThree)
            let first = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 2, by: Cast.rita).request
            #expect(await errorCode { _ = try await registry.cancelPromotion(id: first.id, by: Cast.bob) } == "forbidden")
            #expect(try await registry.cancelPromotion(id: first.id, comment: "wrong version", by: Cast.rita).request.state == .cancelled)
            #expect(await errorCode { _ = try await registry.approvePromotion(id: first.id, by: Cast.a1) } == "promotion_closed")
            clock.advance(seconds: 1) // lists are newest first
            let second = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 3, by: Cast.rita).request
            #expect(try await registry.promotions(modelName: nil, state: .open, by: Cast.a1).items.map(\.request.id) == [second.id])
            #expect(try await registry.promotions(modelName: "churn", by: Cast.a1).items.map(\.request.id) == [second.id, first.id])

            // Only maintainers change protection; removing it cancels what is open and frees the alias.
            #expect(await errorCode { try await registry.unprotectAlias(modelName: "churn", alias: "prod", by: Cast.rita) } == "forbidden")
            try await registry.unprotectAlias(modelName: "churn", alias: "prod", comment: "migration", by: admin)
            #expect(try await registry.promotion(id: second.id, by: admin).request.state == .cancelled)
            #expect(await errorCode { _ = try await registry.aliasProtection(modelName: "churn", alias: "prod", by: admin) } == "alias_not_protected")
            #expect(try await registry.setAlias(modelName: "churn", alias: "prod", version: 3, by: admin).version == 3)
            #expect(await errorCode { _ = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 2, by: Cast.rita) } == "alias_not_protected")
            // Protecting again continues the version count, so no old approval can ever match.
            #expect(try await registry.protectProd(Self.twoOfThree).version == 3)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aGatesOnlyPolicyMovesAtOnce(_ database: TestDatabase) async throws {
        try await withPromotionScenario(database) { registry, _ in
            try await registry.protectAlias(modelName: "churn", alias: "staging", policy: ProtectionPolicy(requiredApprovals: 0), by: admin)
            let request = try await registry.requestPromotion(modelName: "churn", alias: "staging", version: 2, by: Cast.rita).request
            #expect(request.state == .completed && request.fromVersion == nil)
            #expect(try await registry.resolveAlias(modelName: "churn", alias: "staging", by: admin).number == 2)
        }
    }

    @Test func policiesAndThresholdsAreValidated() throws {
        #expect(try MetricThreshold(parsing: " f1 < 0.25 ") == MetricThreshold(metric: "f1", comparison: .less, value: 0.25))
        #expect(try MetricThreshold(parsing: "accuracy>=0.9").description == "accuracy >= 0.9")
        for bad in ["accuracy", ">= 0.9", "accuracy >= high", "a >= 1 >= 2", "accuracy => 0.9"] {
            #expect(throws: DomainError.self, "\(bad)") { try MetricThreshold(parsing: bad) }
        }
        #expect(throws: DomainError.self) { try ProtectionPolicy(requiredApprovals: 51).validate() }
        #expect(throws: DomainError.self) { try ProtectionPolicy(requiredApprovals: 1, approverRoles: []).validate() }
        #expect(throws: DomainError.self) { try ProtectionPolicy(approvalValiditySeconds: 0).validate() }
        let policy = ProtectionPolicy(requiredApprovals: 2, approverRoles: [.approver, .maintainer], approverTeams: ["risk"],
                                      gates: PromotionGates(metrics: [try MetricThreshold(parsing: "auc > 0.8")]))
        #expect(try ProtectionPolicy(jsonText: policy.json.jsonText) == policy)
    }
}

@Suite("Promotion requests under concurrency (both databases)")
struct PromotionConcurrencyTests {
    /// Three approvals of a two-approval request arrive at once: the request completes exactly once
    /// (the row lock orders them), the alias moves once, and the late approval finds it closed.
    @Test(arguments: TestDatabase.all)
    func concurrentApprovalsCompleteOnce(_ database: TestDatabase) async throws {
        try await withPromotionScenario(database) { registry, _ in
            try await registry.protectProd(PromotionRulesTests.twoOfThree)
            let id = try await registry.requestPromotion(modelName: "churn", alias: "prod", version: 2, by: Cast.rita).request.id
            let outcomes = await withTaskGroup(of: String.self) { group in
                for approver in [Cast.a1, Cast.a2, Cast.a3] {
                    group.addTask { await errorCode { _ = try await registry.approvePromotion(id: id, by: approver) } }
                }
                return await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.sorted() == ["no error", "no error", "promotion_closed"], "\(outcomes)")
            #expect(try await registry.promotion(id: id, by: admin).request.state == .completed)
            let moves = try await registry.aliasHistory(modelName: "churn", alias: "prod", by: admin).filter { $0.promotionID == id }
            #expect(moves.count == 1)
        }
    }
}
