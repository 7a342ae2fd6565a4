import Foundation

/// Exact (batch) drift between two tables held in memory: every statistic from the full samples,
/// p-values included, with Evidently-compatible method choice and PSI beside every feature.
///
/// Features are the reference columns (minus the prediction column) that the current table also
/// has; they are computed concurrently, one column per task, so a wide table uses every core.
public enum ExactDrift {
    /// A report plus the columns that could not be compared.
    public struct Result: Sendable {
        public var report: DriftReport
        public var skipped: [SkippedColumn]
    }

    /// The drift report of `current` against `reference` (exact: true).
    public static func report(reference: [Column], current: [Column], settings: DriftSettings,
                              prediction: String? = nil) -> DriftReport {
        analyze(reference: reference, current: current, settings: settings, prediction: prediction).report
    }

    /// The report and the skipped columns (missing on one side, different kinds, no values, or a
    /// method that does not apply to the column kind).
    ///
    /// The columns are consumed: when the caller passes its last reference, each column is sorted in
    /// place and freed as soon as its feature is done, so a batch report needs almost no memory
    /// beyond the loaded data (a caller that keeps the columns gets copies, as usual).
    public static func analyze(reference: consuming [Column], current: consuming [Column], settings: DriftSettings,
                               prediction: String? = nil,
                               concurrency: Int = ProcessInfo.processInfo.activeProcessorCount) -> Result {
        var currentByName = Dictionary(current.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        current = []
        var skipped: [SkippedColumn] = []
        var pairs: [(Column, Column)] = []
        var names: [String] = []
        for column in reference {
            guard let other = currentByName.removeValue(forKey: column.name) else {
                skipped.append(SkippedColumn(name: column.name, reason: "not in the current data"))
                continue
            }
            guard column.kind == other.kind else {
                skipped.append(SkippedColumn(name: column.name, reason: "numeric on one side, categorical on the other"))
                continue
            }
            pairs.append((column, other))
            names.append(column.name)
        }
        reference = []
        for name in currentByName.keys.sorted() {
            skipped.append(SkippedColumn(name: name, reason: "not in the reference data"))
        }
        currentByName = [:]

        let work = WorkItems(pairs)
        pairs = []
        let outcomes = ConcurrentMap.map(Array(names.indices), concurrency: concurrency) { index in
            let (ref, cur) = work.take(index)
            return ExactFeature.compare(reference: ref, current: cur, settings: settings)
        }
        var features: [FeatureDrift] = []
        var predictionDrift: FeatureDrift?
        for (name, outcome) in zip(names, outcomes) {
            switch outcome {
            case .success(let drift):
                if name == prediction { predictionDrift = drift } else { features.append(drift) }
            case .failure(let reason):
                skipped.append(SkippedColumn(name: name, reason: reason.message))
            }
        }
        let report = DriftReport(features: features, prediction: predictionDrift, exact: true, driftShare: settings.driftShare)
        return Result(report: report, skipped: skipped)
    }
}

/// Why one column was left out of a report.
struct SkipReason: Error, Sendable {
    var message: String
}

/// `map` over an array on `concurrency` threads, results in input order.
enum ConcurrentMap {
    static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], concurrency: Int,
                                                       _ transform: @escaping @Sendable (Input) -> Output) -> [Output] {
        guard inputs.count > 1, concurrency > 1 else { return inputs.map(transform) }
        let results = ResultSlots<Output>(count: inputs.count)
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: min(concurrency, inputs.count)) { _ in
            while true {
                let index = next.increment()
                guard index < inputs.count else { return }
                results.store(transform(inputs[index]), at: index)
            }
        }
        return results.values()
    }
}

/// One slot per result; each slot is written by exactly one thread before `values()` reads them.
final class ResultSlots<Output>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Output?>
    private let count: Int
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    func store(_ value: Output, at index: Int) { slots[index] = value }
    func values() -> [Output] { (0..<count).map { slots[$0]! } }
}

/// Column pairs handed to worker threads by move, so each worker owns (and may sort in place) the
/// only reference to its arrays.
final class WorkItems: @unchecked Sendable {
    private var items: [(Column, Column)?]
    private let lock = NSLock()
    init(_ items: [(Column, Column)]) { self.items = items }
    func take(_ index: Int) -> (Column, Column) {
        lock.lock()
        defer { lock.unlock() }
        let item = items[index]!
        items[index] = nil
        return item
    }
}

/// A lock-protected counter handing out work items to the threads of ``ConcurrentMap``.
final class AtomicCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value - 1
    }
}
