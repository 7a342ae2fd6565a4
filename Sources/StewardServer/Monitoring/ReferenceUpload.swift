import Crypto
import Foundation
import Hummingbird
import StewardCore
import StewardMonitoring

/// Builds a reference profile from an uploaded CSV or NDJSON file: the body is streamed to a
/// temporary file while it is hashed (SHA-256, checked against the dataset version's digest by
/// `Monitoring.setReference`), then read into columns with StewardMonitoring's table loader and
/// profiled with the monitor's column kinds, so reference and live windows use the same sketches.
enum ReferenceUpload {
    static func build(_ request: Request, ndjson: Bool, maxBytes: Int, predictionColumn: String?,
                      columns: MonitorColumns, settings: MonitorSettings) async throws -> BuiltReference {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("steward-reference-\(UUID().uuidString)\(ndjson ? ".ndjson" : ".csv")").path
        guard let file = fopen(path, "wb") else { throw DomainError(.unavailable, code: "reference_upload_failed", "Cannot store the upload.") }
        defer { unlink(path) }
        var hasher = SHA256()
        var size = 0
        do {
            for try await chunk in request.body {
                size += chunk.readableBytes
                guard size <= maxBytes else {
                    throw DomainError(.tooLarge, code: "payload_too_large", "The reference file is larger than \(maxBytes) bytes.")
                }
                try chunk.withUnsafeReadableBytes { buffer in
                    hasher.update(bufferPointer: buffer)
                    guard fwrite(buffer.baseAddress, 1, buffer.count, file) == buffer.count else {
                        throw DomainError(.unavailable, code: "reference_upload_failed", "Cannot store the upload.")
                    }
                }
            }
            fclose(file)
        } catch {
            fclose(file)
            throw error
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let table: [StewardMonitoring.Column]
        do {
            // The loader reads a pair (both sides typed alike); the same file on both sides types it alone.
            table = try TableLoader.loadPair(reference: path, current: path, parallelism: 1).reference
        } catch {
            throw DomainError(.invalid, code: "invalid_reference_file", "The reference file cannot be read: \(error).")
        }
        let profile = profile(table, columns: columns, settings: settings, predictionColumn: predictionColumn)
        return BuiltReference(rows: profile.rows, profile: profile.encoded(), sha256: digest)
    }

    /// One profile per monitored column (schema kinds win over the loader's typing), plus the
    /// prediction column when the file has one.
    static func profile(_ table: [StewardMonitoring.Column], columns: MonitorColumns, settings: MonitorSettings,
                        predictionColumn: String?) -> WindowProfile {
        var features: [String: FeatureProfile] = [:]
        var prediction: FeatureProfile?
        let predictionName = predictionColumn ?? "prediction"
        for column in table {
            if column.name == predictionName {
                prediction = profile(column, kind: settings.effectivePredictionKind == .numeric ? .numeric : .categorical)
                continue
            }
            let declared = columns.position(of: column.name).map { columns[$0].kind }
            if !columns.open && declared == nil { continue } // not an input of the model
            if declared == .unprofiled { continue }
            let kind: FeatureKind = declared.map { $0 == .numeric ? .numeric : .categorical } ?? column.kind
            features[column.name] = profile(column, kind: kind)
        }
        return WindowProfile(features: features, prediction: prediction, rows: table.first?.count ?? 0)
    }

    static func profile(_ column: StewardMonitoring.Column, kind: FeatureKind) -> FeatureProfile {
        var profile = FeatureProfile(kind: kind)
        switch column.values {
        case .numeric(let values):
            if kind == .numeric {
                // The loader marks missing cells NaN; they are missing here, not NaN values.
                let present = values.filter { !$0.isNaN }
                profile.add(contentsOf: present)
                for _ in 0..<(values.count - present.count) { profile.addMissing() }
            } else {
                for value in values { if value.isNaN { profile.addMissing() } else { profile.add(value) } }
            }
        case .categorical(let codes, let categories):
            for code in codes {
                if code == StewardMonitoring.Column.missingCode { profile.addMissing() } else { profile.add(category: categories[Int(code)]) }
            }
        }
        return profile
    }
}
