/// A field of a server's JSON read without trusting it: missing, `null` or of another type reads as `nil`, never as a
/// reason to refuse the whole object. With it, a wire type's `Decodable` conformance is the synthesised one.
@propertyWrapper
struct Lenient<Value: Decodable>: Decodable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    init(from decoder: any Decoder) { wrappedValue = try? Value(from: decoder) }
}

extension Lenient: Sendable where Value: Sendable {}

extension KeyedDecodingContainer {
    /// A missing key is a `nil` field, not an error (used by the synthesised `Decodable` of wire types).
    func decode<Value>(_ type: Lenient<Value>.Type, forKey key: Key) throws -> Lenient<Value> {
        Lenient(wrappedValue: lenient(key))
    }
}

extension WireField: Decodable where Value: Decodable {
    init(from decoder: any Decoder) {
        self = (try? Value(from: decoder)).map(WireField.present) ?? .unreadable
    }
}

extension KeyedDecodingContainer {
    /// A missing key is an absent field (used by the synthesised `Decodable` of wire types).
    func decode<Value: Decodable>(_ type: WireField<Value>.Type, forKey key: Key) throws -> WireField<Value> {
        field(key)
    }
}

/// A whole-number field read without trusting it (see ``WireNumber``): exact when the JSON number is a whole number
/// that fits `Value`, else `nil` (a fraction, `1e300`, text, a missing key).
@propertyWrapper
struct LenientInteger<Value: FixedWidthInteger & Sendable>: Decodable, Sendable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    init(from decoder: any Decoder) {
        wrappedValue = (try? WireNumber(from: decoder))?.int64.flatMap { Value(exactly: $0) }
    }
}

extension KeyedDecodingContainer {
    /// A missing key is a `nil` field, not an error (used by the synthesised `Decodable` of wire types).
    func decode<Value>(_ type: LenientInteger<Value>.Type, forKey key: Key) throws -> LenientInteger<Value> {
        LenientInteger(wrappedValue: lenient(key, as: WireNumber.self)?.int64.flatMap { Value(exactly: $0) })
    }
}
