/// The parts of a Bot Framework activity (or an outgoing-webhook message) and of the Bot Connector's and Entra's
/// answers the Teams adapter reads, decoded leniently (a field of the wrong type reads as missing).
enum TeamsWire {
    struct Activity: Decodable, Sendable {
        struct Conversation: Decodable, Sendable {
            @Lenient var id: String?
            @Lenient var tenantId: String?
            @Lenient var conversationType: String?
        }

        struct ChannelData: Decodable, Sendable {
            @Lenient var tenant: Identified?
        }

        /// A tapped Adaptive Card button's data.
        struct Value: Decodable, Sendable {
            @Lenient var choice: String?
        }

        @Lenient var type: String?
        @Lenient var id: String?
        @Lenient var serviceUrl: String?
        @Lenient var conversation: Conversation?
        @Lenient var channelData: ChannelData?
        @Lenient var from: Account?
        @Lenient var value: Value?
        @Lenient var text: String?
        @Lenient var timestamp: String?
    }

    /// `{"id": …}`: a tenant; the Bot Connector's answer to a post or a new conversation.
    struct Identified: Decodable, Sendable {
        @Lenient var id: String?
    }

    /// An activity's sender.
    struct Account: Decodable, Sendable {
        @Lenient var id: String?
        @Lenient var aadObjectId: String?
        @Lenient var name: String?
        @Lenient var role: String?
    }

    /// Microsoft Entra's token endpoint answer.
    struct Token: Decodable {
        @Lenient var accessToken: String?
        @Lenient var expiresIn: WireNumber?
        @Lenient var error: String?

        private enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case expiresIn = "expires_in"
            case error
        }
    }
}
