/// What a desk password must be: at least ``minimumLength`` characters, at most ``maximumLength`` (bcrypt reads 72
/// bytes), and not on the shipped list of common passwords (compared case-insensitively, also with trailing digits
/// and punctuation removed, so "Password123!" is refused like "password").
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 12
    public static let maximumLength = 72
    let common: Set<String>

    public init(commonPasswords: some Sequence<String>) {
        common = Set(commonPasswords.map { $0.lowercased() })
    }

    /// Why `password` is refused (words for the person choosing it), or `nil` when it is acceptable.
    public func refusal(_ password: String, name: String) -> String? {
        if password.count < Self.minimumLength {
            return "Choose a password of at least \(Self.minimumLength) characters."
        }
        if password.utf8.count > Self.maximumLength {
            return "Choose a password of at most \(Self.maximumLength) characters."
        }
        let lowered = password.lowercased()
        let stem = String(lowered.reversed().drop { $0.isNumber || $0.isPunctuation || $0.isSymbol }.reversed())
        if common.contains(lowered) || common.contains(stem) || lowered.contains(name.lowercased()) {
            return "That password is too easy to guess: it is a common password or contains your user name."
        }
        return nil
    }
}
