import Foundation

extension Retention {
    /// Emits `version.sunset_approaching` once for every deprecated version whose sunset is at most
    /// `daysBefore` days away. Each notice is claimed in its own transaction (the claim, its audit
    /// entry and the event commit together), so restarts and concurrent replicas never send one twice.
    /// Returns how many notices this call sent.
    @discardableResult
    public func sendSunsetNotices(daysBefore: Int, by principal: Principal) async throws -> Int {
        try AccessPolicy.authorize(principal, .manageLifecycle)
        guard daysBefore >= 0 else { throw DomainError.invalidField("days_before", "must not be negative") }
        let now = clock()
        let due = try await store.read { try await $0.sunsetNoticesDue(now: now, dueBefore: now.addingTimeInterval(Double(daysBefore) * 86_400)) }
        var sent = 0
        for notice in due {
            let claimed = try await store.write { tx in
                guard try await tx.claimSunsetNotice(versionID: notice.versionID, at: now),
                      let version = try await tx.registryReader.version(id: notice.versionID) else { return false }
                try await tx.registryWriter.audit("version.sunset_notice", .version(notice.model, notice.number),
                                                  after: ["sunset": .string(Timestamp.format(notice.deprecation.sunsetAt)),
                                                          "replacement": .number(Double(notice.deprecation.replacement))],
                                                  by: principal, at: now)
                try await tx.registryWriter.appendEvent(DomainEvent(type: "version.sunset_approaching", model: notice.model, payload: [
                    "model": .string(notice.model), "version": .number(Double(notice.number)),
                    "replacement": .number(Double(notice.deprecation.replacement)), "reason": .string(notice.deprecation.reason),
                    "sunset": .string(Timestamp.format(notice.deprecation.sunsetAt)), "consumers": try await Self.audience(tx, version),
                ], createdAt: now))
                return true
            }
            if claimed { sent += 1 }
        }
        return sent
    }
}
