/// The parts of Mattermost REST API v4 answers the adapter reads, decoded leniently (a field of the wrong type reads
/// as missing; times and ids are exact integers or nothing).
enum MattermostWire {
    /// A user (`/users/me`), a created channel or post, an AppError (`{"id": "api.…app_error"}`): its `id`.
    struct Identified: Decodable {
        @Lenient var id: String?
    }

    struct Channel: Decodable {
        @Lenient var id: String?
        @Lenient var type: String?
        @Lenient var name: String?
        @LenientInteger var deleteAt: Int64?
        @LenientInteger var createAt: Int64?

        private enum CodingKeys: String, CodingKey {
            case id
            case type
            case name
            case deleteAt = "delete_at"
            case createAt = "create_at"
        }
    }

    /// A `PostList`: post ids in `order` and the posts by id (`nil` for one that is not an object).
    struct PostList: Decodable {
        let order: [String]
        let posts: [String: Each<Post>]
    }

    struct Post: Decodable {
        struct Props: Decodable {
            /// `from_bot`, which servers send as `"true"` or `true`.
            struct Flag: Decodable {
                let isSet: Bool

                init(from decoder: any Decoder) throws {
                    let value = try decoder.singleValueContainer()
                    isSet = (try? value.decode(Bool.self)) == true || (try? value.decode(String.self)) == "true"
                }
            }

            @Lenient var fromBot: Flag?

            private enum CodingKeys: String, CodingKey { case fromBot = "from_bot" }
        }

        @Lenient var id: String?
        @LenientInteger var createAt: Int64?
        @Lenient var userID: String?
        @Lenient var channelID: String?
        @Lenient var message: String?
        @Lenient var type: String?
        @Lenient var props: Props?
        @LenientInteger var deleteAt: Int64?
        @Lenient var rootID: String?

        /// `props.from_bot` is `"true"` or `true`: a bot's post.
        var fromBot: Bool { props?.fromBot?.isSet == true }

        private enum CodingKeys: String, CodingKey {
            case id
            case createAt = "create_at"
            case userID = "user_id"
            case channelID = "channel_id"
            case message
            case type
            case props
            case deleteAt = "delete_at"
            case rootID = "root_id"
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
