import Foundation

/// Where a Zulip poll resumes: the last message id handled (what really matters, because an event queue dies after
/// ten idle minutes) plus the event queue and its last event id as hints for the next long-poll. Encoded as compact
/// JSON, e.g. `{"e":12,"m":4021,"q":"1712-abc"}`.
struct ZulipCursor: Sendable, Hashable, CompactJSONCursor {
    /// The highest message id already seen (handled, or ignored as the bot's own).
    var lastMessageID: Int
    /// The event queue to long-poll; empty when there is none.
    var queueID: String
    /// The highest event id received from that queue.
    var lastEventID: Int

    enum CodingKeys: String, CodingKey {
        case lastMessageID = "m"
        case queueID = "q"
        case lastEventID = "e"
    }

    init(lastMessageID: Int, queueID: String, lastEventID: Int) {
        self.lastMessageID = lastMessageID
        self.queueID = queueID
        self.lastEventID = lastEventID
    }
}
