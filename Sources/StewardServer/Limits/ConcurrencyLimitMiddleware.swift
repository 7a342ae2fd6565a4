import Hummingbird

/// Caps requests in flight per principal (429 `too_many_concurrent_requests`) and per replica by
/// priority tier (503 `overloaded`; see `AdmissionControl`). A slot is held until the handler
/// returns its response; streaming a download body afterwards does not hold one.
struct ConcurrencyLimitMiddleware: RouterMiddleware {
    typealias Context = StewardRequestContext
    let admission: AdmissionControl

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let principal = context.principal else { return try await next(request, context) }
        switch admission.admit(principal: principal.id, tier: principal.tier) {
        case .admitted:
            break
        case .principalLimit:
            LimitMetrics.refusal("all", reason: "too_many_concurrent_requests")
            throw LimitRefusal.tooManyConcurrent(limit: admission.limits.maxInFlightPerPrincipal)
        case .overloaded:
            LimitMetrics.refusal("all", reason: "overloaded_\(principal.tier.rawValue)")
            throw LimitRefusal.overloaded(tier: principal.tier)
        }
        let gauge = LimitMetrics.inFlight(principal.tier)
        gauge.increment()
        defer {
            gauge.decrement()
            admission.release(principal: principal.id)
        }
        return try await next(request, context)
    }
}
