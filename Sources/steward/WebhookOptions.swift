import ArgumentParser
import Foundation
import StewardServer

/// `steward serve` flags for outgoing webhooks. Each falls back to its `STEWARD_WEBHOOKS_*`
/// variable, then to the default in `WebhookConfiguration`.
struct WebhookOptions: ParsableArguments {
    @Flag(help: "Allow webhook URLs that resolve to private, loopback, link-local or other non-public addresses (STEWARD_WEBHOOKS_ALLOW_PRIVATE=1; default: refused).")
    var webhooksAllowPrivate = false
    @Option(help: "Attempts before a delivery is dead-lettered (STEWARD_WEBHOOKS_MAX_ATTEMPTS; default 10).")
    var webhooksMaxAttempts: Int?
    @Option(help: "First retry delay in milliseconds, doubled per attempt with jitter (STEWARD_WEBHOOKS_RETRY_BASE_MS; default 5000).")
    var webhooksRetryBaseMs: Int?
    @Option(help: "Time limit of one webhook POST in milliseconds (STEWARD_WEBHOOKS_TIMEOUT_MS; default 10000).")
    var webhooksTimeoutMs: Int?
    @Option(help: "Seconds a replica holds claimed deliveries before another may retry them; above the timeout (STEWARD_WEBHOOKS_LEASE_SECONDS; default 60).")
    var webhooksLeaseSeconds: Int?
    @Flag(help: "Do not deliver webhooks from this process (other replicas do) (STEWARD_WEBHOOKS_DISABLE_DELIVERY=1).")
    var webhooksDisableDelivery = false

    func apply(to configuration: inout ServerConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var webhooks = configuration.webhooks
        webhooks.allowPrivate = webhooksAllowPrivate || Self.flag(environment, "STEWARD_WEBHOOKS_ALLOW_PRIVATE")
        webhooks.deliver = !(webhooksDisableDelivery || Self.flag(environment, "STEWARD_WEBHOOKS_DISABLE_DELIVERY"))
        if let value = try webhooksMaxAttempts ?? Self.int(environment, "STEWARD_WEBHOOKS_MAX_ATTEMPTS") {
            guard (1...100).contains(value) else { throw ValidationError("--webhooks-max-attempts must be between 1 and 100.") }
            webhooks.maxAttempts = value
        }
        if let value = try webhooksRetryBaseMs ?? Self.int(environment, "STEWARD_WEBHOOKS_RETRY_BASE_MS") {
            guard value >= 1 else { throw ValidationError("--webhooks-retry-base-ms must be positive.") }
            webhooks.retryBase = .milliseconds(value)
        }
        if let value = try webhooksTimeoutMs ?? Self.int(environment, "STEWARD_WEBHOOKS_TIMEOUT_MS") {
            guard value >= 100 else { throw ValidationError("--webhooks-timeout-ms must be at least 100.") }
            webhooks.timeout = .milliseconds(value)
        }
        if let value = try webhooksLeaseSeconds ?? Self.int(environment, "STEWARD_WEBHOOKS_LEASE_SECONDS") {
            webhooks.lease = .seconds(value)
        }
        // A lease shorter than a send would let another replica send the same delivery while this one still is.
        guard webhooks.lease > webhooks.timeout + .seconds(1) else {
            throw ValidationError("--webhooks-lease-seconds must exceed the webhook timeout by more than a second.")
        }
        configuration.webhooks = webhooks
    }

    static func flag(_ environment: [String: String], _ name: String) -> Bool {
        ["1", "true", "yes"].contains(environment[name]?.lowercased() ?? "")
    }

    static func int(_ environment: [String: String], _ name: String) throws -> Int? {
        guard let text = environment[name] else { return nil }
        guard let value = Int(text) else { throw ValidationError("\(name) must be a whole number.") }
        return value
    }
}
