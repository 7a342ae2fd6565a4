import HTTPTypes

/// The rate-limit response fields of draft-ietf-httpapi-ratelimit-headers (draft 09/10 syntax,
/// structured-field lists):
///
///     RateLimit-Policy: "reads";q=1000;w=5
///     RateLimit: "reads";r=998;t=1
///     RateLimit-Policy: "upload_bytes";q=1073741824;w=4;qu="content-bytes"
///
/// The policy name is the route class. A token bucket of burst B refilling at R/s is described as
/// quota `q` = B per window `w` = ceil(B/R) seconds; `r` is the whole tokens left and `t` the seconds
/// until the bucket is full again. A refusal also carries `Retry-After` (delta-seconds), which is
/// when the refused request would fit.
public enum RateLimitHeaders {
    public static let policyName = HTTPField.Name("RateLimit-Policy")!
    public static let stateName = HTTPField.Name("RateLimit")!

    public static func policy(_ name: String, _ limit: BucketRate, bytes: Bool = false) -> String {
        "\"\(name)\";q=\(Int(limit.burst));w=\(limit.window)" + (bytes ? ";qu=\"content-bytes\"" : "")
    }

    public static func state(_ name: String, _ decision: TokenBucket.Decision) -> String {
        "\"\(name)\";r=\(decision.remaining);t=\(decision.resetAfter)"
    }

    /// Adds the policy and state fields of one bucket, and `Retry-After` when it refused.
    public static func apply(to headers: inout HTTPFields, name: String, limit: BucketRate, decision: TokenBucket.Decision,
                             bytes: Bool = false) {
        guard !limit.isUnlimited else { return }
        headers[policyName] = policy(name, limit, bytes: bytes)
        headers[stateName] = state(name, decision)
        if !decision.allowed { headers[.retryAfter] = String(decision.retryAfter) }
    }
}
