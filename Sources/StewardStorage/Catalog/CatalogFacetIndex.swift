import Foundation
import NIOConcurrencyHelpers
import SQLKit
import StewardCore

/// The facet columns of every model, in memory, for a database only this process writes (embedded
/// SQLite: one server owns the data directory, see `DataDirectoryLock`).
///
/// Counting facets over the whole catalog is a grouping over every visible model: at 100,000 models
/// SQLite needs 40–70 ms for it even from a covering index, while the same grouping over these
/// arrays takes a few milliseconds. The index is used only while it is current: it is tagged with the
/// generation read *before* its snapshot was loaded, and any committed write to models, grants,
/// alerts or alert rules bumps the generation (`WriteJournal.catalogChanged`). A search that finds it
/// stale counts in SQL as before and starts a rebuild in the background, so answers are always those
/// of the committed data. With PostgreSQL other replicas write too, so there is no index there.
public final class CatalogFacetIndex: Sendable {
    /// One loaded copy of the facet columns.
    struct Snapshot: Sendable {
        var generation: UInt64
        /// Per facet (in `CatalogFacet.allCases` order): code → value; code 0 is "no value".
        var dictionaries: [[String?]]
        /// `facets.count` codes per model, model after model.
        var codes: [UInt16]
        /// Whether the model's visibility is `internal`.
        var isInternal: [Bool]
        /// Model positions granted to an account id (`account:<id>`) or a team (`team:<name>`).
        var grants: [String: [Int32]]
        /// Model position by search document (`catalog_documents.doc`, the FTS5 rowid); -1 for none.
        var positionByDocument: [Int32]
        var count: Int { isInternal.count }
    }

    private struct State {
        var generation: UInt64 = 0
        var snapshot: Snapshot?
        var rebuilding = false
        /// The generation whose load failed (too many distinct values, a database error): not
        /// retried until a write changes the generation, so searches do not each pay a failed load.
        var failedGeneration: UInt64?
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    /// Marks every loaded snapshot stale (a committed write changed what facets count).
    public func invalidate() { state.withLockedValue { $0.generation &+= 1 } }

    /// The snapshot, when it is current.
    func current() -> Snapshot? {
        state.withLockedValue { state in state.snapshot.flatMap { $0.generation == state.generation ? $0 : nil } }
    }

    /// Loads a fresh snapshot in the background unless one is already loading.
    func rebuildInBackground(_ backend: any DatabaseBackend) {
        guard let generation = beginRebuild() else { return }
        Task.detached(priority: .utility) { [self] in await self.rebuild(backend, generation: generation) }
    }

    /// Loads a fresh snapshot now and waits for it (tests).
    func rebuildNow(_ backend: any DatabaseBackend) async throws {
        let generation = state.withLockedValue { $0.generation }
        let snapshot = try await backend.withReader { db in try await Self.load(db, generation: generation) }
        state.withLockedValue { $0.snapshot = snapshot }
    }

    private func beginRebuild() -> UInt64? {
        state.withLockedValue { state in
            guard !state.rebuilding, state.failedGeneration != state.generation else { return nil }
            state.rebuilding = true
            return state.generation // read before the snapshot: a write committed during the load makes it stale
        }
    }

    private func rebuild(_ backend: any DatabaseBackend, generation: UInt64) async {
        let snapshot = try? await backend.withReader { db in try await Self.load(db, generation: generation) }
        state.withLockedValue { state in
            state.rebuilding = false
            if let snapshot { state.snapshot = snapshot } else { state.failedGeneration = generation }
        }
    }

    /// Reads the facet columns of every model, its monitoring health and the grants, in one read transaction.
    static func load(_ db: any SQLDatabase, generation: UInt64) async throws -> Snapshot {
        try await db.raw("BEGIN").run() // one consistent snapshot across the four reads
        do {
            let snapshot = try await loadRows(db, generation: generation)
            try await db.raw("COMMIT").run()
            return snapshot
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    private static func loadRows(_ db: any SQLDatabase, generation: UInt64) async throws -> Snapshot {
        let alerting = Set(try await db.raw("SELECT DISTINCT model_id FROM alerts WHERE state = 'open'").all().map { try $0.string("model_id") })
        let watched = Set(try await db.raw("SELECT DISTINCT model_id FROM alert_rules").all().map { try $0.string("model_id") })
        let facets = CatalogFacet.allCases
        precondition(facets.count <= 8, "ComboKey packs at most eight facets")
        var dictionaries = [[String?]](repeating: [nil], count: facets.count)
        var lookup = [[String: UInt16]](repeating: [:], count: facets.count)
        var codes: [UInt16] = []
        var isInternal: [Bool] = []
        var positions: [String: Int32] = [:]
        func code(_ facet: Int, _ value: String?) throws -> UInt16 {
            guard let value else { return 0 }
            if let known = lookup[facet][value] { return known }
            guard dictionaries[facet].count < Int(UInt16.max) else { throw CatalogFacetIndexFull() }
            let next = UInt16(dictionaries[facet].count)
            dictionaries[facet].append(value)
            lookup[facet][value] = next
            return next
        }
        let rows = try await db.raw("""
            SELECT id, task, framework, owner, lifecycle, license, source_kind, visibility FROM models
            """).all()
        codes.reserveCapacity(rows.count * facets.count)
        isInternal.reserveCapacity(rows.count)
        for row in rows {
            let id = try row.string("id")
            positions[id] = Int32(isInternal.count)
            for (index, facet) in facets.enumerated() {
                let value: String? = switch facet {
                case .task: try row.optionalString("task")
                case .framework: try row.optionalString("framework")
                case .owner: try row.optionalString("owner")
                case .lifecycle: try row.optionalString("lifecycle")
                case .license: try row.optionalString("license")
                case .source: try row.optionalString("source_kind")
                case .health: alerting.contains(id) ? MonitoringHealth.alerting.rawValue
                    : watched.contains(id) ? MonitoringHealth.healthy.rawValue : MonitoringHealth.unmonitored.rawValue
                }
                codes.append(try code(index, value))
            }
            isInternal.append(try row.string("visibility") == "internal")
        }
        var grants: [String: [Int32]] = [:]
        for row in try await db.raw("SELECT model_id, subject_id, subject_kind, subject_name FROM model_grants").all() {
            guard let position = positions[try row.string("model_id")] else { continue }
            grants["account:" + (try row.string("subject_id")), default: []].append(position)
            if try row.string("subject_kind") == "team" { grants["team:" + (try row.string("subject_name")), default: []].append(position) }
        }
        var positionByDocument: [Int32] = []
        for row in try await db.raw("SELECT doc, model_id FROM catalog_documents").all() {
            guard let position = positions[try row.string("model_id")] else { continue }
            let doc = Int(try row.int64("doc"))
            guard doc >= 0, doc < 1 << 28 else { throw CatalogFacetIndexFull() } // rowids are small and dense; anything else counts in SQL
            if doc >= positionByDocument.count { positionByDocument.append(contentsOf: repeatElement(-1, count: doc + 1 - positionByDocument.count)) }
            positionByDocument[doc] = position
        }
        return Snapshot(generation: generation, dictionaries: dictionaries, codes: codes, isInternal: isInternal, grants: grants,
                        positionByDocument: positionByDocument)
    }
}

/// More distinct values in one facet than the index can code: searches keep counting in SQL.
struct CatalogFacetIndexFull: Error {}

extension CatalogFacetIndex.Snapshot {
    /// Model positions of search documents, given as the FTS5 rowids SQLite lists (`group_concat`).
    func positions(documents list: String) -> [Int32] {
        var positions: [Int32] = []
        var value = 0
        var digits = 0
        func flush() {
            if digits > 0, value < positionByDocument.count, positionByDocument[value] >= 0 { positions.append(positionByDocument[value]) }
            value = 0
            digits = 0
        }
        for byte in list.utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                value = min(value * 10 + Int(byte - UInt8(ascii: "0")), Int(Int32.max))
                digits += 1
            } else {
                flush()
            }
        }
        flush()
        return positions
    }

    /// Facet combinations of the models `scope` may see, with their counts: what the SQL grouping
    /// in `catalogFacetCombos` returns for a search without filter (and, given `among`, for the
    /// models whose documents matched the text).
    func combos(visibleTo scope: VisibilityScope, among candidates: [Int32]? = nil) -> [FacetCombo] {
        let width = dictionaries.count
        var visible = [Bool](repeating: scope.unrestricted, count: count)
        if !scope.unrestricted {
            // The rule of `SQLRegistryAccess.visibleModels`: internal models for any role, the
            // models the caller's teams own, and those granted to the caller or its teams.
            let ownerFacet = CatalogFacet.allCases.firstIndex(of: .owner)!
            var teamCodes = Set<UInt16>()
            for (code, value) in dictionaries[ownerFacet].enumerated() where value.map(scope.teams.contains) == true { teamCodes.insert(UInt16(code)) }
            for position in 0..<count where (scope.seesInternal && isInternal[position]) || teamCodes.contains(codes[position * width + ownerFacet]) {
                visible[position] = true
            }
            for key in ["account:" + scope.accountID] + scope.teams.map({ "team:" + $0 }) {
                for position in grants[key] ?? [] { visible[Int(position)] = true }
            }
        }
        var counts: [ComboKey: Int] = [:]
        var chosen = visible
        if let candidates {
            chosen = [Bool](repeating: false, count: count)
            for position in candidates where visible[Int(position)] { chosen[Int(position)] = true }
        }
        for position in 0..<count where chosen[position] {
            var key = ComboKey()
            for index in 0..<width { key.set(index, codes[position * width + index]) }
            counts[key, default: 0] += 1
        }
        let facets = CatalogFacet.allCases
        return counts.map { key, count in
            var values: [CatalogFacet: String] = [:]
            for (index, facet) in facets.enumerated() { if let value = dictionaries[index][Int(key.code(index))] { values[facet] = value } }
            return FacetCombo(values: values, count: count)
        }
    }
}

/// The codes of one model's facets (up to eight), packed into two words for hashing.
private struct ComboKey: Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    mutating func set(_ index: Int, _ code: UInt16) {
        if index < 4 { low |= UInt64(code) << (16 * index) } else { high |= UInt64(code) << (16 * (index - 4)) }
    }

    func code(_ index: Int) -> UInt16 {
        UInt16(truncatingIfNeeded: index < 4 ? low >> (16 * index) : high >> (16 * (index - 4)))
    }
}
