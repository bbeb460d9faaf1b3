/// How the desk runs: where it listens, how hard password hashing is, when sessions end, how long a set-up code
/// lasts. The defaults are the product's; tests lower the bcrypt cost.
public struct DeskSettings: Sendable {
    public var host: String
    public var port: Int
    /// bcrypt's log2 rounds (12 in use; 4, bcrypt's least, in tests).
    public var bcryptCost: UInt8
    public var sessions: SessionPolicy
    /// Seconds a set-up code from `desk user add` stays valid.
    public var setupCodeSeconds: Int64
    /// The institution's name, shown in page titles and the authenticator app.
    public var institution: String

    public init(
        host: String = "127.0.0.1",
        port: Int = 8443,
        bcryptCost: UInt8 = 12,
        sessions: SessionPolicy = SessionPolicy(),
        setupCodeSeconds: Int64 = 72 * 3600,
        institution: String = "PreventAssist"
    ) {
        self.host = host
        self.port = port
        self.bcryptCost = bcryptCost
        self.sessions = sessions
        self.setupCodeSeconds = setupCodeSeconds
        self.institution = institution
    }

    /// Whether the desk listens only on this machine (cookies are then sent over plain HTTP too).
    public var isLoopback: Bool { ["127.0.0.1", "::1", "localhost"].contains(host) }

    /// Parses `HOST:PORT` (`[::1]:8443` for IPv6); `nil` when it is not one.
    public static func listenAddress(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".:-".contains($0)) })
        else { return nil }
        return (host, port)
    }
}
