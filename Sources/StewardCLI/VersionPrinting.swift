/// Tables for versions and their files.
enum VersionPrinting {
    /// One row per version; `showModel` adds a MODEL column (for searches across models).
    static func table(_ versions: [Version], showModel: Bool) -> String {
        var headers = ["VERSION", "STATUS", "ALIASES", "FILES", "SIZE", "CREATED", "DESCRIPTION"]
        if showModel { headers.insert("MODEL", at: 0) }
        var table = TableFormatter(headers: headers)
        for version in versions {
            var row = [
                String(version.version),
                version.status.rawValue,
                version.aliases.isEmpty ? Cells.none : version.aliases.sorted().joined(separator: ","),
                String(version.files.count),
                ByteCount.format(totalSize(version.files)),
                Cells.date(version.createdAt),
                Cells.summary(version.description),
            ]
            if showModel { row.insert(version.model, at: 0) }
            table.append(row)
        }
        return table.render()
    }

    /// Every field of one version, then its files.
    static func details(_ version: Version) -> String {
        let summary = TableFormatter.details([
            ("Model", version.model),
            ("Version", String(version.version)),
            ("Status", version.status.rawValue),
            ("Lifecycle", LifecyclePrinting.summary(version)), // issue 6
            ("Description", Cells.summary(version.description, width: 100)),
            ("Aliases", version.aliases.isEmpty ? Cells.none : version.aliases.sorted().joined(separator: ", ")),
            ("Source", Cells.text(version.source)),
            ("Tags", Cells.pairs(version.tags.additionalProperties)),
            ("Params", Cells.pairs(version.params.additionalProperties)),
            ("Metrics", Cells.metrics(version.metrics.additionalProperties)),
            ("Input schema", TableFormatter.truncate(Cells.json(version.inputSchema), to: 100)),
            ("Output schema", TableFormatter.truncate(Cells.json(version.outputSchema), to: 100)),
            ("Manifest digest", Cells.text(version.manifestDigest)),
            ("Created", "\(Cells.date(version.createdAt)) by \(version.createdBy)"),
            ("Updated", Cells.date(version.updatedAt)),
            ("Sealed", Cells.date(version.sealedAt)),
            ("Files", "\(version.files.count) (\(ByteCount.format(totalSize(version.files))))"),
        ])
        guard !version.files.isEmpty else { return summary }
        return summary + "\n\n" + files(version.files)
    }

    /// One row per file.
    static func files(_ files: [FileEntry]) -> String {
        var table = TableFormatter(headers: ["PATH", "SIZE", "SHA256"])
        for file in files {
            table.append([file.path, ByteCount.format(file.size), file.sha256])
        }
        return table.render()
    }

    /// The sum of the files' sizes.
    static func totalSize(_ files: [FileEntry]) -> Int64 {
        files.reduce(0) { $0 + $1.size }
    }
}
