import Metrics
import Prometheus

/// Process-wide metrics: swift-metrics can be bootstrapped once per process, so every application
/// built in the process (tests build many) shares this registry.
enum MetricsSetup {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
