/// The parts of the Matrix client-server API's responses the adapter reads, decoded leniently: a field of the wrong
/// type reads as missing, and one bad room or event never hides the others.
enum MatrixWire {
    /// `GET /sync`.
    struct Sync: Decodable {
        struct Rooms: Decodable {
            @Lenient var join: [String: Each<JoinedRoom>]?
            @Lenient var invite: [String: Each<InvitedRoom>]?
        }

        @Lenient var nextBatch: String?
        @Lenient var rooms: Rooms?

        /// The joined rooms whose timeline could be read.
        var joined: [String: JoinedRoom] { (rooms?.join ?? [:]).compactMapValues(\.value) }
        /// The rooms the bot is invited to.
        var invited: [String: InvitedRoom] { (rooms?.invite ?? [:]).compactMapValues(\.value) }

        private enum CodingKeys: String, CodingKey {
            case nextBatch = "next_batch"
            case rooms
        }
    }

    /// A joined room in a sync: only its timeline (a room without one is left out).
    struct JoinedRoom: Decodable {
        struct Timeline: Decodable {
            @Lenient var events: [Each<Event>]?
            @Lenient var limited: Bool?
            @Lenient var previousBatch: String?

            private enum CodingKeys: String, CodingKey {
                case events
                case limited
                case previousBatch = "prev_batch"
            }
        }

        let timeline: Timeline

        /// The events, `nil` for each one that is not an object.
        var events: [Event?] { (timeline.events ?? []).map(\.value) }
        var limited: Bool { timeline.limited ?? false }
        var previousBatch: String? { timeline.previousBatch }
    }

    /// A room the bot is invited to: the stripped state of its invite.
    struct InvitedRoom: Decodable {
        struct State: Decodable {
            @Lenient var events: [Event]?
        }

        @Lenient var inviteState: State?

        var events: [Event] { inviteState?.events ?? [] }

        private enum CodingKeys: String, CodingKey { case inviteState = "invite_state" }
    }

    /// A room event (timeline or stripped state).
    struct Event: Decodable {
        @Lenient var eventID: String?
        @Lenient var sender: String?
        @Lenient var type: String?
        @Lenient var stateKey: String?
        @Lenient var originServerTS: WireNumber?
        /// `nil` when missing or not an object.
        @Lenient var content: Content?

        private enum CodingKeys: String, CodingKey {
            case eventID = "event_id"
            case sender
            case type
            case stateKey = "state_key"
            case originServerTS = "origin_server_ts"
            case content
        }
    }

    /// An event's content: a message's or a membership's fields.
    struct Content: Decodable {
        @Lenient var msgtype: String?
        @Lenient var body: String?
        @Lenient var isDirect: Bool?
        @Lenient var relation: Relation?

        private enum CodingKeys: String, CodingKey {
            case msgtype
            case body
            case isDirect = "is_direct"
            case relation = "m.relates_to"
        }
    }

    /// `m.relates_to`.
    struct Relation: Decodable {
        @Lenient var relType: String?
        @Lenient var eventID: String?

        private enum CodingKeys: String, CodingKey {
            case relType = "rel_type"
            case eventID = "event_id"
        }
    }

    /// `GET /rooms/{id}/messages`: older events, newest first.
    struct Messages: Decodable {
        @Lenient private var chunk: [Each<Event>]?

        var events: [Event] { (chunk ?? []).compactMap(\.value) }

        private enum CodingKeys: String, CodingKey { case chunk }
    }

    /// The few single fields other responses carry (`whoami`, `filter`, `createRoom`, `login`, the rate-limit
    /// override, an error): each read on its own.
    struct Fields: Decodable {
        @Lenient var userID: String?
        @Lenient var filterID: String?
        @Lenient var roomID: String?
        @Lenient var accessToken: String?
        @Lenient var deviceID: String?
        @Lenient var messagesPerSecond: WireNumber?
        @Lenient var errcode: String?
        @Lenient var retryAfterMilliseconds: WireNumber?

        private enum CodingKeys: String, CodingKey {
            case userID = "user_id"
            case filterID = "filter_id"
            case roomID = "room_id"
            case accessToken = "access_token"
            case deviceID = "device_id"
            case messagesPerSecond = "messages_per_second"
            case errcode
            case retryAfterMilliseconds = "retry_after_ms"
        }
    }
}
