/// Tables for models.
enum ModelPrinting {
    /// One row per model.
    static func table(_ models: [Model]) -> String {
        var table = TableFormatter(headers: ["NAME", "LATEST", "ALIASES", "OWNER", "UPDATED", "DESCRIPTION"])
        for model in models {
            table.append([
                model.name,
                Cells.number(model.latestVersion),
                aliases(model),
                Cells.text(model.owner),
                Cells.date(model.updatedAt),
                Cells.summary(model.description),
            ])
        }
        return table.render()
    }

    /// Every field of one model.
    static func details(_ model: Model) -> String {
        TableFormatter.details([
            ("Name", model.name),
            ("Description", Cells.summary(model.description, width: 100)),
            ("Visibility", model.visibility?.rawValue ?? Cells.none),
            ("Owner", Cells.text(model.owner)),
            ("Task", Cells.text(model.task)),
            ("Framework", Cells.text(model.framework)),
            ("Latest version", Cells.number(model.latestVersion)),
            ("Aliases", aliases(model)),
            ("Tags", Cells.pairs(model.tags.additionalProperties)),
            ("Card", Cells.json(model.card.additionalProperties)),
            ("Created", "\(Cells.date(model.createdAt)) by \(model.createdBy)"),
            ("Updated", Cells.date(model.updatedAt)),
        ])
    }

    /// `alias=version` pairs sorted by alias, or `-`.
    static func aliases(_ model: Model) -> String {
        Cells.pairs(model.aliases.additionalProperties.mapValues(String.init))
    }
}
