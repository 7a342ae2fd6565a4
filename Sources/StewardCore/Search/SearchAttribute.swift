/// A searchable attribute of models or versions, after validation against the entity's schema.
public enum SearchAttribute: Sendable, Hashable {
    case name, description, owner, task, framework, source, createdBy, status, version, createdAt, updatedAt
    case tag(String)
    case metric(String)
    case param(String)

    /// How values of the attribute are compared.
    public enum ValueType: Sendable {
        case text, number, timestamp, status
    }

    public var valueType: ValueType {
        switch self {
        case .version, .metric: .number
        case .createdAt, .updatedAt: .timestamp
        case .status: .status
        default: .text
        }
    }
}

/// What a search runs over; decides which attributes exist and how results may be ordered.
public enum SearchEntity: String, Sendable {
    case models, versions

    /// Plain (un-namespaced) attributes by their filter name.
    var plainAttributes: [String: SearchAttribute] {
        let common: [String: SearchAttribute] = [
            "name": .name, "description": .description, "created_by": .createdBy,
            "created_at": .createdAt, "creation_timestamp": .createdAt,
            "updated_at": .updatedAt, "last_updated_timestamp": .updatedAt,
        ]
        switch self {
        case .models:
            return common.merging(["owner": .owner, "task": .task, "framework": .framework]) { a, _ in a }
        case .versions:
            return common.merging(["version": .version, "version_number": .version, "status": .status,
                                   "source": .source]) { a, _ in a }
        }
    }

    /// Namespaces (`tag`, `metric`, `param`) the entity has.
    var namespaces: Set<String> {
        switch self {
        case .models: ["tag"]
        case .versions: ["tag", "metric", "param"]
        }
    }

    /// Attributes results may be ordered by.
    public var orderableAttributes: [String: SearchAttribute] {
        let common: [String: SearchAttribute] = ["created_at": .createdAt, "updated_at": .updatedAt,
                                                  "creation_timestamp": .createdAt,
                                                  "last_updated_timestamp": .updatedAt, "name": .name]
        switch self {
        case .models: return common
        case .versions: return common.merging(["version": .version, "version_number": .version]) { a, _ in a }
        }
    }
}
