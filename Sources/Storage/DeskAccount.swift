/// A desk user as stored: name, role, whether set-up is finished, lockout counters. Never the password hash's
/// secret part or the TOTP secret (those stay inside ``DeskAccountStore``).
public struct DeskAccount: Sendable, Hashable {
    public let name: String
    /// `lead`, `deputy` or `auditor` (checked by the desk, which maps it to ``AccessRoles``).
    public let role: String
    public let createdAt: Int64
    /// Whether a password and a TOTP secret are set (the set-up code was used).
    public let isEnrolled: Bool
    public let failedAttempts: Int
    public let lockedUntil: Int64
    /// The last TOTP time step accepted (a code is accepted once).
    public let lastTOTPStep: Int64
    public let disabledAt: Int64?

    public init(
        name: String,
        role: String,
        createdAt: Int64,
        isEnrolled: Bool,
        failedAttempts: Int,
        lockedUntil: Int64,
        lastTOTPStep: Int64,
        disabledAt: Int64?
    ) {
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.isEnrolled = isEnrolled
        self.failedAttempts = failedAttempts
        self.lockedUntil = lockedUntil
        self.lastTOTPStep = lastTOTPStep
        self.disabledAt = disabledAt
    }

    public var isDisabled: Bool { disabledAt != nil }
}

/// A desk session as stored, found by the SHA-256 of its id.
public struct DeskSessionRecord: Sendable, Hashable {
    public let idHash: String
    public let account: String
    public let csrfToken: String
    public let createdAt: Int64
    public let lastSeenAt: Int64
    /// The reason the user gave, once per session, before answers are shown decrypted.
    public let readReason: String?

    public init(
        idHash: String,
        account: String,
        csrfToken: String,
        createdAt: Int64,
        lastSeenAt: Int64,
        readReason: String?
    ) {
        self.idHash = idHash
        self.account = account
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.readReason = readReason
    }
}
