import CurlHTTP
import Foundation

/// A number a server sent, read without trusting it: ids up to 2^63 stay exact, `1e300`, `1.5` and strings are not
/// integers, and nothing here can trap on an absurd value.
struct WireNumber: Decodable, Sendable, Hashable {
    /// The exact whole number, when the JSON value is a number holding one in `Int64`'s range.
    let int64: Int64?
    /// The value, when the JSON value is a number.
    let number: Double?
    /// The text, when the JSON value is a string (some servers send waits as `"1.5"`).
    let text: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let exact = try? container.decode(Int64.self) {
            (int64, number, text) = (exact, Double(exact), nil)
        } else if let double = try? container.decode(Double.self) {
            (int64, number, text) = (Self.whole(double), double, nil)
        } else {
            (int64, number, text) = (nil, nil, try container.decode(String.self))
        }
    }

    /// A wait in seconds from a number or a numeric string, made safe by ``ServerDuration`` (0…3600 s).
    var seconds: Double? { ServerDuration.seconds(numeric) }

    /// A wait in milliseconds (Matrix's `retry_after_ms`), as seconds made safe by ``ServerDuration``.
    var secondsFromMilliseconds: Double? { ServerDuration.seconds(numeric.map { $0 / 1_000 }) }

    /// The number, or the number a short numeric string holds.
    private var numeric: Double? {
        if let number { return number }
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces), trimmed.count <= 64 else { return nil }
        return Double(trimmed)
    }

    /// `value` as an `Int64` when it is a whole number in range.
    private static func whole(_ value: Double) -> Int64? {
        // 2^63 is exactly representable; anything at or beyond it (or NaN, or a fraction) is not an Int64.
        guard value.isFinite, value == value.rounded(.towardZero), value >= -9.223_372_036_854_775_808e18,
            value < 9.223_372_036_854_775_808e18
        else { return nil }
        return Int64(exactly: value)
    }
}
