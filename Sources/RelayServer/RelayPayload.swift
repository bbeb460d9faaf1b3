import Foundation

/// A webhook body the relay is willing to queue: a JSON object in UTF-8, re-serialised by the relay so that what
/// `/v1/updates` embeds is always its own valid JSON. UTF-16/32 (which a JSON decoder would otherwise detect and
/// accept), byte-order marks, invalid UTF-8, NUL bytes and any JSON that is not an object are refused.
struct RelayPayload: Sendable {
    /// The decoded object.
    let object: JSONValue
    /// The relay's own serialisation of ``object``: what is stored and served.
    let canonical: Data

    /// Why a body was refused, with the status the endpoint answers.
    enum Problem: Error, Sendable, Hashable {
        /// Not UTF-8 (a byte-order mark, NUL bytes, invalid sequences): 415.
        case notUTF8
        /// UTF-8, but not one JSON object: 400.
        case notAJSONObject

        var refusal: RelayRefusal {
            switch self {
            case .notUTF8: RelayRefusal(status: 415, reason: "body is not UTF-8 JSON")
            case .notAJSONObject: RelayRefusal(status: 400, reason: "body is not a JSON object")
            }
        }
    }

    /// Checks and re-serialises `body`.
    static func decode(_ body: Data) -> Result<RelayPayload, Problem> {
        guard isPlainUTF8(body) else { return .failure(.notUTF8) }
        guard firstSignificantByte(body) == UInt8(ascii: "{"),
            let object = try? JSONDecoder().decode(JSONValue.self, from: body), case .object = object,
            let canonical = try? JSONEncoder().encode(object),
            isPlainUTF8(canonical)
        else { return .failure(.notAJSONObject) }
        return .success(RelayPayload(object: object, canonical: canonical))
    }

    /// UTF-8 without a byte-order mark or NUL bytes (JSON text never holds a raw NUL; UTF-16 and UTF-32 always do).
    static func isPlainUTF8(_ body: Data) -> Bool {
        if body.starts(with: [0xEF, 0xBB, 0xBF]) || body.contains(0) { return false }
        return String(validating: body, as: UTF8.self) != nil
    }

    private static func firstSignificantByte(_ body: Data) -> UInt8? {
        body.first { !Self.whitespace.contains($0) }
    }

    private static let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
}
