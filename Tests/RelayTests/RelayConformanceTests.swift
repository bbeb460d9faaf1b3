import AssistantCore
import CurlHTTP
import Foundation
import Platforms
import PreventAssistTesting
import Synchronization
import Testing

/// ``PlatformMemory`` in a dictionary, shared by two adapter instances as a restarted bot's stored state.
final class SharedMemory: PlatformMemory, Sendable {
    private let values = Mutex<[String: String]>([:])
    func value(_ name: String) -> String? { values.withLock { $0[name] } }
    func setValue(_ value: String, _ name: String) { values.withLock { $0[name] = value } }
}

/// Numbers the harness's posts.
final class Counter: Sendable {
    private let value = Mutex(0)

    func next() -> Int {
        value.withLock { value in
            value += 1
            return value
        }
    }
}

/// The Slack adapter, fed by a real relay with signed events and answering at the Web API stub.
struct SlackRelayHarness: PlatformConformanceHarness {
    let relay: RelayFixture
    let slack: SlackStub
    let memory = SharedMemory()
    private let counter = Counter()

    var name: String { "slack (relay + contract stub)" }
    var messageLimit: Int { 3000 }
    var groupConversation: String { "C0STAFF" }
    var directConversation: String { "D0PERSON" }

    func makePlatform() async throws -> any ChatPlatform {
        try SlackPlatform(
            account: SlackEndToEndTests.account(relay: relay, slack: slack),
            environment: SlackEndToEndTests.environment,
            transport: CurlTransport(),
            memory: memory
        )
    }

    @discardableResult
    func postAsPerson(_ text: String, in conversation: String) async throws -> String {
        try await post(text, in: conversation, bot: false)
    }

    func postAsBot(_ text: String, in conversation: String) async throws {
        _ = try await post(text, in: conversation, bot: true)
    }

    func visibleBotMessages(in conversation: String) async throws -> [String] {
        slack.posted.filter { $0.channel == conversation }.map { SlackStub.visible($0.text) }
    }

    private func post(_ text: String, in conversation: String, bot: Bool) async throws -> String {
        let number = counter.next()
        let ts = "1795944000.\(String(format: "%06d", number))"
        var event: [String: Any] = [
            "type": "message", "channel": conversation, "channel_type": conversation.hasPrefix("D") ? "im" : "channel",
            "user": bot ? SlackStub.botUserID : "U0SAM", "text": text, "ts": ts,
        ]
        if bot { event["bot_id"] = "B0BOT" }
        let body = try JSONSerialization.data(withJSONObject: [
            "type": "event_callback", "event_id": "EvC\(number)", "team_id": "T0UNI", "event": event,
        ])
        let response = try await relay.postSlack(body)
        guard response.status == 200 else {
            throw RelayFixture.FixtureError(message: "relay refused: \(response.status)")
        }
        return "\(conversation):\(ts)"
    }
}

/// The Teams adapter, fed by a real relay with JWT-signed activities and answering at the Bot Connector stub.
struct TeamsRelayHarness: PlatformConformanceHarness {
    let relay: RelayFixture
    let teams: TeamsStub
    let memory = SharedMemory()
    private let counter = Counter()

    var name: String { "teams (relay + contract stub)" }
    var messageLimit: Int { 4000 }
    var groupConversation: String { TeamsEndToEndTests.channel }
    var directConversation: String { "a:personal-sam" }

    func makePlatform() async throws -> any ChatPlatform {
        let bot = try TeamsEndToEndTests.bot(relay, teams)
        let platform = try TeamsPlatform(
            account: bot.account,
            environment: bot.environment,
            transport: CurlTransport(),
            memory: memory
        )
        // The bot posts only to conversations it has a reference for; a person writes first in real use.
        memory.setValue(teams.serviceURL, "conv:\(groupConversation)")
        memory.setValue(teams.serviceURL, "conv:\(directConversation)")
        return platform
    }

    @discardableResult
    func postAsPerson(_ text: String, in conversation: String) async throws -> String {
        try await post(text, in: conversation, role: nil)
    }

    func postAsBot(_ text: String, in conversation: String) async throws {
        _ = try await post(text, in: conversation, role: "bot")
    }

    func visibleBotMessages(in conversation: String) async throws -> [String] {
        teams.activities.filter { $0.conversation == conversation }.map { Self.visible($0.text) }
    }

    /// What a person sees of Teams markdown in this subset: bold markers and link syntax gone, then character
    /// references (named and numeric) shown as their characters.
    static func visible(_ markdown: String) -> String {
        var text = markdown.replacingOccurrences(of: "**", with: "")
        text = text.replacingOccurrences(of: #"\[([^\]]*)\]\([^)\s]*\)"#, with: "$1", options: .regularExpression)
        var output = ""
        var rest = Substring(text)
        while let start = rest.firstRange(of: "&#"), let end = rest[start.upperBound...].firstIndex(of: ";"),
            let value = UInt32(rest[start.upperBound..<end]), let scalar = Unicode.Scalar(value)
        {
            output += rest[..<start.lowerBound]
            output.unicodeScalars.append(scalar)
            rest = rest[rest.index(after: end)...]
        }
        return (output + rest).replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    private func post(_ text: String, in conversation: String, role: String?) async throws -> String {
        let number = counter.next()
        let direct = conversation == directConversation
        var object =
            try JSONSerialization.jsonObject(
                with: teams.activity(
                    id: "c\(number)",
                    text: text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;"),
                    conversation: conversation,
                    type: direct ? "personal" : "channel"
                )
            ) as? [String: Any] ?? [:]
        if let role { object["from"] = ["id": "28:\(TeamsStub.appID)", "name": "Prevent", "role": role] }
        let response = try await TeamsEndToEndTests.postActivity(
            relay,
            teams,
            try JSONSerialization.data(withJSONObject: object)
        )
        guard response.status == 200 else {
            throw RelayFixture.FixtureError(message: "relay refused: \(response.status)")
        }
        return "\(conversation)|c\(number)"
    }
}

/// The shared conformance suite for both relay-backed adapters. Every check applies: the relay gives the
/// platforms a cursor (its sequence) with replay until acknowledged, and the stubs render what people would see.
@Suite(.timeLimit(.minutes(2)))
struct RelayConformanceTests {
    @Test(arguments: PlatformConformance.Check.allCases)
    func slackConforms(_ check: PlatformConformance.Check) async throws {
        let relay = try await RelayFixture()
        let slack = try SlackStub()
        defer {
            slack.stop()
            Task { await relay.finish() }
        }
        try await PlatformConformance.run(check, on: SlackRelayHarness(relay: relay, slack: slack))
    }

    @Test(arguments: PlatformConformance.Check.allCases)
    func teamsConforms(_ check: PlatformConformance.Check) async throws {
        let teams = try TeamsStub()
        let relay = try await TeamsEndToEndTests.relay(teams)
        defer {
            teams.stop()
            Task { await relay.finish() }
        }
        try await PlatformConformance.run(check, on: TeamsRelayHarness(relay: relay, teams: teams))
    }
}
