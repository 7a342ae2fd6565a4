import Hummingbird
import StewardCore

/// Handlers of deprecation, legal holds, retention and garbage collection (see openapi.yaml).
/// Rules live in `Retention` (StewardCore); these only translate HTTP.
struct LifecycleRoutes: Sendable {
    let retention: Retention

    func register(on api: RouterGroup<StewardRequestContext>) {
        api.post("models/:name/versions/:version/deprecation") { request, context in
            let body = try await request.decodeJSON(DeprecationSetBody.self, context: context)
            let version = try await retention.deprecate(modelName: try context.parameters.decoded("name"), number: try context.parameters.versionNumber(),
                                                        reason: body.reason, replacement: body.replacement, sunset: try body.sunsetDate(),
                                                        by: try context.requirePrincipal())
            return DeprecationHeaders.adding(version, to: try JSONResponse.make(VersionBody(version: version), etag: version.etag))
        }
        api.delete("models/:name/versions/:version/deprecation") { _, context in
            let version = try await retention.undeprecate(modelName: try context.parameters.decoded("name"),
                                                          number: try context.parameters.versionNumber(), by: try context.requirePrincipal())
            return try JSONResponse.make(VersionBody(version: version), etag: version.etag)
        }
        api.put("models/:name/versions/:version/legal-hold") { request, context in
            let body = try await request.decodeJSON(LegalHoldSetBody.self, context: context)
            let version = try await retention.hold(modelName: try context.parameters.decoded("name"), number: try context.parameters.versionNumber(),
                                                   reason: body.reason, by: try context.requirePrincipal())
            return try JSONResponse.make(VersionBody(version: version), etag: version.etag)
        }
        api.delete("models/:name/versions/:version/legal-hold") { _, context in
            let version = try await retention.release(modelName: try context.parameters.decoded("name"),
                                                      number: try context.parameters.versionNumber(), by: try context.requirePrincipal())
            return try JSONResponse.make(VersionBody(version: version), etag: version.etag)
        }
        api.put("models/:name/retention") { request, context in
            let body = try await request.decodeJSON(RetentionPolicySetBody.self, context: context)
            let name = try context.parameters.decoded("name")
            let policy = try await retention.setPolicy(modelName: name, keepLast: body.keepLast, maxAgeDays: body.maxAgeDays,
                                                       consumerWindowDays: body.consumerWindowDays, by: try context.requirePrincipal())
            return try JSONResponse.make(RetentionPolicyBody(model: name, policy: policy))
        }
        api.get("models/:name/retention") { _, context in
            let name = try context.parameters.decoded("name")
            return try JSONResponse.make(RetentionPolicyBody(model: name, policy: try await retention.policy(modelName: name, by: try context.requirePrincipal())))
        }
        api.delete("models/:name/retention") { _, context in
            try await retention.deletePolicy(modelName: try context.parameters.decoded("name"), by: try context.requirePrincipal())
            return JSONResponse.noContent()
        }
        api.post("models/:name/retention/run") { request, context in
            let body = try await Self.options(request, context)
            let report = try await retention.run(modelName: try context.parameters.decoded("name"), dryRun: body.dryRun ?? false,
                                                 by: try context.requirePrincipal())
            return try JSONResponse.make(RetentionReportBody(report))
        }
        api.post("admin/retention/run") { request, context in
            let body = try await Self.options(request, context)
            return try JSONResponse.make(RetentionReportBody(try await retention.run(modelName: nil, dryRun: body.dryRun ?? false,
                                                                                    by: try context.requirePrincipal())))
        }
        api.post("admin/gc") { request, context in
            let body = try await Self.options(request, context)
            let report = try await retention.collectGarbage(dryRun: body.dryRun ?? false, graceSeconds: body.graceSeconds ?? 3600,
                                                            limit: body.limit, by: try context.requirePrincipal())
            return try JSONResponse.make(GarbageReportBody(report))
        }
        api.post("admin/sunset-notices/run") { request, context in
            let body = try await Self.options(request, context)
            let sent = try await retention.sendSunsetNotices(daysBefore: body.daysBefore ?? 7, by: try context.requirePrincipal())
            return try JSONResponse.make(["sent": sent])
        }
    }

    /// The JSON body of run options (`{}` means the defaults).
    static func options(_ request: Request, _ context: StewardRequestContext) async throws -> RunOptionsBody {
        try await request.decodeJSON(RunOptionsBody.self, context: context)
    }
}
