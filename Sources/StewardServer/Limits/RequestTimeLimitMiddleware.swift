import Hummingbird

/// Bounds the time a request other than an upload may take, body reading included: past the
/// limit the handler is cancelled and the caller gets 503 `request_timeout`. This is what stops a
/// client trickling a JSON body byte by byte (each byte resets the connection's idle timer).
///
/// Cancellation is cooperative: body reads and sleeps stop at once, a database statement already
/// running finishes first. Uploads are exempt (large files legitimately take long); they are
/// bounded by the idle timeout, the byte rate and the per-principal concurrency cap. Streaming a
/// response body happens after the handler returns and is not timed.
struct RequestTimeLimitMiddleware: RouterMiddleware {
    typealias Context = StewardRequestContext
    let seconds: Double
    let classifier: RouteClassifier

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !classifier.classify(request).isByteMetered else { return try await next(request, context) }
        let limit = Duration.milliseconds(Int64(seconds * 1000))
        return try await withoutActuallyEscaping(next) { nonEscaping in
            // The group does not outlive this call, so `next` does not really escape; the compiler
            // cannot see that a child task finishes before the group returns.
            nonisolated(unsafe) let next = nonEscaping
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask { try await next(request, context) }
                group.addTask {
                    try await Task.sleep(for: limit)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    LimitMetrics.refusal(classifier.classify(request).rawValue, reason: "request_timeout")
                    context.logger.notice("request time limit reached", metadata: ["limit_seconds": "\(seconds)"])
                    throw LimitRefusal.timedOut(seconds: seconds)
                }
                return response
            }
        }
    }
}
