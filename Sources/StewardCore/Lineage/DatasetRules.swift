import Foundation

/// Input rules for datasets and their versions.
enum DatasetRules {
    static let maxURILength = 4096
    static let maxDigestLength = 200
    static let maxTextLength = 256
    static let maxDocumentBytes = 1_048_576
    static let maxCommentLength = 4000

    static func validate(_ draft: DatasetDraft) throws {
        var validator = Validator()
        validator.capture { try Names.modelName(draft.name) }
        Names.description(draft.description, into: &validator)
        Registry.validateOptionalText(draft.owner, "owner", into: &validator)
        Registry.validateOptionalText(draft.sourceSystem, "source_system", into: &validator)
        Registry.validateOptionalText(draft.license, "license", into: &validator)
        Names.stringMap(draft.tags, field: "tags", into: &validator)
        try validator.finish()
    }

    static func validate(_ patch: DatasetPatch) throws {
        var validator = Validator()
        if let description = patch.description { Names.description(description, into: &validator) }
        Registry.validateOptionalText(patch.owner, "owner", into: &validator)
        Registry.validateOptionalText(patch.sourceSystem, "source_system", into: &validator)
        Registry.validateOptionalText(patch.license, "license", into: &validator)
        if let tags = patch.tags {
            for (key, value) in tags {
                validator.capture { try Names.key(key, field: "tags") }
                validator.check((value?.count ?? 0) <= Names.maxValueLength, "tags.\(key.prefix(40))", "value must be at most \(Names.maxValueLength) characters")
            }
        }
        try validator.finish()
    }

    static func validate(_ draft: DatasetVersionDraft) throws {
        var validator = Validator()
        validator.check(!draft.uri.isEmpty && draft.uri.count <= maxURILength && !draft.uri.containsControlCharacter, "uri",
                        "must be 1-\(maxURILength) characters without control characters")
        validator.capture { try validateDigest(draft.digest) }
        if let rowCount = draft.rowCount { validator.check(rowCount >= 0, "row_count", "must not be negative") }
        validator.check((draft.schema?.jsonText.utf8.count ?? 0) <= maxDocumentBytes, "schema", "must be at most 1 MiB")
        validator.check((draft.profile?.jsonText.utf8.count ?? 0) <= maxDocumentBytes, "profile", "must be at most 1 MiB")
        validator.check((draft.schema?.depth ?? 0) <= 32 && (draft.profile?.depth ?? 0) <= 32, "schema", "must be nested at most 32 levels")
        Registry.validateOptionalText(draft.sourceSystem, "source_system", into: &validator)
        Registry.validateOptionalText(draft.license, "license", into: &validator)
        Names.stringMap(draft.tags, field: "tags", into: &validator)
        try validator.finish()
    }

    /// `<algorithm>:<value>`; `sha256:` must be followed by 64 lower-case hex digits, so two
    /// spellings of one digest cannot register the same content twice.
    static func validateDigest(_ digest: String) throws {
        let parts = digest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+/=")
        guard digest.count <= maxDigestLength, parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              parts[0].unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }),
              parts[1].unicodeScalars.allSatisfy(allowed.contains) else {
            throw DomainError.invalidField("digest", "must be <algorithm>:<value>, e.g. sha256:<64 hex digits>, at most \(maxDigestLength) characters")
        }
        if parts[0] == "sha256", !Manifest.isSHA256Hex(String(parts[1])) {
            throw DomainError.invalidField("digest", "a sha256 digest must be 64 lower-case hex digits")
        }
    }

    static func validateComment(_ comment: String) throws {
        if comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw DomainError.invalidField("comment", "must say why the version is flagged")
        }
        if comment.count > maxCommentLength { throw DomainError.invalidField("comment", "must be at most \(maxCommentLength) characters") }
    }
}

extension DomainError {
    public static func datasetNotFound(_ name: String) -> DomainError {
        DomainError(.notFound, code: "dataset_not_found", "Dataset '\(name)' does not exist.")
    }

    public static func datasetVersionNotFound(_ name: String, _ version: Int) -> DomainError {
        DomainError(.notFound, code: "dataset_version_not_found", "Version \(version) of dataset '\(name)' does not exist.")
    }
}
