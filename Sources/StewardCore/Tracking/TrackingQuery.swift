import Foundation

/// A search filter over tracking entities (experiments, runs, logged models), parsed with the shared
/// filter grammar (`FilterParser`) and checked against the entity's fields.
public indirect enum TrackingFilter: Sendable, Equatable {
    case term(TrackingTerm)
    case and(TrackingFilter, TrackingFilter)
    case or(TrackingFilter, TrackingFilter)
}

/// One comparison of a tracking filter.
public struct TrackingTerm: Sendable, Equatable {
    /// What is compared: a plain attribute (canonical name, see `TrackingEntity`) or a keyed value.
    public enum Field: Sendable, Hashable {
        case attribute(String)
        case metric(String)
        case param(String)
        case tag(String)
    }

    public var field: Field
    public var op: FilterOperator
    /// `.text`, `.number`, `.integer` or a `.list` of those.
    public var value: ResolvedValue

    public init(field: Field, op: FilterOperator, value: ResolvedValue) {
        self.field = field
        self.op = op
        self.value = value
    }
}

/// One `order_by` key of a tracking search.
public struct TrackingOrder: Sendable, Equatable {
    public var field: TrackingTerm.Field
    public var descending: Bool

    public init(field: TrackingTerm.Field, descending: Bool) {
        self.field = field
        self.descending = descending
    }
}

/// A validated tracking search: filter, order, page size and offset.
public struct TrackingQuery: Sendable, Equatable {
    public var filter: TrackingFilter?
    public var order: [TrackingOrder]
    public var maxResults: Int
    public var offset: Int

    public init(filter: TrackingFilter? = nil, order: [TrackingOrder] = [], maxResults: Int, offset: Int = 0) {
        self.filter = filter
        self.order = order
        self.maxResults = maxResults
        self.offset = offset
    }
}

/// Opaque page tokens for tracking searches: base64 of `{"offset": N}`, the form MLflow itself uses
/// (clients only echo them back).
public enum OffsetPageToken {
    public static func encode(_ offset: Int) -> String {
        Data("{\"offset\": \(offset)}".utf8).base64EncodedString()
    }

    /// The offset of a token; nil or empty means the first page. A malformed token is a 400.
    public static func decode(_ token: String?) throws -> Int {
        guard let token, !token.isEmpty else { return 0 }
        struct Wire: Decodable { var offset: Int }
        guard token.count <= 256, let data = Data(base64Encoded: token) ?? Data(base64URLEncoded: token),
              let wire = try? JSONDecoder().decode(Wire.self, from: data), wire.offset >= 0 else {
            throw DomainError(.invalid, code: "invalid_page_token", "Invalid page_token: it is malformed.",
                              fieldErrors: [FieldError(field: "page_token", message: "malformed")])
        }
        return wire.offset
    }

    /// The token for the page after `items` items starting at `offset`, when more may follow.
    public static func next(offset: Int, returned: Int, hasMore: Bool) -> String? {
        hasMore ? encode(offset + returned) : nil
    }
}
