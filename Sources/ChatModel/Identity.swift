/// A person across platforms: the platform's kind (`matrix`, `telegram`, …) and the person's id there. Written
/// `platform:id` (`matrix:@lead:example.ac.uk`), the form roles and records use.
public struct Identity: Sendable, Hashable, CustomStringConvertible {
    /// The platform's kind: the part before the first `:`.
    public let platform: String
    public let user: UserID

    public init(platform: String, user: UserID) {
        self.platform = platform
        self.user = user
    }

    /// Reads `platform:id`; `nil` unless both parts are present (the id may itself hold `:`).
    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let platform = text[..<colon]
        let user = text[text.index(after: colon)...]
        guard !platform.isEmpty, !user.isEmpty else { return nil }
        self.init(platform: String(platform), user: UserID(String(user)))
    }

    public var description: String { "\(platform):\(user.rawValue)" }
}
