import ArgumentParser
import Foundation
import StewardCore
import StewardServer

/// `steward serve` flags for abuse protection and safe defaults. Each falls back to its `STEWARD_*`
/// variable, then to the default in `LimitsConfiguration`. Rates are `RATE[:BURST]` per second
/// (burst defaults to 5 × rate) or `off`; sizes accept `k`/`m`/`g` (×1000) and `kib`/`mib`/`gib` (×1024).
struct LimitOptions: ParsableArguments {
    @Option(help: "Reads per principal or address: RATE[:BURST]/s or off (STEWARD_RATE_READS; default 200:1000).")
    var rateReads: String?
    @Option(help: "Writes per principal or address (STEWARD_RATE_WRITES; default 50:200).")
    var rateWrites: String?
    @Option(help: "Searches (lists with a filter) per principal or address (STEWARD_RATE_SEARCH; default 50:200).")
    var rateSearch: String?
    @Option(help: "Upload bytes per second per principal, e.g. 256mib:1gib (STEWARD_RATE_UPLOAD_BYTES; default 256mib:1gib).")
    var rateUploadBytes: String?
    @Option(help: "Prediction-log ingest requests per principal (STEWARD_RATE_INGEST; default 1000:5000).")
    var rateIngest: String?
    @Option(help: "Failed authentications per client address (STEWARD_RATE_AUTH_FAILURES; default 10:100).")
    var rateAuthFailures: String?
    @Option(help: "Most API requests in flight on this server; 0 for no cap (STEWARD_MAX_INFLIGHT; default 512).")
    var maxInflight: Int?
    @Option(help: "Most requests in flight per principal; 0 for no cap (STEWARD_MAX_INFLIGHT_PER_PRINCIPAL; default 64).")
    var maxInflightPerPrincipal: Int?
    @Option(help: "Share of --max-inflight each priority tier may use, e.g. low=0.6,normal=0.9,high=1 (STEWARD_TIER_SHARES).")
    var tierShares: String?
    @Option(help: "Time limit in seconds for requests other than uploads; 0 for none (STEWARD_REQUEST_TIMEOUT; default 60).")
    var requestTimeout: Double?
    @Option(help: "Seconds a connection may send nothing (headers included) before it is closed; 0 for never (STEWARD_IDLE_TIMEOUT; default 30).")
    var idleTimeout: Double?
    @Option(help: "Largest request head in bytes (STEWARD_MAX_HEADER_BYTES; default 32kib).")
    var maxHeaderBytes: String?
    @Option(help: "Largest JSON request body in bytes (STEWARD_MAX_JSON_BODY_BYTES; default 2mib).")
    var maxJsonBodyBytes: String?
    @Option(help: "Origin allowed to call the API from a browser; repeatable (STEWARD_CORS_ORIGINS, comma-separated; default none: CORS off).")
    var corsOrigin: [String] = []
    @Option(help: "Send Strict-Transport-Security with this max-age in seconds; only behind TLS (STEWARD_HSTS_MAX_AGE; default off).")
    var hstsMaxAge: Int?

    /// Applies the flags (then the environment) to `configuration`.
    func apply(to configuration: inout ServerConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var limits = configuration.limits
        let rates: [(String?, String, RouteClass)] = [
            (rateReads, "STEWARD_RATE_READS", .reads), (rateWrites, "STEWARD_RATE_WRITES", .writes),
            (rateSearch, "STEWARD_RATE_SEARCH", .search), (rateUploadBytes, "STEWARD_RATE_UPLOAD_BYTES", .uploadBytes),
            (rateIngest, "STEWARD_RATE_INGEST", .ingest),
        ]
        for (flag, variable, routeClass) in rates {
            if let text = flag ?? environment[variable] { limits.rates[routeClass] = try Self.rate(text, name: variable) }
        }
        if let text = rateAuthFailures ?? environment["STEWARD_RATE_AUTH_FAILURES"] {
            limits.authFailures = try Self.rate(text, name: "STEWARD_RATE_AUTH_FAILURES")
        }
        if let value = try maxInflight ?? Self.int(environment, "STEWARD_MAX_INFLIGHT") { limits.maxInFlight = max(0, value) }
        if let value = try maxInflightPerPrincipal ?? Self.int(environment, "STEWARD_MAX_INFLIGHT_PER_PRINCIPAL") {
            limits.maxInFlightPerPrincipal = max(0, value)
        }
        if let text = tierShares ?? environment["STEWARD_TIER_SHARES"] { limits.tierShares = try Self.shares(text) }
        if let value = try requestTimeout ?? Self.double(environment, "STEWARD_REQUEST_TIMEOUT") { limits.requestTimeoutSeconds = max(0, value) }
        if let value = try idleTimeout ?? Self.double(environment, "STEWARD_IDLE_TIMEOUT") { limits.idleTimeoutSeconds = max(0, value) }
        if let text = maxHeaderBytes ?? environment["STEWARD_MAX_HEADER_BYTES"] {
            limits.maxHeaderBytes = Int(try Self.size(text, name: "STEWARD_MAX_HEADER_BYTES"))
        }
        if let text = maxJsonBodyBytes ?? environment["STEWARD_MAX_JSON_BODY_BYTES"] {
            configuration.maxJSONBodyBytes = Int(try Self.size(text, name: "STEWARD_MAX_JSON_BODY_BYTES"))
        }
        let origins = corsOrigin.isEmpty
            ? (environment["STEWARD_CORS_ORIGINS"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            : corsOrigin
        if !origins.isEmpty {
            for origin in origins where origin == "*" || URL(string: origin)?.host == nil {
                throw ValidationError("CORS origin '\(origin)' must be scheme://host[:port] ('*' is not allowed).")
            }
            limits.corsOrigins = origins
        }
        if let value = try hstsMaxAge ?? Self.int(environment, "STEWARD_HSTS_MAX_AGE") { limits.hstsMaxAge = value > 0 ? value : nil }
        configuration.limits = limits
    }

    /// `RATE[:BURST]` or `off`.
    static func rate(_ text: String, name: String) throws -> BucketRate {
        if ["off", "none", "0", "unlimited"].contains(text.lowercased()) { return .unlimited }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let rate = try size(parts[0], name: name)
        let burst = try parts.count > 1 ? size(parts[1], name: name) : rate * 5
        guard rate > 0, burst >= 1 else { throw ValidationError("\(name): rate and burst must be positive.") }
        return BucketRate(rate: rate, burst: burst)
    }

    /// A non-negative number with an optional `k`, `m`, `g`, `kib`, `mib`, `gib` suffix (a trailing `b` is ignored).
    static func size(_ text: String, name: String) throws -> Double {
        var lowered = text.lowercased().trimmingCharacters(in: .whitespaces)
        if lowered.hasSuffix("b") { lowered.removeLast() }
        let multipliers: [(String, Double)] = [("ki", 1_024), ("mi", 1_048_576), ("gi", 1_073_741_824),
                                               ("k", 1_000), ("m", 1_000_000), ("g", 1_000_000_000)]
        var multiplier = 1.0
        if let (suffix, factor) = multipliers.first(where: { lowered.hasSuffix($0.0) }) {
            lowered.removeLast(suffix.count)
            multiplier = factor
        }
        guard let value = Double(lowered), value >= 0, value.isFinite else {
            throw ValidationError("\(name): '\(text)' is not a number (suffixes k, m, g, kib, mib, gib are allowed).")
        }
        return value * multiplier
    }

    /// `low=0.6,normal=0.9,high=1`.
    static func shares(_ text: String) throws -> [PriorityTier: Double] {
        var shares = LimitsConfiguration().tierShares
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let tier = PriorityTier(rawValue: parts[0]), let share = Double(parts[1]), (0...1).contains(share) else {
                throw ValidationError("Tier shares are tier=fraction pairs with tiers low, normal, high and fractions 0–1, e.g. low=0.6,normal=0.9,high=1.")
            }
            shares[tier] = share
        }
        return shares
    }

    static func int(_ environment: [String: String], _ name: String) throws -> Int? {
        guard let text = environment[name] else { return nil }
        guard let value = Int(text) else { throw ValidationError("\(name) must be an integer.") }
        return value
    }

    static func double(_ environment: [String: String], _ name: String) throws -> Double? {
        guard let text = environment[name] else { return nil }
        guard let value = Double(text) else { throw ValidationError("\(name) must be a number.") }
        return value
    }
}
