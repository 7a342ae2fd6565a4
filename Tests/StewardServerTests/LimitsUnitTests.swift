import Foundation
import HTTPTypes
@testable import StewardServer
import StewardCore
import Synchronization
import Testing

/// A clock the test moves by hand, so bucket arithmetic is checked without sleeping.
final class ManualClock: Sendable {
    private let seconds = Mutex(1_000.0)
    var now: Double { seconds.withLock { $0 } }
    func advance(_ delta: Double) { seconds.withLock { $0 += delta } }
    var function: @Sendable () -> Double { { [self] in now } }
}

@Suite("Limits: token buckets, headers, classes and admission")
struct LimitsUnitTests {
    @Test func bucketAdmitsTheBurstThenRefillsAtTheRate() {
        var bucket = TokenBucket(BucketRate(rate: 2, burst: 3), now: 0)
        for expected in [2, 1, 0] {
            let decision = bucket.take(1, now: 0)
            #expect(decision.allowed && decision.remaining == expected)
        }
        let refused = bucket.take(1, now: 0)
        #expect(!refused.allowed && refused.remaining == 0)
        #expect(refused.retryAfter == 1, "one token at 2/s arrives within a second")
        #expect(refused.resetAfter == 2, "three tokens at 2/s take 1.5 s, rounded up")
        #expect(!bucket.take(1, now: 0.4).allowed, "0.8 tokens are not enough")
        #expect(bucket.take(1, now: 0.5).allowed)
        #expect(bucket.take(1, now: 100).remaining == 2, "refill stops at the burst")
    }

    @Test func aCostAboveTheBurstIsRefusedWithABoundedRetryAfter() {
        var bucket = TokenBucket(BucketRate(rate: 10, burst: 10), now: 0)
        let decision = bucket.take(1_000, now: 0)
        #expect(!decision.allowed && decision.retryAfter == 1)
        #expect(bucket.take(10, now: 0).allowed, "a refusal takes nothing")
    }

    @Test func chargingOverdrawsAndReportsTheWaitUntilRepaid() {
        var bucket = TokenBucket(BucketRate(rate: 100, burst: 200), now: 0)
        #expect(bucket.charge(150, now: 0) == 0)
        #expect(abs(bucket.charge(250, now: 0) - 2.0) < 1e-9, "200 owed at 100/s: 2 s")
        #expect(!bucket.peek(now: 1).allowed && bucket.peek(now: 1).retryAfter == 2, "100 owed plus the one token needed")
        #expect(!bucket.peek(now: 2).allowed, "debt repaid, but no token to spend yet")
        #expect(bucket.peek(now: 2.02).allowed)
    }

    @Test func limiterKeepsBucketsApartAndPrunesIdleOnes() {
        let clock = ManualClock()
        let limiter = RateLimiter(maxKeys: 1_000, pruneInterval: 10, now: clock.function)
        let limit = BucketRate(rate: 1, burst: 2)
        let alice = RateLimiter.Key(subject: "principal:alice", bucket: "reads")
        let bob = RateLimiter.Key(subject: "principal:bob", bucket: "reads")
        #expect(limiter.take(alice, cost: 1, limit: limit).allowed)
        #expect(limiter.take(alice, cost: 1, limit: limit).allowed)
        #expect(!limiter.take(alice, cost: 1, limit: limit).allowed)
        #expect(limiter.take(bob, cost: 1, limit: limit).allowed, "another principal has its own bucket")
        #expect(limiter.take(RateLimiter.Key(subject: "principal:alice", bucket: "writes"), cost: 1, limit: limit).allowed,
                "another class has its own bucket")
        for index in 0..<500 { _ = limiter.take(.init(subject: "address:10.0.\(index / 256).\(index % 256)", bucket: "reads"), cost: 1, limit: limit) }
        #expect(limiter.trackedKeys == 503)
        clock.advance(11)
        _ = limiter.take(alice, cost: 1, limit: limit)
        #expect(limiter.trackedKeys == 1, "every refilled bucket is forgotten; only the one just used remains")
    }

    @Test func limiterMemoryIsBoundedEvenWhenEveryCallerIsActive() {
        let clock = ManualClock()
        let limiter = RateLimiter(maxKeys: 100, pruneInterval: 3_600, now: clock.function)
        let limit = BucketRate(rate: 1, burst: 5)
        for index in 0..<1_000 {
            clock.advance(0.001)
            _ = limiter.take(.init(subject: "address:\(index)", bucket: "reads"), cost: 5, limit: limit)
            #expect(limiter.trackedKeys <= 100)
        }
        // The most recent callers are the ones remembered.
        #expect(!limiter.take(.init(subject: "address:999", bucket: "reads"), cost: 1, limit: limit).allowed)
    }

    @Test func headerFormats() {
        let limit = BucketRate(rate: 100, burst: 200)
        #expect(RateLimitHeaders.policy("reads", limit) == #""reads";q=200;w=2"#)
        #expect(RateLimitHeaders.policy("upload_bytes", BucketRate(rate: 1_048_576, burst: 4_194_304), bytes: true)
                == #""upload_bytes";q=4194304;w=4;qu="content-bytes""#)
        let state = TokenBucket.Decision(allowed: true, remaining: 57, retryAfter: 0, resetAfter: 2)
        #expect(RateLimitHeaders.state("reads", state) == #""reads";r=57;t=2"#)
        var headers = HTTPFields()
        RateLimitHeaders.apply(to: &headers, name: "reads", limit: limit,
                               decision: .init(allowed: false, remaining: 0, retryAfter: 3, resetAfter: 2))
        #expect(headers[.retryAfter] == "3")
        #expect(headers[HTTPField.Name("RateLimit")!] == #""reads";r=0;t=2"#)
        var none = HTTPFields()
        RateLimitHeaders.apply(to: &none, name: "reads", limit: .unlimited, decision: state)
        #expect(none.isEmpty, "an unlimited class advertises no policy")
        #expect(BucketRate(rate: 3, burst: 1).window == 1, "the window is at least a second")
    }

    @Test(arguments: [
        ("GET", "/api/v1/models/m", nil, RouteClass.reads),
        ("HEAD", "/api/v1/models/m/versions/1/files/a.bin", nil, .reads),
        ("GET", "/api/v1/models", "max_results=5", .reads),
        ("GET", "/api/v1/models", "filter=name%20%3D%20'x'", .search),
        ("GET", "/api/v1/versions", "max_results=5&filter=status", .search),
        ("POST", "/api/v1/models", nil, .writes),
        ("DELETE", "/api/v1/models/m", nil, .writes),
        ("PUT", "/api/v1/models/m/versions/1/files/dir/a.bin", nil, .uploadBytes),
        ("DELETE", "/api/v1/models/m/versions/1/files/a.bin", nil, .writes),
        ("POST", "/api/v1/predictions", nil, .ingest),
        ("POST", "/api/2.0/mlflow/runs/search", nil, .search),
        ("PUT", "/api/2.0/mlflow-artifacts/artifacts/1/a/model.pkl", nil, .uploadBytes),
        ("POST", "/api/2.0/mlflow/runs/log-batch", nil, .writes),
        // The web UI's upload form is metered in bytes like the API's PUT; its other forms are writes.
        ("POST", "/ui/models/m/versions/1/files", nil, .uploadBytes),
        ("POST", "/ui/models/filesystem/versions", nil, .writes),
        ("POST", "/ui/models/m/versions/1/finalize", nil, .writes),
    ] as [(String, String, String?, RouteClass)])
    func routeClasses(_ method: String, _ path: String, _ query: String?, _ expected: RouteClass) {
        let actual = RouteClassifier.standard.classify(method: HTTPRequest.Method(method)!, path: Substring(path),
                                                       query: query.map { Substring($0) })
        #expect(actual == expected, "\(method) \(path)?\(query ?? "")")
    }

    @Test func lowTierIsRefusedFirstAndHighTierKeepsTheLastSlots() {
        var limits = LimitsConfiguration()
        limits.maxInFlight = 10
        limits.maxInFlightPerPrincipal = 0
        let admission = AdmissionControl(limits)
        #expect(limits.capacity(for: .low) == 6 && limits.capacity(for: .normal) == 9 && limits.capacity(for: .high) == 10)
        for _ in 0..<6 { #expect(admission.admit(principal: "batch", tier: .low) == .admitted) }
        #expect(admission.admit(principal: "batch", tier: .low) == .overloaded, "low may fill 60%")
        for _ in 0..<3 { #expect(admission.admit(principal: "app", tier: .normal) == .admitted) }
        #expect(admission.admit(principal: "app", tier: .normal) == .overloaded, "normal may fill 90%")
        #expect(admission.admit(principal: "checkout", tier: .high) == .admitted, "high gets the last slot")
        #expect(admission.admit(principal: "checkout", tier: .high) == .overloaded)
        admission.release(principal: "batch")
        #expect(admission.admit(principal: "other", tier: .low) == .overloaded, "9 in flight: still above low's share")
        #expect(admission.admit(principal: "checkout", tier: .high) == .admitted)
        #expect(admission.inFlight == 10)
    }

    @Test func perPrincipalCapComesBeforeTheOverallOne() {
        var limits = LimitsConfiguration()
        limits.maxInFlight = 100
        limits.maxInFlightPerPrincipal = 2
        let admission = AdmissionControl(limits)
        #expect(admission.admit(principal: "a", tier: .high) == .admitted)
        #expect(admission.admit(principal: "a", tier: .high) == .admitted)
        #expect(admission.admit(principal: "a", tier: .high) == .principalLimit)
        #expect(admission.admit(principal: "b", tier: .low) == .admitted)
        admission.release(principal: "a")
        #expect(admission.admit(principal: "a", tier: .high) == .admitted)
    }
}
