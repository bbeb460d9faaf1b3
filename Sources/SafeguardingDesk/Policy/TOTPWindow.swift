/// Which TOTP codes are accepted: the code for the current 30-second step or the one either side (clock drift), and
/// only for a step later than the last one accepted, so a code is used once. Pure: codes come from `code(step)`.
public struct TOTPWindow: Sendable, Hashable {
    public static let stepSeconds: Int64 = 30
    /// Steps accepted either side of now.
    public static let drift: Int64 = 1

    public init() {}

    /// The time step of `time`.
    public func step(at time: Int64) -> Int64 { time / Self.stepSeconds }

    /// The step `typed` matches at `time`, or `nil` when it matches none that may be used.
    public func acceptedStep(
        _ typed: String,
        at time: Int64,
        after lastUsed: Int64,
        code: (Int64) -> Int
    ) -> Int64? {
        let digits = typed.filter { !$0.isWhitespace }
        guard digits.count == 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits) else {
            return nil
        }
        let now = step(at: time)
        return ((now - Self.drift)...(now + Self.drift)).first { $0 > lastUsed && code($0) == value }
    }
}
