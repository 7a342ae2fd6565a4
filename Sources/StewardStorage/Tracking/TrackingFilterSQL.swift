import SQLKit
import StewardCore

/// Compiles tracking filters and orders to SQL with bound parameters. Only column names chosen here
/// are spliced into the text; every user value is a bind.
struct TrackingFilterSQL {
    let entity: TrackingEntity

    /// How keyed comparisons (metrics, params, tags) are written. `IN (SELECT owner …)` lets the
    /// database start from the side table, right when few owners match; a correlated `EXISTS`
    /// checks each owner as an ordered scan meets it, right when a page fills quickly. PostgreSQL
    /// plans both the same way from its statistics; SQLite follows the text (`RunSearchPlan`).
    enum KeyedForm {
        /// Every keyed term as `IN`.
        case inList
        /// Metric terms as `EXISTS` (an index seek per run); params and tags stay `IN`, because
        /// without a (key, value) index one `EXISTS` per run costs more than building their list.
        case existsForMetrics
        /// Every keyed term but `driver` as `EXISTS`: the driver's few runs are the candidates.
        case existsButDriver
    }
    let keyedForm: KeyedForm
    /// The keyed term SQLite starts from under `.existsButDriver`.
    let driver: TrackingTerm?

    init(entity: TrackingEntity, keyedForm: KeyedForm = .inList, driver: TrackingTerm? = nil) {
        self.entity = entity
        self.keyedForm = keyedForm
        self.driver = driver
    }

    /// The column of a canonical attribute, and whether it holds integers.
    func column(_ attribute: String) -> (String, integer: Bool)? {
        switch (entity, attribute) {
        case (.experiments, "name"): ("e.name", false)
        case (.experiments, "experiment_id"): ("CAST(e.id AS TEXT)", false)
        case (.experiments, "creation_time"): ("e.created_at", true)
        case (.experiments, "last_update_time"): ("e.updated_at", true)
        case (.runs, "run_id"): ("r.id", false)
        case (.runs, "run_name"): ("r.name", false)
        case (.runs, "status"): ("r.status", false)
        case (.runs, "user_id"): ("r.user_id", false)
        case (.runs, "artifact_uri"): ("r.artifact_uri", false)
        case (.runs, "lifecycle_stage"): ("r.lifecycle_stage", false)
        case (.runs, "start_time"): ("r.start_time", true)
        case (.runs, "end_time"): ("r.end_time", true)
        case (.loggedModels, "name"): ("lm.name", false)
        case (.loggedModels, "model_id"): ("lm.id", false)
        case (.loggedModels, "status"): ("lm.status", false)
        case (.loggedModels, "source_run_id"): ("lm.source_run_id", false)
        case (.loggedModels, "model_type"): ("lm.model_type", false)
        case (.loggedModels, "creation_timestamp"): ("lm.created_at", true)
        case (.loggedModels, "last_updated_timestamp"): ("lm.updated_at", true)
        default: nil
        }
    }

    /// The side table, owner column and owner id expression of a keyed field.
    func keyedTable(_ field: TrackingTerm.Field) -> (table: String, owner: String, id: String, key: String)? {
        switch (entity, field) {
        case (.experiments, .tag(let key)): ("experiment_tags", "experiment_id", "e.id", key)
        case (.runs, .tag(let key)): ("run_tags", "run_id", "r.id", key)
        case (.runs, .param(let key)): ("run_params", "run_id", "r.id", key)
        case (.runs, .metric(let key)): ("run_latest_metrics", "run_id", "r.id", key)
        default: nil
        }
    }

    func compile(_ filter: TrackingFilter) -> SQLQueryString {
        switch filter {
        case .and(let lhs, let rhs): return "(" + compile(lhs) + " AND " + compile(rhs) + ")"
        case .or(let lhs, let rhs): return "(" + compile(lhs) + " OR " + compile(rhs) + ")"
        case .term(let term): return compile(term)
        }
    }

    private func compile(_ term: TrackingTerm) -> SQLQueryString {
        switch term.field {
        case .attribute(let name):
            guard let (column, integer) = column(name) else { return "1 = 0" }
            return FilterSQL.predicate(column, term.op, integer ? Self.integral(term.value) : term.value)
        default:
            guard let keyed = keyedTable(term.field) else { return "1 = 0" }
            // MLflow semantics: a keyed comparison (even !=) only matches rows that have the key.
            let isMetric = if case .metric = term.field { true } else { false }
            if (keyedForm == .existsForMetrics && isMetric) || (keyedForm == .existsButDriver && term != driver) {
                return "EXISTS (SELECT 1 FROM \(ident: keyed.table) k WHERE k.\(ident: keyed.owner) = \(unsafeRaw: keyed.id) AND k.key = \(bind: keyed.key) AND "
                    + FilterSQL.predicate("k.value", term.op, term.value) + ")"
            }
            return "\(unsafeRaw: keyed.id) IN (SELECT \(ident: keyed.owner) FROM \(ident: keyed.table) WHERE key = \(bind: keyed.key) AND "
                + FilterSQL.predicate("value", term.op, term.value) + ")"
        }
    }

    /// Whole numbers become integer binds so they compare exactly with BIGINT columns.
    static func integral(_ value: ResolvedValue) -> ResolvedValue {
        switch value {
        case .number(let number) where number.rounded() == number && abs(number) < 9e15: .integer(Int64(number))
        case .list(let items): .list(items.map(integral))
        default: value
        }
    }

    /// `ORDER BY` terms; entries without a value (a run lacking the metric) sort last either way.
    func orderBy(_ order: [TrackingOrder], fallback: SQLQueryString) -> SQLQueryString {
        guard !order.isEmpty else { return fallback }
        var terms: [SQLQueryString] = []
        for key in order {
            let direction = key.descending ? "DESC" : "ASC"
            let expression: SQLQueryString
            switch key.field {
            case .attribute(let name):
                guard let (column, _) = column(name) else { continue }
                expression = "\(unsafeRaw: column)"
            default:
                guard let keyed = keyedTable(key.field) else { continue }
                expression = "(SELECT value FROM \(ident: keyed.table) WHERE \(ident: keyed.owner) = \(unsafeRaw: keyed.id) AND key = \(bind: keyed.key))"
            }
            terms.append("CASE WHEN " + expression + " IS NULL THEN 1 ELSE 0 END, " + expression + " \(unsafeRaw: direction)")
        }
        terms.append(fallback)
        return terms.joined(separator: ", ")
    }
}
