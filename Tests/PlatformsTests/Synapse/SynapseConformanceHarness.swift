import AssistantCore
import CurlHTTP
import Foundation
import Platforms
import PreventAssistTesting
import Synchronization

/// The Matrix adapter against the real Synapse for the shared conformance suite: a fresh bot and a person, a group
/// room and a direct room (invited with `is_direct`) that the adapter itself has joined.
struct SynapseConformanceHarness: PlatformConformanceHarness {
    let name = "matrix (synapse)"
    /// `MatrixPlatform.messageLimit`: Synapse has no character limit, only a 64 KiB event limit.
    let messageLimit = 6_000
    let groupConversation: String
    let directConversation: String
    let bot: (id: String, password: String, token: String)
    let person: MatrixStaff
    let botClient: MatrixStaff
    let memory: SharedMemory

    /// A lock-protected dictionary: the adapter's stored memory, shared by every instance as across a restart.
    final class SharedMemory: PlatformMemory, Sendable {
        private let values = Mutex<[String: String]>([:])
        func value(_ name: String) -> String? { values.withLock { $0[name] } }
        func setValue(_ value: String, _ name: String) { values.withLock { $0[name] = value } }
    }

    static func make() async throws -> Self {
        let bot = try await SynapseFixture.user("conformancebot")
        try await SynapseFixture.unlimit(bot.id)
        let staff = try await SynapseFixture.user("staff")
        let person = MatrixStaff(id: staff.id, token: staff.token)
        let group = try await person.createRoom(inviting: bot.id, direct: false)
        let direct = try await person.createRoom(inviting: bot.id, direct: true)
        let harness = Self(
            groupConversation: group,
            directConversation: direct,
            bot: bot,
            person: person,
            botClient: MatrixStaff(id: bot.id, token: bot.token),
            memory: SharedMemory()
        )
        // The adapter accepts the invites itself (that is how it learns which room is direct).
        let platform = try await harness.makePlatform()
        _ = try await platform.start()
        let deadline = Date().addingTimeInterval(20)
        var cursor = try await platform.poll(after: nil).cursor
        while Date() < deadline {
            let joinedGroup = try await harness.botJoined(group)
            let joinedDirect = try await harness.botJoined(direct)
            if joinedGroup && joinedDirect { break }
            cursor = try await platform.poll(after: cursor).cursor
        }
        return harness
    }

    func makePlatform() async throws -> any ChatPlatform {
        try MatrixPlatform(
            account: PlatformAccount(
                kind: "matrix",
                id: "conformance",
                settings: [
                    "homeserver": SynapseFixture.baseURL ?? "", "user_id": bot.id,
                    "access_token_env": "CONFORMANCE_TOKEN", "poll_timeout_ms": "1000",
                ]
            ),
            environment: ["CONFORMANCE_TOKEN": bot.token],
            transport: SynapseFixture.transport,
            memory: memory
        )
    }

    func postAsPerson(_ text: String, in conversation: String) async throws -> String {
        try await person.say(text, in: conversation)
    }

    func postAsBot(_ text: String, in conversation: String) async throws {
        try await botClient.say(text, in: conversation)
    }

    /// What Element shows: the HTML body rendered to text.
    func visibleBotMessages(in conversation: String) async throws -> [String] {
        try await person.messages(in: conversation).filter { $0.sender == bot.id }.map { event in
            let content = event["content"] as? [String: Any]
            return Self.renderedText(content?["formatted_body"] as? String ?? event.body)
        }
    }

    private func botJoined(_ room: String) async throws -> Bool {
        let members = try await person.call(.get, "/_matrix/client/v3/rooms/\(person.escape(room))/joined_members")
        return (members["joined"] as? [String: Any])?[bot.id] != nil
    }

    /// HTML to the text a person reads: line breaks for `<br>` and block ends, tags removed, entities decoded.
    static func renderedText(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<br>", with: "\n").replacingOccurrences(of: "<br/>", with: "\n")
        text = text.replacingOccurrences(of: "</p>", with: "\n")
        text = text.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
