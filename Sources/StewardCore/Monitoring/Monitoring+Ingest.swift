import Foundation

/// What an ingest call did: the version it hit and the rows accepted and rejected, by reason.
public struct IngestResult: Sendable, Equatable {
    public var model: String
    public var version: Int
    /// The alias the call named, when it came through one.
    public var alias: String?
    public var accepted: Int
    public var rejected: [String: Int]
    /// Pending labels that found their prediction in this batch.
    public var labelsJoined: Int
    /// Start (epoch ms) of each window the batch touched.
    public var windows: [Int64]
}

extension Monitoring {
    /// Ingests one batch of logged predictions. `parse` reads the batch with the monitor's columns
    /// (it runs after authorization, so a caller that may not write learns nothing from parsing,
    /// and throws for a malformed batch, which then stores nothing). Well-formed rows are checked
    /// against the input schema; rejected rows are counted and kept aside. Accepted rows go into
    /// partial window profiles and slim records for label joins. Everything commits in one
    /// transaction with one compact audit entry before the caller is answered.
    public func ingest(_ target: MonitorTarget, by principal: Principal,
                       parse: @Sendable (MonitorColumns, MonitorSettings) async throws -> [PredictionRow]) async throws -> IngestResult {
        let (model, version, settings, columns) = try await store.read { tx in
            let (model, version) = try await Self.requireTarget(tx.registryReader, target, principal, .writeVersion)
            let (settings, columns) = try await Self.monitorState(tx, version)
            return (model, version, settings, columns)
        }
        let rows = try await parse(columns, settings)
        guard rows.count <= maxBatchRows else {
            throw DomainError(.tooLarge, code: "batch_too_large", "A batch may hold at most \(maxBatchRows) rows; send smaller batches.")
        }
        let now = clock()
        let validator = RowValidator(columns: columns, settings: settings)
        let (valid, rejected) = validator.check(rows, receivedAt: Timestamp.milliseconds(now))
        let partials = profiler.partials(valid, columns: columns, settings: settings)
        let records = valid.map { StoredPrediction(rowID: $0.row.id, windowStart: $0.window, prediction: $0.row.prediction.text ?? "",
                                                   probabilities: Self.probabilityText($0.row.probabilities)) }
        let profiler = self.profiler
        return try await store.write { tx in
            var (partials, rejected, accepted) = (partials, rejected, valid)
            let inserted = try await tx.insertPredictions(versionID: version.id, records, at: now)
            if inserted.count < records.count { // ids logged before: duplicates, kept out of the statistics
                let fresh = Set(inserted)
                for item in accepted where !fresh.contains(item.row.id) {
                    rejected.append(RowRejection(rowID: item.row.id, reason: .duplicateID, detail: "id '\(item.row.id.prefix(64))' was logged before",
                                                 raw: item.row.raw, windowStart: item.window))
                }
                accepted = accepted.filter { fresh.contains($0.row.id) }
                partials = profiler.partials(accepted, columns: columns, settings: settings)
            }
            try await tx.insertPartials(versionID: version.id, partials, at: now)
            try await tx.insertRejections(versionID: version.id, rejected, at: now)
            var rowCounts: [Int64: Int] = [:], rejectedCounts: [Int64: Int] = [:]
            for item in accepted { rowCounts[item.window, default: 0] += 1 }
            for item in rejected { rejectedCounts[item.windowStart, default: 0] += 1 }
            try await tx.countWindows(versionID: version.id, windowSeconds: settings.windowSeconds, rows: rowCounts, rejected: rejectedCounts, at: now)
            let joined = try await tx.joinPendingLabels(versionID: version.id, at: now)
            var reasons: [String: Int] = [:]
            for item in rejected { reasons[item.reason.rawValue, default: 0] += 1 }
            let windows = Set(rowCounts.keys).union(rejectedCounts.keys).sorted()
            var summary: [String: JSONValue] = ["accepted": .number(Double(accepted.count)), "labels_joined": .number(Double(joined)),
                                                "rejected": .object(reasons.mapValues { .number(Double($0)) })]
            if let alias = target.alias { summary["alias"] = .string(alias) }
            if let first = windows.first, let last = windows.last {
                summary["windows"] = ["from": .string(Timestamp.format(Timestamp.date(milliseconds: first))),
                                      "to": .string(Timestamp.format(Timestamp.date(milliseconds: last)))]
            }
            try await tx.registryWriter.audit("monitoring.ingest", .version(model.name, version.number), after: .object(summary), by: principal, at: now)
            return IngestResult(model: model.name, version: version.number, alias: target.alias, accepted: accepted.count,
                                rejected: reasons, labelsJoined: joined, windows: windows)
        }
    }

    /// `{"class": p}` as compact JSON text, written by hand: it runs once per logged row, where an
    /// encoder per row would cost more than the rest of ingest.
    static func probabilityText(_ probabilities: [ClassProbability]?) -> String? {
        guard let probabilities, !probabilities.isEmpty else { return nil }
        var text = "{"
        for (index, item) in probabilities.enumerated() {
            if index > 0 { text += "," }
            text += quoted(item.label)
            text += ":"
            text += "\(item.value)"
        }
        return text + "}"
    }

    /// A JSON string literal.
    static func quoted(_ value: String) -> String {
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) { return "\"" + value + "\"" }
        return JSONValue.string(value).jsonText
    }

    /// Parses `probabilityText` back.
    public static func probabilities(_ text: String?) -> [String: Double] {
        guard let text, case .object(let members)? = JSONValue(jsonText: text) else { return [:] }
        return members.compactMapValues { if case .number(let value) = $0 { value } else { nil } }
    }
}
