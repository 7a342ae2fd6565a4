import Foundation

/// What must hold of a version before a protected alias may point at it. Checked when a promotion
/// is requested (recorded as evidence) and again when it completes.
public struct PromotionGates: Sendable, Equatable, Codable {
    /// Model card fields that must be filled (not absent, null, empty text, list or object).
    public var requiredCardFields: [String]
    /// Evaluation metric bounds, e.g. `accuracy >= 0.9`; a missing metric fails.
    public var metrics: [MetricThreshold]
    public var requireInputSchema: Bool
    /// The version's run must have read at least one registered dataset version.
    public var requireDatasetLineage: Bool
    /// No flagged dataset upstream (the taint rule refuses such moves anyway; this makes it evidence).
    public var forbidTainted: Bool

    public init(requiredCardFields: [String] = [], metrics: [MetricThreshold] = [], requireInputSchema: Bool = false,
                requireDatasetLineage: Bool = false, forbidTainted: Bool = true) {
        self.requiredCardFields = requiredCardFields
        self.metrics = metrics
        self.requireInputSchema = requireInputSchema
        self.requireDatasetLineage = requireDatasetLineage
        self.forbidTainted = forbidTainted
    }

    enum CodingKeys: String, CodingKey {
        case requiredCardFields = "required_card_fields", metrics, requireInputSchema = "require_input_schema"
        case requireDatasetLineage = "require_dataset_lineage", forbidTainted = "forbid_tainted"
    }

    func problems() -> [FieldError] {
        var errors: [FieldError] = []
        if requiredCardFields.count > 100 || metrics.count > 100 {
            errors.append(FieldError(field: "gates", message: "at most 100 card fields and 100 metric thresholds"))
        }
        for field in requiredCardFields where field.isEmpty || field.count > 250 {
            errors.append(FieldError(field: "gates.required_card_fields", message: "field names are 1 to 250 characters"))
        }
        return errors
    }

    /// Evaluates every gate against a version, its model's card and its lineage, in a fixed order.
    public func evaluate(model: RegisteredModel, version: ModelVersion, lineage: LineageSummary) -> [GateResult] {
        var results: [GateResult] = []
        let card: [String: JSONValue] = if case .object(let fields) = model.card { fields } else { [:] }
        for field in requiredCardFields {
            let filled = card[field].map(Self.isFilled) ?? false
            results.append(GateResult(gate: "card_field", subject: field, passed: filled,
                                      detail: filled ? "filled" : "model card field '\(field)' is missing or empty"))
        }
        for threshold in metrics {
            let detail: String, passed: Bool
            if let actual = version.metrics[threshold.metric] {
                passed = threshold.holds(actual)
                detail = "\(threshold.metric) = \(MetricThreshold.format(actual))\(passed ? "" : ", needs \(threshold.comparison.rawValue) \(MetricThreshold.format(threshold.value))")"
            } else {
                (passed, detail) = (false, "version \(version.number) has no metric '\(threshold.metric)'")
            }
            results.append(GateResult(gate: "metric", subject: threshold.description, passed: passed, detail: detail))
        }
        if requireInputSchema {
            let present = version.inputSchema.map { $0 != .null } ?? false
            results.append(GateResult(gate: "input_schema", subject: nil, passed: present,
                                      detail: present ? "present" : "version \(version.number) has no input schema"))
        }
        if requireDatasetLineage {
            let linked = !lineage.datasets.isEmpty
            let names = lineage.datasets.map { "\($0.dataset) v\($0.version)" }.joined(separator: ", ")
            results.append(GateResult(gate: "dataset_lineage", subject: nil, passed: linked,
                                      detail: linked ? "trained on \(names)" : "version \(version.number) has no run that read a registered dataset"))
        }
        if forbidTainted {
            let names = version.taints.map { "\($0.dataset.dataset) v\($0.dataset.version) (\($0.taint.reason.rawValue))" }
            results.append(GateResult(gate: "no_taint", subject: nil, passed: names.isEmpty,
                                      detail: names.isEmpty ? "no flagged data upstream" : "tainted by \(names.joined(separator: ", "))"))
        }
        return results
    }

    static func isFilled(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .string(let text): !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case .array(let items): !items.isEmpty
        case .object(let fields): !fields.isEmpty
        case .bool, .number: true
        }
    }
}

/// The outcome of one gate.
public struct GateResult: Sendable, Equatable {
    /// `card_field`, `metric`, `input_schema`, `dataset_lineage` or `no_taint`.
    public var gate: String
    /// The card field or threshold checked, when the gate has one.
    public var subject: String?
    public var passed: Bool
    public var detail: String

    public init(gate: String, subject: String?, passed: Bool, detail: String) {
        self.gate = gate
        self.subject = subject
        self.passed = passed
        self.detail = detail
    }

    public var json: JSONValue {
        ["gate": .string(gate), "subject": subject.map(JSONValue.string) ?? .null, "passed": .bool(passed), "detail": .string(detail)]
    }

    /// Throws 409 `promotion_gates_failed` listing each failed gate.
    static func requireAllPassed(_ results: [GateResult], _ what: String) throws {
        let failed = results.filter { !$0.passed }
        guard !failed.isEmpty else { return }
        let errors = failed.map { result in
            FieldError(field: result.subject.map { "\(result.gate):\($0)" } ?? result.gate, message: result.detail)
        }
        throw DomainError(.conflict, code: "promotion_gates_failed",
                          "\(what): \(failed.count) gate(s) failed: \(failed.map(\.detail).joined(separator: "; ")).", fieldErrors: errors)
    }
}
