import Foundation

/// What a garbage collection did (or, in a dry run, would do).
public struct GarbageReport: Sendable, Equatable {
    public var dryRun: Bool
    /// Blobs recorded as candidates by this run's mark phase (0 when it finished an earlier run's marks).
    public var marked: Int = 0
    /// Blobs deleted (in a dry run: that would be deleted) and their bytes.
    public var deleted: Int = 0
    public var bytesReclaimed: Int64 = 0
    /// Candidates found referenced again (or re-uploaded) at sweep time, and so kept.
    public var keptReferenced: Int = 0
    /// Candidates still marked (a `limit` stopped the sweep).
    public var remaining: Int = 0

    public init(dryRun: Bool) { self.dryRun = dryRun }
}

extension Retention {
    /// Crash-safe mark and sweep of unreferenced blobs (administrators only).
    ///
    /// Mark: when no earlier run left candidates, every stored blob that nothing references and that
    /// is older than `graceSeconds` (so an upload whose file row is not committed yet is never
    /// taken) is recorded in the candidate table. Sweep: batches of candidates are claimed in a
    /// transaction that blocks new references, each is re-checked (referenced again, or re-uploaded
    /// since it was marked, means kept), deleted from disk, and its row removed in that same
    /// transaction. A crash anywhere leaves either marks (the next run sweeps them) or rows for
    /// files already gone (the next run removes the rows): nothing referenced is lost and nothing
    /// dangles. `limit` bounds the blobs swept by this call (the CLI calls again for progress).
    public func collectGarbage(dryRun: Bool, graceSeconds: Int = 3600, limit: Int? = nil, by principal: Principal) async throws -> GarbageReport {
        try AccessPolicy.authorize(principal, .manageLifecycle)
        guard graceSeconds >= 0 else { throw DomainError.invalidField("grace_seconds", "must not be negative") }
        if let limit, limit < 1 { throw DomainError.invalidField("limit", "must be at least 1") }
        guard let blobs else { throw DomainError(.unavailable, code: "unavailable", "No blob store is configured.") }
        let now = clock()
        var report = GarbageReport(dryRun: dryRun)
        let pending = try await store.read { try await $0.garbageCandidateCount() }
        if pending == 0 || dryRun {
            let referenced = try await store.read { try await $0.referencedBlobs() }
            let cutoff = now.addingTimeInterval(-Double(graceSeconds))
            let candidates = try await blobs.storedBlobs().filter { !referenced.contains($0.sha256) && $0.modifiedAt <= cutoff }
            if dryRun {
                report.deleted = candidates.count
                report.bytesReclaimed = candidates.reduce(0) { $0 + $1.size }
                report.remaining = pending
                return report
            }
            for start in stride(from: 0, to: candidates.count, by: 500) {
                let chunk = candidates[start..<min(start + 500, candidates.count)].map { GarbageCandidate(sha256: $0.sha256, size: $0.size, markedAt: now) }
                try await store.write { tx in try await tx.markGarbage(chunk) }
            }
            report.marked = candidates.count
        }
        checkpoint("gc-after-mark")
        let swept = try await sweep(limit: limit, by: principal, audit: false)
        report.deleted = swept.deleted
        report.bytesReclaimed = swept.bytesReclaimed
        report.keptReferenced = swept.keptReferenced
        report.remaining = swept.remaining
        try await auditRun(report, always: true, by: principal, at: now)
        return report
    }

    /// Sweeps marked candidates (all, or up to `limit`).
    func sweep(limit: Int?, by principal: Principal, audit: Bool = true) async throws -> GarbageReport {
        guard let blobs else { return GarbageReport(dryRun: false) }
        var report = GarbageReport(dryRun: false)
        var budget = limit ?? Int.max
        while budget > 0 {
            let size = min(500, budget)
            let batch = try await store.write { tx -> (deleted: Int, bytes: Int64, kept: Int, claimed: Int) in
                let claimed = try await tx.claimGarbage(limit: size)
                guard !claimed.isEmpty else { return (0, 0, 0, 0) }
                let referenced = try await tx.referenced(among: claimed.map(\.sha256))
                var deleted = 0, bytes: Int64 = 0, kept = 0
                for candidate in claimed {
                    let modified = blobs.modificationDate(of: candidate.sha256)
                    if referenced.contains(candidate.sha256) || (modified.map { $0 > candidate.markedAt } ?? false) {
                        kept += 1
                        continue
                    }
                    // Deleted before the row: a crash in between leaves a row whose file is gone,
                    // which the next sweep removes; never a referenced file without its bytes.
                    try blobs.removeBlob(candidate.sha256)
                    if modified != nil {
                        deleted += 1
                        bytes += candidate.size
                    }
                }
                try await tx.unmarkGarbage(claimed.map(\.sha256))
                return (deleted, bytes, kept, claimed.count)
            }
            if batch.claimed == 0 { break }
            budget -= batch.claimed
            report.deleted += batch.deleted
            report.bytesReclaimed += batch.bytes
            report.keptReferenced += batch.kept
        }
        report.remaining = try await store.read { try await $0.garbageCandidateCount() }
        if audit { try await auditRun(report, always: false, by: principal, at: clock()) }
        return report
    }

    /// One audit entry per collection run (a sweep after retention records one only when it did something).
    private func auditRun(_ report: GarbageReport, always: Bool, by principal: Principal, at now: Date) async throws {
        guard always || report.marked > 0 || report.deleted > 0 || report.keptReferenced > 0 else { return }
        try await store.write { tx in
            try await tx.registryWriter.audit("gc.run", AuditTarget("blobs", id: "gc"), after: [
                "marked": .number(Double(report.marked)), "deleted": .number(Double(report.deleted)),
                "bytes_reclaimed": .number(Double(report.bytesReclaimed)), "kept_referenced": .number(Double(report.keptReferenced)),
                "remaining": .number(Double(report.remaining)),
            ], by: principal, at: now)
        }
    }
}
