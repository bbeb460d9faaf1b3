import Foundation

extension KeyedDecodingContainer {
    /// The value at `key` when it is there and of the expected type; `nil` when it is missing, `null` or of another
    /// type. A server's JSON is hostile until checked: one field of the wrong type must not make the whole object
    /// unreadable, so each adapter decides what a missing field means.
    func lenient<Value: Decodable>(_ key: Key, as type: Value.Type = Value.self) -> Value? {
        (try? decodeIfPresent(Value.self, forKey: key)) ?? nil
    }
}

/// One element of a JSON array (or value of a JSON object) decoded on its own: an element that does not decode is
/// `nil` here, never a reason to refuse the whole array.
struct Each<Element: Decodable>: Decodable {
    let value: Element?

    init(from decoder: any Decoder) {
        value = try? Element(from: decoder)
    }
}

/// Any JSON object, its fields unread: the answer to a request whose response says nothing the adapter needs.
struct AnyJSONObject: Decodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: Key.self)
    }
}

/// The empty JSON object `{}`, for requests whose body says nothing.
struct EmptyJSONObject: Codable, Sendable {}

/// JSON coding for the wire, in one place: request bodies with sorted keys (one request always reads the same).
enum WireJSON {
    static func encode(_ value: some Encodable) -> Data? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try? encoder.encode(value)
    }

    /// `data` as `Value`, or `nil` when it is not.
    static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) -> Value? {
        try? JSONDecoder().decode(Value.self, from: data)
    }
}

/// A field read with its presence: absent, present but unreadable (wrong type, `null`), or present. Some adapters
/// treat "absent" (not for the assistant) and "unreadable" (malformed, skipped and counted) differently.
enum WireField<Value> {
    case absent
    case unreadable
    case present(Value)

    var value: Value? {
        if case .present(let value) = self { return value }
        return nil
    }

    var isAbsent: Bool {
        if case .absent = self { return true }
        return false
    }
}

extension WireField: Sendable where Value: Sendable {}

extension KeyedDecodingContainer {
    /// The field at `key` with its presence (see ``WireField``).
    func field<Value: Decodable>(_ key: Key, as type: Value.Type = Value.self) -> WireField<Value> {
        guard contains(key) else { return .absent }
        guard let value = try? decode(Value.self, forKey: key) else { return .unreadable }
        return .present(value)
    }
}

/// Any JSON value, unread: the result of a call whose answer says nothing the adapter needs (`true`, an object).
struct AnyJSONValue: Decodable, Sendable {
    init(from decoder: any Decoder) {}
}
