import Foundation

/// A wait a server asked for (`Retry-After`, Matrix `retry_after_ms`, Telegram `retry_after`, Zulip `retry-after`,
/// Mattermost `X-RateLimit-Reset`), made safe before any arithmetic: hostile until checked.
///
/// | value from the server | seconds |
/// |---|---|
/// | a number in 0…3600 | that number |
/// | above 3600, `1e300`, `inf` | 3600 (``longest``) |
/// | negative, `-inf` | 0 |
/// | `nan`, not a number, missing | `nil`: the caller's default applies |
///
/// The result is always finite and in `0...longest`, so converting it to a `Duration` cannot trap.
public enum ServerDuration {
    /// The longest wait any server can impose: one hour.
    public static let longest: Double = 3_600

    /// `value` seconds clamped to `0...longest`; `nil` for NaN or `nil`.
    public static func seconds(_ value: Double?) -> Double? {
        guard let value, !value.isNaN else { return nil }
        return min(max(value, 0), longest)
    }

    /// Seconds from header or JSON-string text (`"120"`, `" 1.5 "`); `nil` when it is not a number.
    public static func seconds(text: String?) -> Double? {
        seconds(number(json: text))
    }

    /// Seconds from a JSON value: a number or a numeric string; anything else is `nil`.
    public static func seconds(json value: Any?) -> Double? { seconds(number(json: value)) }

    /// Seconds from a JSON value in milliseconds (Matrix's `retry_after_ms`).
    public static func seconds(jsonMilliseconds value: Any?) -> Double? {
        seconds(number(json: value).map { $0 / 1_000 })
    }

    private static func number(json value: Any?) -> Double? {
        switch value {
        case let text as String:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.count <= 64 ? Double(trimmed) : nil
        case let number as NSNumber: return number.doubleValue
        default: return nil
        }
    }

    /// `seconds` (clamped again, so any `Double` is safe) as a `Duration` with millisecond precision; NaN is zero.
    public static func duration(seconds value: Double) -> Duration {
        let safe = seconds(value) ?? 0
        // Reviewed conversion: `safe` is finite and at most 3.6e6 ms.
        return .milliseconds(Int64((safe * 1_000).rounded()))
    }
}
