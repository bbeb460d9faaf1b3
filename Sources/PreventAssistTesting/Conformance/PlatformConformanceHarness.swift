public import Platforms

/// A chat-platform adapter wired to a server it can really talk to (a real homeserver, or a loopback stub that
/// keeps state the way the platform's published API contract describes), for ``PlatformConformance``.
///
/// The harness plays the people: it posts their messages through the server's side door and reads back what the
/// bot sent, as a person in that conversation would see it (markup already rendered to plain text).
public protocol PlatformConformanceHarness: Sendable {
    /// The platform's name in test output (`telegram`, `matrix (synapse)`).
    var name: String { get }
    /// The most characters one message may carry on this platform (Telegram 4096, Zulip 10000…).
    var messageLimit: Int { get }
    /// A group conversation (room, channel, stream topic) and a direct one, both including the bot and a person.
    var groupConversation: String { get }
    var directConversation: String { get }

    /// A new adapter instance for the account under test (started by the suite). Two calls give two instances
    /// sharing the same platform memory, as a restarted bot would.
    func makePlatform() async throws -> any ChatPlatform

    /// Makes a person post `text` in `conversation` and returns the platform's id for it.
    @discardableResult
    func postAsPerson(_ text: String, in conversation: String) async throws -> String

    /// Makes the bot's own account post `text` in `conversation` (as if sent by another instance of the bot).
    func postAsBot(_ text: String, in conversation: String) async throws

    /// What the bot has sent in `conversation`, oldest first, as the people there see it: the platform's markup
    /// rendered to plain text (entities decoded, tags and escapes removed).
    func visibleBotMessages(in conversation: String) async throws -> [String]
}
