import Foundation

/// Encodes a value so that absent optionals appear as `null` instead of being left out.
///
/// The generated API types encode optional properties with `encodeIfPresent`, which drops the key
/// for nil. For `--format json` the CLI wants every field the contract defines (`"owner": null`,
/// `"sealed_at": null`), so scripts can rely on the keys; this wrapper makes `encodeIfPresent` write
/// `null`, at every level of nesting.
struct NullPreserving<Wrapped: Encodable>: Encodable {
    /// The value to encode.
    let wrapped: Wrapped

    func encode(to encoder: any Encoder) throws {
        try wrapped.encode(to: NullWritingEncoder(base: encoder))
    }
}

/// Composite values are wrapped so that their own optionals also become `null`. Scalars pass through
/// unwrapped: they hold no optionals, a wrapped scalar would re-enter the single-value container
/// forever, and JSONEncoder recognises dates, data and URLs by type to apply its strategies.
private func wrapped<T: Encodable>(_ value: T) -> any Encodable {
    switch value {
    case is String, is Bool, is Double, is Float, is Int, is Int8, is Int16, is Int32, is Int64,
        is UInt, is UInt8, is UInt16, is UInt32, is UInt64, is Date, is Data, is URL, is Decimal:
        return value
    default:
        return NullPreserving(wrapped: value)
    }
}

private struct NullWritingEncoder: Encoder {
    let base: any Encoder
    var codingPath: [any CodingKey] { base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(NullWritingKeyedContainer(base: base.container(keyedBy: type)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        NullWritingUnkeyedContainer(base: base.unkeyedContainer())
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        NullWritingSingleValueContainer(base: base.singleValueContainer())
    }
}

private struct NullWritingKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    var base: KeyedEncodingContainer<Key>
    var codingPath: [any CodingKey] { base.codingPath }

    mutating func encodeNil(forKey key: Key) throws { try base.encodeNil(forKey: key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try base.encode(value, forKey: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try base.encode(value, forKey: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try base.encode(value, forKey: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try base.encode(value, forKey: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try base.encode(value, forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try base.encode(value, forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try base.encode(value, forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try base.encode(value, forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try base.encode(value, forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try base.encode(value, forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try base.encode(value, forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try base.encode(value, forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try base.encode(value, forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try base.encode(value, forKey: key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try base.encode(wrapped(value), forKey: key)
    }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try orNull(value, key) }

    private mutating func orNull<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try base.encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(NullWritingKeyedContainer<NestedKey>(base: base.nestedContainer(keyedBy: keyType, forKey: key)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NullWritingUnkeyedContainer(base: base.nestedUnkeyedContainer(forKey: key))
    }

    mutating func superEncoder() -> any Encoder { NullWritingEncoder(base: base.superEncoder()) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NullWritingEncoder(base: base.superEncoder(forKey: key)) }
}

private struct NullWritingUnkeyedContainer: UnkeyedEncodingContainer {
    var base: any UnkeyedEncodingContainer
    var codingPath: [any CodingKey] { base.codingPath }
    var count: Int { base.count }

    mutating func encodeNil() throws { try base.encodeNil() }
    mutating func encode<T: Encodable>(_ value: T) throws { try base.encode(wrapped(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(NullWritingKeyedContainer<NestedKey>(base: base.nestedContainer(keyedBy: keyType)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        NullWritingUnkeyedContainer(base: base.nestedUnkeyedContainer())
    }

    mutating func superEncoder() -> any Encoder { NullWritingEncoder(base: base.superEncoder()) }
}

private struct NullWritingSingleValueContainer: SingleValueEncodingContainer {
    var base: any SingleValueEncodingContainer
    var codingPath: [any CodingKey] { base.codingPath }

    mutating func encodeNil() throws { try base.encodeNil() }
    mutating func encode<T: Encodable>(_ value: T) throws { try base.encode(wrapped(value)) }
}
