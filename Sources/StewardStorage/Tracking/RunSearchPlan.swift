import SQLKit
import StewardCore

/// How a run search with metric filters is written for SQLite, which plans from the text of a
/// query and keeps no statistics on how many rows a range of metric values holds.
///
/// Why: the plain form, `r.id IN (SELECT run_id FROM run_latest_metrics …)` under the default order
/// (newest first), makes SQLite walk every run of the experiment and check each against the list:
/// 15–20 ms per page at 50,000 runs, whether a thousand runs match or three. Which plan is right
/// depends on how many runs match, so one cheap count on the metric index decides:
/// - **dense** (at least `cap` matches): metric terms become correlated `EXISTS`; SQLite walks the
///   runs newest first and stops when the page is full (0.3 ms for `metrics.acc > 0.5`). Param and
///   tag terms stay `IN` lists: they have no (key, value) index, so a per-run `EXISTS` on a param
///   that never matches would cost more than the list (measured 141 ms against 18 ms at 50,000 runs).
/// - **sparse**: the sparsest metric term stays `IN` and drives the search (its few runs are looked
///   up by id and sorted); the experiment and stage conditions are kept from driving with a unary
///   `+`, and the other keyed terms are checked per run with `EXISTS`.
///
/// Only conjunctions (MLflow's grammar) under the default order are planned; anything else keeps
/// the plain form, which is correct for every query. PostgreSQL always gets the plain form.
struct RunSearchPlan {
    var keyedForm: TrackingFilterSQL.KeyedForm = .inList
    var driver: TrackingTerm?
    /// Whether the experiment and stage conditions must not drive the search: the sparse plan,
    /// where the driver's few runs do.
    var demoteRunColumns: Bool { driver != nil }

    /// The plain form: what PostgreSQL and every query outside the planned shape get.
    static let plain = RunSearchPlan()

    /// Matches counted before a filter is called dense: ten pages' worth of the rows the query needs.
    static func cap(rowsNeeded: Int) -> Int { max(100, 10 * rowsNeeded) }

    static func choose(_ query: TrackingQuery, db: any SQLDatabase) async throws -> RunSearchPlan {
        guard db.dialect.name == "sqlite", query.order.isEmpty, let filter = query.filter,
              let terms = conjunction(filter) else { return .plain }
        let metrics = terms.filter { if case .metric = $0.field { true } else { false } }
        guard !metrics.isEmpty else { return .plain }
        let cap = Self.cap(rowsNeeded: query.offset + query.maxResults + 1)
        var sparsest: (term: TrackingTerm, count: Int)?
        for term in metrics {
            guard case .metric(let key) = term.field else { continue }
            // Index-only (run_latest_metrics_lookup is key, value, run_id) and at most `cap` steps
            // when the filter is dense.
            let rows = try await db.raw("""
                SELECT COUNT(*) AS n FROM (SELECT 1 FROM run_latest_metrics WHERE key = \(bind: key)
                """ + " AND " + FilterSQL.predicate("value", term.op, term.value) + " LIMIT \(literal: cap)) probe").all()
            let count = try rows.first?.int("n") ?? 0
            if count < (sparsest?.count ?? cap) { sparsest = (term, count) }
        }
        if let sparsest { return RunSearchPlan(keyedForm: .existsButDriver, driver: sparsest.term) }
        return RunSearchPlan(keyedForm: .existsForMetrics)
    }

    /// The terms of a filter that is a plain conjunction, or nil when it holds an `OR`.
    static func conjunction(_ filter: TrackingFilter) -> [TrackingTerm]? {
        switch filter {
        case .term(let term): [term]
        case .and(let lhs, let rhs): conjunction(lhs).flatMap { left in conjunction(rhs).map { left + $0 } }
        case .or: nil
        }
    }
}
