import StewardAPI

/// Tables for lineage graphs and comparisons.
enum LineagePrinting {
    static func upstream(_ lineage: UpstreamLineage) -> String {
        var lines = ["\(lineage.model) v\(lineage.version)" + (lineage.tainted ? "  TAINTED" : "")]
        for taint in lineage.taints {
            lines.append("  tainted by \(taint.dataset) v\(taint.datasetVersion): \(taint.reason.rawValue), \(taint.comment)")
        }
        if lineage.runs.isEmpty { lines.append("  (no run recorded)") }
        for run in lineage.runs {
            lines.append("  <- run \(run.runId) \(run.name) [\(run.status)] code \(run.codeVersion ?? Cells.none)")
            for input in lineage.inputs where input.runId == run.runId {
                let version = input.datasetVersion
                lines.append("     <- \(version.dataset) v\(version.version) \(version.digest) (\(input.context ?? "input"))"
                             + (version.tainted ? "  TAINTED: \(version.taint?.reason.rawValue ?? "")" : ""))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func downstream(_ lineage: DownstreamLineage) -> String {
        let source = lineage.datasetVersion
        var table = TableFormatter(headers: ["MODEL", "VERSION", "STATUS", "RUN", "ALIASES", "CONSUMERS"])
        for version in lineage.modelVersions {
            table.append([version.model, String(version.version), version.status, version.runId, Cells.list(version.aliases),
                          Cells.list(version.consumers.map { "\($0.consumer)(\($0.count))" })])
        }
        return "\(source.dataset) v\(source.version) \(source.digest)" + (source.tainted ? "  TAINTED" : "")
            + "\nruns: \(lineage.runs.count), model versions: \(lineage.modelVersions.count)\n" + table.render()
    }

    static func comparison(_ comparison: VersionComparison) -> String {
        var table = TableFormatter(headers: ["KIND", "KEY", "FROM", "TO", "CHANGE"])
        for entry in comparison.data {
            table.append(["data", entry.key, entry.from.map { "v\($0.version)" } ?? Cells.none, entry.to.map { "v\($0.version)" } ?? Cells.none,
                          entry.change.rawValue])
        }
        let code = comparison.code
        table.append(["code", "code_version", Cells.text(code.from.codeVersion), Cells.text(code.to.codeVersion), code.changed ? "changed" : "unchanged"])
        for entry in comparison.params {
            table.append(["param", entry.key, Cells.text(entry.from), Cells.text(entry.to), entry.change.rawValue])
        }
        for entry in comparison.metrics {
            table.append(["metric", entry.key, entry.from.map { "\($0)" } ?? Cells.none, entry.to.map { "\($0)" } ?? Cells.none, entry.change.rawValue])
        }
        return "\(comparison.model): v\(comparison.from.version) -> v\(comparison.to.version)\n" + table.render()
    }
}
