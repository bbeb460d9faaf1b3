import ChatModel
import Testing

/// The typed ids: `platform:id` written and read back, the id keeping any further `:`; malformed text refused.
struct IdentityTests {
    @Test func writesAndReadsPlatformColonID() throws {
        let identity = Identity(platform: "matrix", user: UserID("@lead:example.ac.uk"))
        #expect(identity.description == "matrix:@lead:example.ac.uk")
        let read = try #require(Identity("matrix:@lead:example.ac.uk"))
        #expect(read == identity)
        #expect(read.user.rawValue == "@lead:example.ac.uk")
    }

    @Test(arguments: ["", "matrix", ":@lead:x", "matrix:"])
    func refusesTextWithoutBothParts(_ text: String) {
        #expect(Identity(text) == nil)
    }

    @Test func aMessageNamesItsSenderAndConversation() {
        let message = InboundMessage(
            platform: "telegram",
            conversationID: "-100",
            isDirect: false,
            senderID: "42",
            text: "hi",
            messageID: "-100:1",
            timestamp: 0
        )
        #expect(message.sender == Identity(platform: "telegram", user: UserID("42")))
        #expect(message.senderIdentity == "telegram:42")
        #expect(message.conversation == ConversationID("-100"))
    }
}
