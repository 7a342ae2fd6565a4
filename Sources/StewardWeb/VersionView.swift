import Foundation
import StewardCore

/// One version's page: its metadata, metrics, parameters and files with download links; for a
/// principal who may write the model, the upload form and the finalize button while it is pending.
struct VersionView: Sendable {
    var model: String
    var modelLink: String
    var number: Int
    var link: String
    var facts: [Fact]
    var metrics: [Fact]
    var params: [Fact]
    var tags: [Fact]
    var files: [FileRow]
    var taints: [String]
    /// The card this version was registered with (model cards are versioned with the version).
    var card: [Fact] = []
    var cardCompleteness = ""
    /// Template gaps of this version (the template named by the model), shown as warnings.
    var templateWarnings: [String] = []
    /// Pending and writable by this user: the finalize button (and, when the server stores
    /// artifacts, the upload form) are shown.
    var canFinalize = false
    var canUpload = false
    var uploadAction: String
    var finalizeAction: String
    /// The largest file the server accepts, for the upload form's hint.
    var maxFileSize = ""
    /// The path prefix typed last (kept when the upload is refused).
    var prefix = ""
    /// Why the last upload or finalize was refused.
    var errors: [String] = []

    struct FileRow: Sendable {
        var path: String
        var size: String
        var sha256: String
        /// The UI route that streams the file (nil when the server offers no downloads).
        var download: String?
    }

    init(_ version: ModelVersion, downloads: Bool) {
        model = version.modelName
        modelLink = "/ui/models/" + URLText.segment(version.modelName)
        number = version.number
        link = "\(modelLink)/versions/\(version.number)"
        uploadAction = link + "/files"
        finalizeAction = link + "/finalize"
        let row = VersionRow(version)
        facts = [Fact(label: "Status", value: row.status), Fact(label: "Lifecycle", value: row.lifecycle),
                 Fact(label: "Aliases", value: row.aliases.isEmpty ? "—" : row.aliases), Fact(label: "Description", value: version.description),
                 Fact(label: "Source", value: version.source ?? "—"), Fact(label: "Manifest digest", value: version.manifestDigest ?? "—"),
                 Fact(label: "Created", value: "\(row.createdAt) by \(row.createdBy)")]
        metrics = version.metrics.sorted { $0.key < $1.key }.map { Fact(label: $0.key, value: Format.number($0.value)) }
        params = version.params.sorted { $0.key < $1.key }.map { Fact(label: $0.key, value: $0.value) }
        tags = version.tags.sorted { $0.key < $1.key }.map { Fact(label: $0.key, value: $0.value) }
        let filesLink = link + "/files/"
        files = version.files.sorted { $0.path < $1.path }.map { entry in
            FileRow(path: entry.path, size: Format.bytes(entry.size), sha256: String(entry.sha256.prefix(16)) + "…",
                    download: downloads ? filesLink + entry.path.split(separator: "/", omittingEmptySubsequences: false)
                        .map { URLText.segment(String($0)) }.joined(separator: "/") : nil)
        }
        taints = version.taints.map { "input \($0.dataset.dataset) v\($0.dataset.version) is flagged" }
    }
}
