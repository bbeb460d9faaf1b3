public import ChatModel
import CurlHTTP

/// A chat platform the assistant polls: it turns the platform's updates into ``InboundMessage``s and sends
/// replies in the platform's own format. An adapter knows one platform and nothing about Prevent; the runtime owns
/// the loop, the backoff, the cursor and the idempotency.
///
/// Implementations must:
/// - return from ``poll(after:)`` only messages from people (never the assistant's own), in the platform's order,
///   with a cursor that resumes right after them;
/// - treat the first poll without a cursor as a position only: history is never answered;
/// - make ``send(_:to:replyingTo:idempotencyKey:)`` idempotent for the same key where the platform allows it;
/// - throw ``PlatformError`` so the runtime can tell retryable faults from fatal ones.
public protocol ChatPlatform: Sendable {
    /// The account's id in the configuration (e.g. `campus-matrix`); the cursor and state are kept under it.
    var id: String { get }

    /// The platform's kind (`matrix`, …): the prefix of its users' identities in roles (`matrix:@lead:server`).
    var kind: String { get }

    /// Logs in and checks the account; called before the first poll. Returns warnings for the log.
    func start() async throws(PlatformError) -> [String]

    /// Waits (long-poll) for new messages after `cursor`.
    func poll(after cursor: String?) async throws(PlatformError) -> PollBatch

    /// Sends one reply to a conversation, as a reply to (or in the thread of) the message answered.
    func send(
        _ reply: Reply,
        to conversationID: String,
        replyingTo message: ReplyContext?,
        idempotencyKey: String
    )
        async throws(PlatformError)

    /// Opens (or finds) a direct conversation with a user and returns its conversation id.
    func openDirectConversation(with userID: String) async throws(PlatformError) -> String
}

/// What one poll returned.
public struct PollBatch: Sendable {
    public let messages: [InboundMessage]
    /// Where the next poll starts.
    public let cursor: String
    /// Ids of updates that were malformed and skipped (for the log; never their content).
    public let skipped: [String]
    /// The platform has nothing more to say (the console's input ended): the runtime answers this batch, commits its
    /// cursor and stops.
    public let isFinal: Bool

    public init(messages: [InboundMessage], cursor: String, skipped: [String] = [], isFinal: Bool = false) {
        self.messages = messages
        self.cursor = cursor
        self.skipped = skipped
        self.isFinal = isFinal
    }
}

/// The message a reply answers: for reply threading.
public struct ReplyContext: Sendable, Hashable {
    public let messageID: String
    public let threadID: String?

    public init(messageID: String, threadID: String?) {
        self.messageID = messageID
        self.threadID = threadID
    }
}

/// A platform fault, classified for the runtime.
public struct PlatformError: Error, Sendable, CustomStringConvertible {
    /// What the runtime should do.
    public enum Kind: Sendable, Hashable {
        /// Wait this long, then retry the same request (429). Always finite and in 0…3600: ``PlatformError/init(_:_:)``
        /// clamps it with ``ServerDuration`` (NaN becomes 1 s).
        case rateLimited(seconds: Double)
        /// Retry with backoff (5xx, network).
        case transient
        /// The credentials were refused; the runtime logs in again if it can, else stops this platform.
        case unauthorized
        /// This request will never succeed (e.g. not allowed in that room); skip it, carry on.
        case rejected
        /// Cannot continue (bad configuration, credentials refused with no way to log in again).
        case fatal
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        if case .rateLimited(let seconds) = kind {
            self.kind = .rateLimited(seconds: ServerDuration.seconds(seconds) ?? 1)
        } else {
            self.kind = kind
        }
        self.message = message
    }

    public var description: String { message }
}
