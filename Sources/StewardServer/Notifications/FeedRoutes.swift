import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle
import StewardCore

/// The in-app feed: the caller's subscribed events as pages (`GET /feed`) and as a Server-Sent
/// Events stream (`GET /feed/stream`, `id:` = event id, resumable with `Last-Event-ID`). Both read
/// the outbox through `Notifications.feed`, so they carry exactly the same events.
struct FeedRoutes: Sendable {
    let notifications: Notifications
    /// How often an open stream looks for new events, and how often it sends a keep-alive comment.
    var pollInterval: Duration = .milliseconds(500)
    var keepAlive: Duration = .seconds(15)

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func register(on api: RouterGroup<StewardRequestContext>) {
        api.get("feed") { request, context in
            let page = try await notifications.feed(after: try request.sequenceToken() ?? 0, limit: try request.queryInt("max_results") ?? 50,
                                                    by: try context.requirePrincipal())
            return try JSONResponse.make(FeedPageBody(events: page.events.map { FeedEventBody($0.event) }, nextPageToken: String(page.cursor),
                                                      hasMore: page.hasMore))
        }
        api.get("feed/stream") { request, context in
            let principal = try context.requirePrincipal()
            guard request.headers[.accept]?.contains("text/event-stream") == true else {
                throw HTTPError(.notAcceptable, message: "The feed stream is Server-Sent Events: send Accept: text/event-stream.")
            }
            let lastEventID = request.headers[HTTPField.Name("Last-Event-ID")!]
            let start = try await notifications.streamStart(lastEventID: lastEventID, by: principal)
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                try await stream(from: start, to: &writer, for: principal)
            })
        }
    }

    /// Writes events as they arrive until the client goes away or the server shuts down.
    func stream(from start: Int64, to writer: inout any ResponseBodyWriter, for principal: Principal) async throws {
        var cursor = start
        var lastWrite = ContinuousClock.now
        try await writer.write(ByteBuffer(string: "retry: 2000\n\n")) // sends the headers at once
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let page = try await notifications.feed(after: cursor, limit: 100, by: principal)
            for (_, event) in page.events {
                let data = try Self.encoder.encode(FeedEventBody(event))
                try await writer.write(ByteBuffer(string: "id: \(event.id)\nevent: \(event.type)\ndata: \(String(decoding: data, as: UTF8.self))\n\n"))
                lastWrite = .now
            }
            cursor = page.cursor
            if page.hasMore { continue }
            if ContinuousClock.now - lastWrite >= keepAlive {
                try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                lastWrite = .now
            }
            try await Task.sleep(for: pollInterval)
        }
        try await writer.finish(nil)
    }
}

/// `FeedPage` in openapi.yaml.
struct FeedPageBody: Encodable {
    var events: [FeedEventBody]
    var nextPageToken: String
    var hasMore: Bool
    enum CodingKeys: String, CodingKey { case events, nextPageToken = "next_page_token", hasMore = "has_more" }
}
