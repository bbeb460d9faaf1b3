/// The bodies the Matrix adapter sends, typed.
enum MatrixRequests {
    /// The server-side sync filter: only message and encrypted events in timelines, not the bot's own, lazy members,
    /// nothing else.
    struct Filter: Encodable {
        struct Types: Encodable {
            var types: [String] = []
        }

        struct Timeline: Encodable {
            let types = ["m.room.message", "m.room.encrypted"]
            let notSenders: [String]
            let limit = 50

            enum CodingKeys: String, CodingKey {
                case types
                case notSenders = "not_senders"
                case limit
            }
        }

        struct State: Encodable {
            let lazyLoadMembers = true

            enum CodingKeys: String, CodingKey { case lazyLoadMembers = "lazy_load_members" }
        }

        struct Room: Encodable {
            let timeline: Timeline
            let state = State()
            let ephemeral = Types()
            let accountData = Types()

            enum CodingKeys: String, CodingKey {
                case timeline
                case state
                case ephemeral
                case accountData = "account_data"
            }
        }

        let room: Room
        let presence = Types()
        let accountData = Types()

        enum CodingKeys: String, CodingKey {
            case room
            case presence
            case accountData = "account_data"
        }

        init(bot: String) {
            room = Room(timeline: Timeline(notSenders: [bot]))
        }
    }

    /// An `m.notice` with a plain and an HTML body, maybe a reply or in a thread.
    struct Notice: Encodable {
        struct InReplyTo: Encodable {
            let eventID: String

            enum CodingKeys: String, CodingKey { case eventID = "event_id" }
        }

        struct Relation: Encodable {
            var relType: String?
            var eventID: String?
            var isFallingBack: Bool?
            let inReplyTo: InReplyTo

            enum CodingKeys: String, CodingKey {
                case relType = "rel_type"
                case eventID = "event_id"
                case isFallingBack = "is_falling_back"
                case inReplyTo = "m.in_reply_to"
            }
        }

        let msgtype = "m.notice"
        let body: String
        let format = "org.matrix.custom.html"
        let formattedBody: String
        var relation: Relation?

        enum CodingKeys: String, CodingKey {
            case msgtype
            case body
            case format
            case formattedBody = "formatted_body"
            case relation = "m.relates_to"
        }
    }

    /// `POST /createRoom` for a direct room with one person.
    struct DirectRoom: Encodable {
        let preset = "trusted_private_chat"
        let isDirect = true
        let invite: [String]

        enum CodingKeys: String, CodingKey {
            case preset
            case isDirect = "is_direct"
            case invite
        }
    }

    /// `POST /login` with a password, reusing the device when there is one.
    struct Login: Encodable {
        struct Identifier: Encodable {
            let type = "m.id.user"
            let user: String
        }

        let type = "m.login.password"
        let identifier: Identifier
        let password: String
        let initialDeviceDisplayName = "PreventAssist"
        let deviceID: String?

        enum CodingKeys: String, CodingKey {
            case type
            case identifier
            case password
            case initialDeviceDisplayName = "initial_device_display_name"
            case deviceID = "device_id"
        }
    }
}
