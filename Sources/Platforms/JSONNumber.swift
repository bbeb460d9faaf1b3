import Foundation

/// Whole numbers read from JSON that a server sent: exact, or `nil`. `1e300`, `1.5` and strings are not integers,
/// and nothing here can trap on an absurd value (hostile until checked). (JSON `true` arrives as the number 1: on
/// Linux a boolean and a small integer cannot be told apart after `JSONSerialization`.)
enum JSONNumber {
    /// The value as an `Int64` when it is a JSON number holding a whole number in `Int64`'s range.
    static func int64(_ value: Any?) -> Int64? {
        guard let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        // 2^63 is exactly representable; anything at or beyond it (or NaN, or a fraction) is not an Int64.
        guard double.isFinite, double == double.rounded(.towardZero), double >= -9.223_372_036_854_775_808e18,
            double < 9.223_372_036_854_775_808e18
        else { return nil }
        // In range: int64Value keeps the digits a Double would round away (ids up to 2^63).
        return number.int64Value
    }
}
