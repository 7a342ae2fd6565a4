import Prometheus
import StewardCore

/// The limits' view on `/metrics`: what is configured, what is in flight and what was refused.
/// Metrics are process-wide (see `MetricsSetup`); the registry hands back the same series for the
/// same name and labels, so looking one up per request is a dictionary lookup.
public enum LimitMetrics {
    static var registry: PrometheusCollectorRegistry { MetricsSetup.registry }

    /// Counts a failed authentication. Reasons are fixed words, never anything the client sent.
    /// (`AddressLimitMiddleware` counts every 401 of every door; do not count them again.)
    public static func authFailure(reason: String) {
        counter("steward_auth_failures", "Requests that failed authentication, by reason", [("reason", reason)]).increment()
    }

    /// Counts a refused request by route class (`all` for concurrency) and reason (the problem code).
    static func refusal(_ routeClass: String, reason: String) {
        counter("steward_limit_refusals", "Requests refused by a limit, by route class and reason",
                [("class", routeClass), ("reason", reason)]).increment()
    }

    /// Requests currently admitted, by priority tier.
    static func inFlight(_ tier: PriorityTier) -> Gauge {
        gauge("steward_inflight_requests", "Authenticated API requests in flight, by priority tier", [("tier", tier.rawValue)])
    }

    /// Publishes the configured limits as gauges.
    static func publish(_ limits: LimitsConfiguration, maxJSONBodyBytes: Int) {
        for routeClass in RouteClass.allCases {
            let limit = limits.rate(routeClass)
            let labels = [("class", routeClass.rawValue)]
            gauge("steward_limit_rate_per_second", "Configured token refill rate per caller (0: unlimited)", labels)
                .set(limit.isUnlimited ? 0 : limit.rate)
            gauge("steward_limit_burst", "Configured token bucket size per caller (0: unlimited)", labels)
                .set(limit.isUnlimited ? 0 : limit.burst)
        }
        gauge("steward_limit_auth_failures_per_second", "Configured failed authentications per address and second")
            .set(limits.authFailures.rate)
        gauge("steward_limit_auth_failures_burst", "Configured failed authentications per address in a burst")
            .set(limits.authFailures.burst)
        gauge("steward_limit_max_inflight", "Configured cap on API requests in flight (0: none)").set(Double(limits.maxInFlight))
        gauge("steward_limit_max_inflight_per_principal", "Configured cap on requests in flight per principal (0: none)")
            .set(Double(limits.maxInFlightPerPrincipal))
        for tier in PriorityTier.allCases {
            gauge("steward_limit_tier_capacity", "In-flight requests at which a tier is refused (0: no cap)", [("tier", tier.rawValue)])
                .set(limits.maxInFlight > 0 ? Double(limits.capacity(for: tier)) : 0)
            _ = inFlight(tier) // present from the start, at 0
        }
        gauge("steward_limit_request_timeout_seconds", "Configured time limit for non-upload requests (0: none)")
            .set(limits.requestTimeoutSeconds)
        gauge("steward_limit_idle_timeout_seconds", "Configured connection idle timeout (0: none)").set(limits.idleTimeoutSeconds)
        gauge("steward_limit_max_header_bytes", "Configured largest request head").set(Double(limits.maxHeaderBytes))
        gauge("steward_limit_max_json_body_bytes", "Configured largest JSON request body").set(Double(maxJSONBodyBytes))
    }

    private static func counter(_ name: String, _ help: String, _ labels: [(String, String)]) -> Counter {
        registry.makeCounter(descriptor: MetricNameDescriptor(metricName: name, unitName: "total", helpText: help), labels: labels)
    }

    private static func gauge(_ name: String, _ help: String, _ labels: [(String, String)] = []) -> Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: labels)
    }
}
