/// Replies an adapter sends on its own, without a message for the assistant to answer (e.g. Matrix's "I can't read
/// encrypted messages"). The wording is the core's: the runtime fills these in when it builds the account, so an
/// adapter never writes staff-facing text itself. A notice left `nil` is not sent.
public struct PlatformNotices: Sendable, Hashable {
    /// Sent once per room when a message arrives that the adapter cannot read because it is end-to-end encrypted.
    public var encryptedMessage: Reply?

    public init(encryptedMessage: Reply? = nil) {
        self.encryptedMessage = encryptedMessage
    }
}
