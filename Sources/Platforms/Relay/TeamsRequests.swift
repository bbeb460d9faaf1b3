/// The bodies the Teams adapter sends, typed.
enum TeamsRequests {
    /// A Markdown message to a Bot Framework conversation; the last part carries the quick-reply card.
    struct Message: Encodable {
        let type = "message"
        let textFormat = "markdown"
        let text: String
        var attachments: [Attachment]?
    }

    /// An Adaptive Card as an attachment.
    struct Attachment: Encodable {
        let contentType = "application/vnd.microsoft.card.adaptive"
        let content: AdaptiveCard
    }

    /// An Adaptive Card 1.4: text blocks and `Action.Submit` buttons.
    struct AdaptiveCard: Encodable {
        struct TextBlock: Encodable {
            let type = "TextBlock"
            let text: String
            let wrap = true
        }

        struct SubmitAction: Encodable {
            struct Data: Encodable {
                let choice: String
            }

            let type = "Action.Submit"
            let title: String
            let data: Data
        }

        let type = "AdaptiveCard"
        let version = "1.4"
        let schema = "http://adaptivecards.io/schemas/adaptive-card.json"
        let body: [TextBlock]
        var actions: [SubmitAction]?

        enum CodingKeys: String, CodingKey {
            case type
            case version
            case schema = "$schema"
            case body
            case actions
        }
    }

    /// The follow-up route's body: the answer as one card.
    struct FollowUp: Encodable {
        let type = "message"
        let attachments: [Attachment]
    }

    /// `POST {serviceUrl}/v3/conversations`: a 1:1 chat with one member.
    struct NewConversation: Encodable {
        struct Member: Encodable {
            let id: String
        }

        struct ChannelData: Encodable {
            let tenant: Member
        }

        let bot: Member
        let isGroup = false
        let members: [Member]
        var tenantID: String?
        var channelData: ChannelData?

        enum CodingKeys: String, CodingKey {
            case bot
            case isGroup
            case members
            case tenantID = "tenantId"
            case channelData
        }
    }
}
