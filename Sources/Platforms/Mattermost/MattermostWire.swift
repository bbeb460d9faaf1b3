/// The parts of Mattermost REST API v4 answers the adapter reads, decoded leniently (a field of the wrong type reads
/// as missing; times and ids are exact integers or nothing).
enum MattermostWire {
    /// A user (`/users/me`), a created channel or post, an AppError (`{"id": "api.…app_error"}`): its `id`.
    struct Identified: Decodable {
        let id: String?

        private enum CodingKeys: String, CodingKey { case id }

        init(from decoder: any Decoder) throws {
            id = try decoder.container(keyedBy: CodingKeys.self).lenient(.id)
        }
    }

    struct Channel: Decodable {
        let id: String?
        let type: String?
        let name: String?
        let deleteAt: Int64?
        let createAt: Int64?

        private enum CodingKeys: String, CodingKey {
            case id, type, name, deleteAt = "delete_at", createAt = "create_at"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = container.lenient(.id)
            type = container.lenient(.type)
            name = container.lenient(.name)
            deleteAt = container.lenient(.deleteAt, as: WireNumber.self)?.int64
            createAt = container.lenient(.createAt, as: WireNumber.self)?.int64
        }
    }

    /// A `PostList`: post ids in `order` and the posts by id (`nil` for one that is not an object).
    struct PostList: Decodable {
        let order: [String]
        let posts: [String: Each<Post>]

        private enum CodingKeys: String, CodingKey { case order, posts }
    }

    struct Post: Decodable {
        let id: String?
        let createAt: Int64?
        let userID: String?
        let channelID: String?
        let message: String?
        let type: String?
        let fromBot: Bool
        let deleteAt: Int64?
        let rootID: String?

        private enum CodingKeys: String, CodingKey {
            case id, createAt = "create_at", userID = "user_id", channelID = "channel_id", message, type, props
            case deleteAt = "delete_at", rootID = "root_id"
        }
        private enum PropKeys: String, CodingKey { case fromBot = "from_bot" }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = container.lenient(.id)
            createAt = container.lenient(.createAt, as: WireNumber.self)?.int64
            userID = container.lenient(.userID)
            channelID = container.lenient(.channelID)
            message = container.lenient(.message)
            type = container.lenient(.type)
            let props = try? container.nestedContainer(keyedBy: PropKeys.self, forKey: .props)
            fromBot =
                props?.lenient(.fromBot, as: String.self) == "true" || props?.lenient(.fromBot, as: Bool.self) == true
            deleteAt = container.lenient(.deleteAt, as: WireNumber.self)?.int64
            rootID = container.lenient(.rootID)
        }
    }
}

/// `POST /api/v4/posts`.
struct MattermostNewPost: Encodable {
    let channelID: String
    let message: String
    let pendingPostID: String
    let rootID: String?

    enum CodingKeys: String, CodingKey {
        case channelID = "channel_id"
        case message
        case pendingPostID = "pending_post_id"
        case rootID = "root_id"
    }
}
