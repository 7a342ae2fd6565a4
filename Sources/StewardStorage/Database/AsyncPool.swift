/// A fixed set of resources handed out one caller at a time, waiting callers served in order.
actor AsyncPool<Resource: Sendable> {
    private var idle: [Resource]
    private var waiters: [CheckedContinuation<Resource, Never>] = []

    init(_ resources: [Resource]) { idle = resources }

    func acquire() async -> Resource {
        if let resource = idle.popLast() { return resource }
        return await withCheckedContinuation { waiters.append($0) }
    }

    func release(_ resource: Resource) {
        if waiters.isEmpty { idle.append(resource) } else { waiters.removeFirst().resume(returning: resource) }
    }

    /// Takes every resource out (waiting for those in use), for closing.
    func drain(count: Int) async -> [Resource] {
        var all: [Resource] = []
        for _ in 0..<count { all.append(await acquire()) }
        return all
    }

    /// Runs `body` with a resource, returning it to the pool afterwards.
    nonisolated func with<R: Sendable>(_ body: @Sendable (Resource) async throws -> R) async throws -> R {
        let resource = await acquire()
        do {
            let result = try await body(resource)
            await release(resource)
            return result
        } catch {
            await release(resource)
            throw error
        }
    }
}
