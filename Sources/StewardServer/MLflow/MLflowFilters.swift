import StewardCore

/// Translates MLflow's registry search filters to Steward's filter grammar where they overlap.
/// Only the differences are handled here: the prompt-exclusion clause the client always appends,
/// `source_path` (Steward's `source`) and `run_id` (a tracking fact of the version).
enum MLflowFilters {
    /// The tag MLflow uses to mark a registered model as a prompt.
    static let promptTag = "mlflow.prompt.is_prompt"

    /// Registered-model filter without the client's ``tag.`mlflow.prompt.is_prompt` != 'true'``
    /// clause. MLflow treats that clause as "is not a prompt" (models without the tag match), which
    /// the caller applies by dropping prompt-tagged models.
    static func registeredModels(_ text: String?) throws -> String? {
        let conjuncts = try parse(text).filter { term in
            !(term.field.namespace == "tag" && term.field.name == promptTag && term.op == .notEqual)
        }
        return render(conjuncts)
    }

    /// Model-version filter with `source_path` renamed and the `run_id` condition split off.
    static func modelVersions(_ text: String?) throws -> (filter: String?, runCondition: TrackingTerm?) {
        var runCondition: TrackingTerm?
        var rest: [FilterComparison] = []
        for var term in try parse(text) {
            if term.field.namespace == nil && term.field.name == "run_id" {
                guard runCondition == nil else { throw MLflowError.invalid("Invalid filter: run_id may be compared only once.") }
                let value: ResolvedValue = switch term.value {
                case .string(let id): .text(id)
                case .list(let items): .list(try items.map { item in
                    guard case .string(let id) = item else { throw MLflowError.invalid("Invalid filter: run ids are strings; quote them.") }
                    return .text(id)
                })
                case .number: throw MLflowError.invalid("Invalid filter: run ids are strings; quote them.")
                }
                runCondition = TrackingTerm(field: .attribute("run_id"), op: term.op, value: value)
                continue
            }
            if term.field.namespace == nil && term.field.name == "source_path" { term.field.name = "source" }
            rest.append(term)
        }
        return (render(rest), runCondition)
    }

    /// `order_by` for registered models: MLflow's `timestamp` means the last update.
    static func registeredModelOrder(_ clauses: [String]) -> [String] {
        clauses.map { clause in
            let words = clause.split(separator: " ", maxSplits: 1).map(String.init)
            guard let first = words.first, first.lowercased() == "timestamp" || first.lowercased() == "attributes.timestamp" else { return clause }
            return (["last_updated_timestamp"] + words.dropFirst()).joined(separator: " ")
        }
    }

    /// The top-level AND terms of a filter (MLflow filters have neither OR nor parentheses).
    private static func parse(_ text: String?) throws -> [FilterComparison] {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        let expression: FilterExpression?
        do {
            expression = try FilterParser.parse(text)
        } catch {
            throw MLflowError.invalid("Invalid filter: \(error.message) at position \(error.position).")
        }
        var terms: [FilterComparison] = []
        func collect(_ expression: FilterExpression) throws {
            switch expression {
            case .comparison(let term): terms.append(term)
            case .and(let lhs, let rhs):
                try collect(lhs)
                try collect(rhs)
            case .or: throw MLflowError.invalid("Invalid filter: OR is not supported in MLflow filters; use AND.")
            }
        }
        if let expression { try collect(expression) }
        return terms
    }

    private static func render(_ terms: [FilterComparison]) -> String? {
        terms.isEmpty ? nil : terms.map { FilterExpression.comparison($0).text }.joined(separator: " AND ")
    }
}
