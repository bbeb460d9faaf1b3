extension PlatformNotices {
    /// The notices every adapter is given: the assistant's own wording.
    public static let standard = PlatformNotices(
        encryptedMessage: Reply(
            kind: .notice,
            text: "I can't read encrypted messages, so I can't answer here. Please message me in a room without "
                + "encryption, or contact your safeguarding team directly. If anyone is in danger, call 999."
        )
    )
}
