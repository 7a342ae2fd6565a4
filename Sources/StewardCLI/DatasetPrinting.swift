import StewardAPI

/// Tables for datasets and their versions.
enum DatasetPrinting {
    static func table(_ datasets: [Dataset]) -> String {
        var table = TableFormatter(headers: ["NAME", "LATEST", "OWNER", "SOURCE", "LICENSE", "DESCRIPTION"])
        for dataset in datasets {
            table.append([dataset.name, String(dataset.latestVersion), Cells.text(dataset.owner), Cells.text(dataset.sourceSystem),
                          Cells.text(dataset.license), Cells.summary(dataset.description)])
        }
        return table.render()
    }

    static func table(_ versions: [DatasetVersion]) -> String {
        var table = TableFormatter(headers: ["VERSION", "DIGEST", "ROWS", "URI", "TAINT", "CREATED"])
        for version in versions {
            table.append([String(version.version), version.digest, version.rowCount.map(String.init) ?? Cells.none,
                          Cells.summary(version.uri), version.taint?.reason.rawValue ?? Cells.none, Cells.date(version.createdAt)])
        }
        return table.render()
    }

    static func details(_ dataset: Dataset) -> String {
        TableFormatter.details([
            ("Name", dataset.name), ("Description", Cells.summary(dataset.description, width: 100)),
            ("Owner", Cells.text(dataset.owner)), ("Source system", Cells.text(dataset.sourceSystem)),
            ("License", Cells.text(dataset.license)), ("Latest version", String(dataset.latestVersion)),
            ("Tags", Cells.pairs(dataset.tags.additionalProperties)),
            ("Created", "\(Cells.date(dataset.createdAt)) by \(dataset.createdBy)"), ("Updated", Cells.date(dataset.updatedAt)),
        ])
    }

    static func details(_ version: DatasetVersion) -> String {
        TableFormatter.details([
            ("Dataset", version.dataset), ("Version", String(version.version)), ("URI", version.uri), ("Digest", version.digest),
            ("Rows", version.rowCount.map(String.init) ?? Cells.none), ("Source system", Cells.text(version.sourceSystem)),
            ("License", Cells.text(version.license)), ("Tags", Cells.pairs(version.tags.additionalProperties)),
            ("Schema", Cells.json(version.schema)), ("Profile", Cells.json(version.profile)),
            ("Taint", version.taint.map { "\($0.reason.rawValue): \($0.comment) (by \($0.flaggedBy), \(Cells.date($0.flaggedAt)))" } ?? Cells.none),
            ("Created", "\(Cells.date(version.createdAt)) by \(version.createdBy)"),
        ])
    }

    static func change(_ change: TaintChange, verb: String) -> String {
        let affected = change.affectedVersions.map { "\($0.model)/\($0.version)" }
        return "\(verb) \(change.datasetVersion.dataset) v\(change.datasetVersion.version); model versions affected: "
            + (affected.isEmpty ? "none" : affected.joined(separator: ", "))
    }
}
