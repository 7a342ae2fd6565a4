import Foundation

extension Tracking {
    /// What a caller supplies to register a version from tracked artifacts.
    public struct RegistrationDraft: Sendable {
        /// `models:/<logged model id>`, `runs:/<run id>/<path>` or `mlflow-artifacts:/<path>`.
        public var source: String
        public var runID: String?
        public var runLink: String?
        public var description: String
        public var tags: [String: String]

        public init(source: String, runID: String?, runLink: String?, description: String, tags: [String: String]) {
            self.source = source
            self.runID = runID.flatMap { $0.isEmpty ? nil : $0 }
            self.runLink = runLink.flatMap { $0.isEmpty ? nil : $0 }
            self.description = description
            self.tags = tags
        }
    }

    /// Registers the artifact files behind `source` as a new, sealed version of `modelName`: the
    /// registry's import rule (create, attach every file, seal) and the version's tracking facts
    /// (run, source location) commit in one transaction. The version's manifest lists the files
    /// with the SHA-256 of their bytes, so it can be downloaded byte for byte through any door.
    public func registerVersion(modelName: String, _ draft: RegistrationDraft, by principal: Principal) async throws -> (ModelVersion, VersionTracking) {
        let now = clock()
        return try await store.write { tx in
            let resolved = try await Self.resolveSource(tx, draft.source)
            let files = try await tx.artifactFiles(under: resolved.root).map { file in
                FileEntry(path: String(file.path.dropFirst(resolved.root.count + 1)), sha256: file.sha256, size: file.size)
            }
            guard !files.isEmpty else {
                throw DomainError(.invalid, code: "version_empty", "No artifact files found at '\(draft.source)'; nothing to register.")
            }
            let versionDraft = VersionDraft(description: draft.description, tags: draft.tags, source: draft.source)
            let version = try await Registry.importVersion(tx.registryWriter, modelName: modelName, versionDraft, files: files,
                                                           by: principal, at: now)
            let tracking = VersionTracking(versionID: version.id, runID: draft.runID ?? resolved.runID, runLink: draft.runLink,
                                           artifactURI: ArtifactLocation.uri(resolved.root), loggedModelID: resolved.loggedModelID)
            try await tx.setVersionTracking(tracking)
            return (version, tracking)
        }
    }

    /// Where the files of a registration source live in the artifact store.
    static func resolveSource(_ tx: any TrackingReader, _ source: String) async throws -> (root: String, runID: String?, loggedModelID: String?) {
        let unsupported = DomainError.invalidField("source", "'\(source.prefix(200))' is not a source Steward holds; use models:/<model_id>, runs:/<run_id>/<path> or mlflow-artifacts:/<path>")
        if source.hasPrefix("models:/") {
            let id = String(source.dropFirst("models:/".count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            guard !id.contains("/"), let model = try await tx.loggedModel(id: id) else { throw unsupported }
            return (model.artifactRoot, model.sourceRunID, model.id)
        }
        if source.hasPrefix("runs:/") {
            let parts = source.dropFirst("runs:/".count).split(separator: "/").map(String.init)
            guard let runID = parts.first, let run = try await tx.run(id: runID) else { throw unsupported }
            let subpath = parts.dropFirst().joined(separator: "/")
            let runRoot = ArtifactLocation.runRoot(experimentID: run.info.experimentID, runID: runID)
            let root = subpath.isEmpty ? runRoot : "\(runRoot)/\(try ArtifactLocation.validate(subpath))"
            if try await !tx.artifactFiles(under: root).isEmpty { return (root, runID, nil) }
            // MLflow 3 keeps a run's models as logged models named after the artifact path.
            if let name = parts.dropFirst().first {
                let query = TrackingQuery(filter: .and(.term(TrackingTerm(field: .attribute("name"), op: .equal, value: .text(name))),
                                                      .term(TrackingTerm(field: .attribute("source_run_id"), op: .equal, value: .text(runID)))),
                                          maxResults: 1)
                if let model = try await tx.loggedModels(experimentIDs: [run.info.experimentID], query, stages: [.active]).items.first {
                    let rest = parts.dropFirst(2).joined(separator: "/")
                    return (rest.isEmpty ? model.artifactRoot : "\(model.artifactRoot)/\(rest)", runID, model.id)
                }
            }
            return (root, runID, nil)
        }
        if let path = ArtifactLocation.path(of: source), !path.isEmpty {
            return (try ArtifactLocation.validate(path), nil, nil)
        }
        throw unsupported
    }

    /// Searches versions across models with the registry's filter plus an optional source-run condition.
    public func searchVersions(_ query: ListQuery, runCondition: TrackingTerm?, by principal: Principal) async throws -> Page<ModelVersion> {
        try Self.authorizeRead(principal)
        // Only models the principal may see, as in `Registry.searchVersions`.
        var query = query
        query.visibility = VisibilityScope(principal)
        let scoped = query
        return try await store.read { try await $0.versions(scoped, runCondition: runCondition) }
    }

    /// Tracking facts of the given versions (stage `None` for those without any).
    public func versionTracking(_ versions: [ModelVersion], by principal: Principal) async throws -> [String: VersionTracking] {
        try Self.authorizeRead(principal)
        guard !versions.isEmpty else { return [:] }
        let ids = versions.map(\.id)
        return try await store.read { try await $0.versionTracking(versionIDs: ids) }
    }

    /// The newest live version in each of `stages` (every stage when nil), as MLflow's
    /// `get-latest-versions` and a registered model's `latest_versions` report them.
    public func latestVersions(modelName: String, stages: [VersionStage]?, by principal: Principal) async throws -> [ModelVersion] {
        try Self.authorizeRead(principal)
        return try await store.read { tx in
            let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .readModel)
            var newest: [VersionStage: Int] = [:]
            for entry in try await tx.versionStages(modelID: model.id) where stages?.contains(entry.stage) ?? true {
                newest[entry.stage] = max(newest[entry.stage] ?? 0, entry.number)
            }
            var versions: [ModelVersion] = []
            for number in newest.values.sorted() {
                if let version = try await tx.registryReader.version(modelID: model.id, number: number) { versions.append(version) }
            }
            return versions
        }
    }

    /// `latestVersions` for a page of models at once (MLflow's `search-registered-models` shows each
    /// model's latest versions): a fixed number of queries whatever the page size. The models must
    /// come from a listing the principal was allowed to see (`Registry.listModels` filters in SQL).
    public func latestVersions(of models: [RegisteredModel], by principal: Principal) async throws
        -> [String: (versions: [ModelVersion], tracking: [String: VersionTracking])] {
        try Self.authorizeRead(principal)
        guard !models.isEmpty else { return [:] }
        let ids = models.map(\.id)
        return try await store.read { tx in
            let found = try await tx.latestVersionsByStage(modelIDs: ids)
            // Aliases from the models' own maps (the versions are read without them).
            let byID = Dictionary(models.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var result: [String: (versions: [ModelVersion], tracking: [String: VersionTracking])] = [:]
            for (found, fact) in found.sorted(by: { $0.version.number < $1.version.number }) {
                var version = found
                version.aliases = byID[version.modelID]?.aliasNames(of: version.number) ?? []
                result[version.modelID, default: ([], [:])].versions.append(version)
                if let fact { result[version.modelID]!.tracking[version.id] = fact }
            }
            return result
        }
    }

    /// Moves a version to an MLflow stage. Entering any stage is a promotion decision, so it needs
    /// the same right as moving an alias. `archiveExisting` (Staging/Production only) archives the
    /// other versions in the target stage.
    public func transitionStage(modelName: String, number: Int, to stage: VersionStage, archiveExisting: Bool,
                                by principal: Principal) async throws -> ModelVersion {
        if archiveExisting && stage != .staging && stage != .production {
            throw DomainError.invalidField("archive_existing_versions", "can only be true when transitioning to Staging or Production")
        }
        let now = clock()
        return try await store.write { tx in
            let model = try await Registry.requireModel(tx.registryWriter, modelName, principal, .moveAlias)
            var version = try await Registry.requireVersion(tx.registryWriter, model, number)
            // issue 5: Staging and Production serve, so a tainted version may not enter them.
            if stage == .staging || stage == .production {
                try TaintRule.checkServable(version)
                // MLflow's stages are the legacy spelling of the same decision as an alias: entering
                // Production (Staging) obeys the protection of the model's `production` (`staging`)
                // alias, so the stage API is no way around a promotion request.
                try await AliasProtectionRule.refuseDirectChange(tx.registryReader, model: model, alias: stage.rawValue.lowercased(),
                                                                 verb: "transitioning a version to \(stage.rawValue) (the stage follows that alias)")
            }
            let existing = try await tx.versionTracking(versionIDs: [version.id])[version.id] ?? VersionTracking(versionID: version.id)
            var tracking = existing
            let archivedVersions: [Int]
            tracking.stage = stage
            try await tx.setVersionTracking(tracking)
            if archiveExisting {
                let others = try await tx.versionStages(modelID: model.id).filter { $0.stage == stage && $0.versionID != version.id }
                let facts = try await tx.versionTracking(versionIDs: others.map(\.versionID))
                for other in others {
                    var archived = facts[other.versionID] ?? VersionTracking(versionID: other.versionID)
                    archived.stage = .archived
                    try await tx.setVersionTracking(archived)
                }
                archivedVersions = others.map(\.number).sorted()
            } else {
                archivedVersions = []
            }
            version.updatedAt = now
            version.revision += 1
            try await tx.registryWriter.updateVersion(version)
            try await tx.audit("version.transition_stage", .version(model.name, number), before: ["stage": .string(existing.stage.rawValue)],
                               after: ["stage": .string(stage.rawValue), "archived_versions": .array(archivedVersions.map { .number(Double($0)) })],
                               by: principal, at: now)
            return version
        }
    }
}
