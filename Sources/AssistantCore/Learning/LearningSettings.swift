/// Whether the assistant keeps the questions it could not answer, and for how long (`learning:` in the
/// configuration): on by default, for 90 days.
public struct LearningSettings: Sendable, Hashable {
    /// `learning.enabled`.
    public let enabled: Bool
    /// `learning.keep_days`: kept questions older than this are purged by housekeeping.
    public let keepDays: Int

    /// The documented range of `learning.keep_days`.
    public static let keepDaysRange = 1...3_650

    public init(enabled: Bool = true, keepDays: Int = 90) {
        self.enabled = enabled
        self.keepDays = keepDays
    }

    /// Seconds a kept question is kept.
    public var keepSeconds: Int64 { Int64(keepDays) * 86_400 }
}
