/// The parts of a Bot Framework activity (or an outgoing-webhook message) and of the Bot Connector's and Entra's
/// answers the Teams adapter reads, decoded leniently (a field of the wrong type reads as missing).
enum TeamsWire {
    struct Activity: Decodable, Sendable {
        let type: String?
        let id: String?
        let serviceURL: String?
        let conversationID: String?
        let conversationTenantID: String?
        let conversationType: String?
        let channelDataTenantID: String?
        let from: Account?
        /// A tapped Adaptive Card button's `value.choice`.
        let choice: String?
        let text: String?
        let timestamp: String?

        private enum CodingKeys: String, CodingKey {
            case type, id, serviceURL = "serviceUrl", conversation, channelData, from, value, text, timestamp
        }
        private enum ConversationKeys: String, CodingKey { case id, tenantID = "tenantId", conversationType }
        private enum ChannelDataKeys: String, CodingKey { case tenant }
        private enum IDKeys: String, CodingKey { case id }
        private enum ValueKeys: String, CodingKey { case choice }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = container.lenient(.type)
            id = container.lenient(.id)
            serviceURL = container.lenient(.serviceURL)
            let conversation = try? container.nestedContainer(keyedBy: ConversationKeys.self, forKey: .conversation)
            conversationID = conversation?.lenient(.id)
            conversationTenantID = conversation?.lenient(.tenantID)
            conversationType = conversation?.lenient(.conversationType)
            let channelData = try? container.nestedContainer(keyedBy: ChannelDataKeys.self, forKey: .channelData)
            channelDataTenantID = (try? channelData?.nestedContainer(keyedBy: IDKeys.self, forKey: .tenant))?
                .lenient(.id)
            from = container.lenient(.from)
            choice = (try? container.nestedContainer(keyedBy: ValueKeys.self, forKey: .value))?.lenient(.choice)
            text = container.lenient(.text)
            timestamp = container.lenient(.timestamp)
        }
    }

    /// An activity's sender.
    struct Account: Decodable, Sendable {
        let id: String?
        let aadObjectID: String?
        let name: String?
        let role: String?

        private enum CodingKeys: String, CodingKey { case id, aadObjectID = "aadObjectId", name, role }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = container.lenient(.id)
            aadObjectID = container.lenient(.aadObjectID)
            name = container.lenient(.name)
            role = container.lenient(.role)
        }
    }

    /// The Bot Connector's answer to a post or a new conversation: its id.
    struct Created: Decodable {
        let id: String?

        init(id: String?) { self.id = id }

        private enum CodingKeys: String, CodingKey { case id }

        init(from decoder: any Decoder) throws {
            id = try decoder.container(keyedBy: CodingKeys.self).lenient(.id)
        }
    }

    /// Microsoft Entra's token endpoint answer.
    struct Token: Decodable {
        let accessToken: String?
        let expiresIn: WireNumber?
        let error: String?

        private enum CodingKeys: String, CodingKey {
            case accessToken = "access_token", expiresIn = "expires_in", error
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            accessToken = container.lenient(.accessToken)
            expiresIn = container.lenient(.expiresIn)
            error = container.lenient(.error)
        }
    }
}
