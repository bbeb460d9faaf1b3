/// The parts of the Matrix client-server API's responses the adapter reads, decoded leniently: a field of the wrong
/// type reads as missing, and one bad room or event never hides the others.
enum MatrixWire {
    /// `GET /sync`.
    struct Sync: Decodable {
        let nextBatch: String?
        let joined: [String: JoinedRoom]
        let invited: [String: InvitedRoom]

        private enum CodingKeys: String, CodingKey { case nextBatch = "next_batch", rooms }
        private enum RoomKeys: String, CodingKey { case join, invite }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            nextBatch = container.lenient(.nextBatch)
            let rooms = try? container.nestedContainer(keyedBy: RoomKeys.self, forKey: .rooms)
            joined = (rooms?.lenient(.join, as: [String: Each<JoinedRoom>].self) ?? [:]).compactMapValues(\.value)
            invited = (rooms?.lenient(.invite, as: [String: Each<InvitedRoom>].self) ?? [:]).compactMapValues(\.value)
        }
    }

    /// A joined room's timeline in a sync.
    struct JoinedRoom: Decodable {
        /// The events, `nil` for each one that is not an object.
        let events: [Event?]
        let limited: Bool
        let previousBatch: String?

        private enum CodingKeys: String, CodingKey { case timeline }
        private enum TimelineKeys: String, CodingKey { case events, limited, previousBatch = "prev_batch" }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let timeline = try container.nestedContainer(keyedBy: TimelineKeys.self, forKey: .timeline)
            events = (timeline.lenient(.events, as: [Each<Event>].self) ?? []).map(\.value)
            limited = timeline.lenient(.limited) ?? false
            previousBatch = timeline.lenient(.previousBatch)
        }
    }

    /// A room the bot is invited to: the stripped state of its invite.
    struct InvitedRoom: Decodable {
        let events: [Event]

        private enum CodingKeys: String, CodingKey { case inviteState = "invite_state" }
        private enum StateKeys: String, CodingKey { case events }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let state = try? container.nestedContainer(keyedBy: StateKeys.self, forKey: .inviteState)
            events = state?.lenient(.events) ?? []
        }
    }

    /// A room event (timeline or stripped state).
    struct Event: Decodable {
        let eventID: String?
        let sender: String?
        let type: String?
        let stateKey: String?
        let originServerTS: WireNumber?
        /// `nil` when missing or not an object.
        let content: Content?

        private enum CodingKeys: String, CodingKey {
            case eventID = "event_id", sender, type, stateKey = "state_key", originServerTS = "origin_server_ts"
            case content
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            eventID = container.lenient(.eventID)
            sender = container.lenient(.sender)
            type = container.lenient(.type)
            stateKey = container.lenient(.stateKey)
            originServerTS = container.lenient(.originServerTS)
            content = container.lenient(.content)
        }
    }

    /// An event's content: a message's or a membership's fields.
    struct Content: Decodable {
        let msgtype: String?
        let body: String?
        let isDirect: Bool?
        let relation: Relation?

        private enum CodingKeys: String, CodingKey {
            case msgtype, body, isDirect = "is_direct", relation = "m.relates_to"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            msgtype = container.lenient(.msgtype)
            body = container.lenient(.body)
            isDirect = container.lenient(.isDirect)
            relation = container.lenient(.relation)
        }
    }

    /// `m.relates_to`.
    struct Relation: Decodable {
        let relType: String?
        let eventID: String?

        private enum CodingKeys: String, CodingKey { case relType = "rel_type", eventID = "event_id" }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            relType = container.lenient(.relType)
            eventID = container.lenient(.eventID)
        }
    }

    /// `GET /rooms/{id}/messages`: older events, newest first.
    struct Messages: Decodable {
        let chunk: [Event]

        private enum CodingKeys: String, CodingKey { case chunk }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            chunk = (container.lenient(.chunk, as: [Each<Event>].self) ?? []).compactMap(\.value)
        }
    }

    /// The few single fields other responses carry (`whoami`, `filter`, `createRoom`, `login`, the rate-limit
    /// override, an error): each read on its own.
    struct Fields: Decodable {
        let userID: String?
        let filterID: String?
        let roomID: String?
        let accessToken: String?
        let deviceID: String?
        let messagesPerSecond: WireNumber?
        let errcode: String?
        let retryAfterMilliseconds: WireNumber?

        private enum CodingKeys: String, CodingKey {
            case userID = "user_id", filterID = "filter_id", roomID = "room_id", accessToken = "access_token"
            case deviceID = "device_id", messagesPerSecond = "messages_per_second", errcode
            case retryAfterMilliseconds = "retry_after_ms"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            userID = container.lenient(.userID)
            filterID = container.lenient(.filterID)
            roomID = container.lenient(.roomID)
            accessToken = container.lenient(.accessToken)
            deviceID = container.lenient(.deviceID)
            messagesPerSecond = container.lenient(.messagesPerSecond)
            errcode = container.lenient(.errcode)
            retryAfterMilliseconds = container.lenient(.retryAfterMilliseconds)
        }
    }
}
