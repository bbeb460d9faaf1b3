import Storage

extension PlatformRunner {
    /// Where this platform posts the safeguarding team's alerts and the snippet notices, and who gets escalations;
    /// ``alertTargets(recipient:id:platformKind:)`` and ``snippetTargets(recipient:id:platformKind:)`` decide where
    /// each one goes, without I/O.
    public struct AlertRouting: Sendable {
        /// The safeguarding team's room on this platform (`alerts.<platform-id>`), if any.
        public let teamRoom: String?
        /// Deputies' identities on this platform (`platform:id`), who get escalations in a direct conversation.
        public let deputies: [String]
        /// Seconds before an unacknowledged urgent alert is escalated.
        public let escalateAfter: Int64
        /// The snippet moderators' room on this platform (`snippets.moderator_rooms.<platform-id>`), if any.
        public let moderatorRoom: String?
        /// Snippet moderators (`platform:id`); told in a direct conversation when there is no moderator room.
        public let moderators: [String]

        public init(
            teamRoom: String?,
            deputies: [String] = [],
            escalateAfter: Int64 = 1_800,
            moderatorRoom: String? = nil,
            moderators: [String] = []
        ) {
            self.teamRoom = teamRoom
            self.deputies = deputies
            self.escalateAfter = escalateAfter
            self.moderatorRoom = moderatorRoom
            self.moderators = moderators
        }

        /// Where alert `id` for `recipient` (`team` or `deputy`) goes on a platform of `platformKind`: the team room,
        /// or each deputy on this platform in a direct conversation. Empty: not for this platform (left queued).
        public func alertTargets(recipient: String, id: Int64, platformKind: String) -> [NoticeTarget] {
            if recipient == "team" {
                return teamRoom.map { [NoticeTarget(place: .room($0), idempotencyKey: "alert-\(id)")] } ?? []
            }
            return Self.users(deputies, on: platformKind).map {
                NoticeTarget(place: .person($0), idempotencyKey: "alert-\(id)-\($0)")
            }
        }

        /// Where snippet notice `id` for `recipient` (`moderators`, or an author's `platform:id`) goes on a platform
        /// of `platformKind`: the moderators' room, or each moderator here; an author on this platform directly.
        public func snippetTargets(recipient: String, id: Int64, platformKind: String) -> [NoticeTarget] {
            guard recipient == SnippetNotice.moderators else {
                return Self.users([recipient], on: platformKind).map {
                    NoticeTarget(place: .person($0), idempotencyKey: "snippet-\(id)")
                }
            }
            if let moderatorRoom {
                return [NoticeTarget(place: .room(moderatorRoom), idempotencyKey: "snippet-\(id)")]
            }
            return Self.users(moderators, on: platformKind).map {
                NoticeTarget(place: .person($0), idempotencyKey: "snippet-\(id)-\($0)")
            }
        }

        /// The user ids of the `platform:id` identities that are on a platform of `kind`.
        static func users(_ identities: [String], on kind: String) -> [String] {
            let prefix = kind + ":"
            return identities.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        }
    }
}

/// Where one alert or notice is posted, with the idempotency key that keeps a retry from posting it twice.
public struct NoticeTarget: Sendable, Hashable {
    /// A room by its id, or a person reached in a direct conversation.
    public enum Place: Sendable, Hashable {
        case room(String)
        case person(String)
    }

    public let place: Place
    public let idempotencyKey: String

    public init(place: Place, idempotencyKey: String) {
        self.place = place
        self.idempotencyKey = idempotencyKey
    }
}
