import AssistantCore
import CurlHTTP
import Foundation
import PreventAssistTesting
import RelayServer
import Synchronization
import Testing

/// Teams through the relay: Bot Framework JWTs checked against a stub key set, answers through the stub Bot
/// Connector, the concern form moved to a 1:1 chat, and outgoing webhooks answered in time or by the follow-up route.
@Suite(.timeLimit(.minutes(2)))
struct TeamsEndToEndTests {
    static let channel = "19:staffroom@thread.tacv2;messageid=1795944000000"

    static func relay(_ teams: TeamsStub, holdSeconds: Double = 4) async throws -> RelayFixture {
        try await RelayFixture(
            botFramework: .init(appID: TeamsStub.appID, openIDMetadataURL: teams.metadataURL),
            holdSeconds: holdSeconds
        )
    }

    static func bot(_ relay: RelayFixture, _ teams: TeamsStub) throws -> BotRunner {
        try BotRunner(
            directory: relay.directory,
            account: PlatformAccount(
                kind: "teams",
                id: "uni-teams",
                settings: [
                    "relay_url": relay.baseURL, "relay_token_env": "RELAY_TOKEN", "app_id": TeamsStub.appID,
                    "app_password_env": "TEAMS_APP_PASSWORD", "tenant_id": TeamsStub.tenant,
                    "token_base": teams.baseURL, "followup_url_env": "TEAMS_FOLLOWUP_URL", "poll_timeout_seconds": "1",
                ]
            ),
            environment: [
                "RELAY_TOKEN": RelayFixture.botToken, "TEAMS_APP_PASSWORD": TeamsStub.appPassword,
                "TEAMS_FOLLOWUP_URL": teams.followupURL,
            ]
        )
    }

    /// POSTs an activity to the relay's messaging endpoint with a token from the stub's signer.
    static func postActivity(
        _ relay: RelayFixture,
        _ teams: TeamsStub,
        _ body: Data,
        claims: [String: Any] = [:]
    ) async throws -> HTTPResponse {
        let token = try teams.signer.token(appID: TeamsStub.appID, serviceURL: teams.serviceURL, overriding: claims)
        return try await relay.post(
            "/v1/teams/messages",
            headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"],
            body: body
        )
    }

    @Test func expiredWrongAudienceOrUnsignedActivitiesAreRefusedAndNothingIsQueued() async throws {
        let teams = try TeamsStub()
        let relay = try await Self.relay(teams)
        defer {
            teams.stop()
            Task { await relay.finish() }
        }
        let body = teams.activity(id: "a1", text: "what is channel", conversation: "a:personal-sam")
        let now = Int64(Date().timeIntervalSince1970)
        #expect(try await Self.postActivity(relay, teams, body, claims: ["exp": now - 600]).status == 403)
        #expect(try await Self.postActivity(relay, teams, body, claims: ["aud": "someone-else"]).status == 403)
        #expect(
            try await Self.postActivity(relay, teams, body, claims: ["serviceurl": "https://evil.example/"]).status
                == 403
        )
        let unsigned = try await relay.post("/v1/teams/messages", headers: [:], body: body)
        #expect(unsigned.status == 401)
        let forged = try TestSigner()  // same key id, not the published key
        let forgedToken = try forged.token(appID: TeamsStub.appID, serviceURL: teams.serviceURL)
        let forgedResponse = try await relay.post(
            "/v1/teams/messages",
            headers: ["Authorization": "Bearer \(forgedToken)"],
            body: body
        )
        #expect(forgedResponse.status == 401)
        #expect(try relay.queuedCount() == 0)
        #expect(try await Self.postActivity(relay, teams, body).status == 200)
        #expect(try relay.queuedCount() == 1)
    }

    @Test func aSignedActivityIsAnsweredThroughTheBotConnector() async throws {
        let teams = try TeamsStub()
        let relay = try await Self.relay(teams)
        defer {
            teams.stop()
            Task { await relay.finish() }
        }
        let bot = try Self.bot(relay, teams)
        try await bot.run(
            until: { !teams.activities.isEmpty },
            whileRunning: {
                try await BotRunner.wait { bot.cursor != nil }
                let body = teams.activity(id: "a2", text: "what is channel", conversation: "a:personal-sam")
                #expect(try await Self.postActivity(relay, teams, body).status == 200)
            }
        )
        let answer = try #require(teams.activities.first)
        #expect(answer.conversation == "a:personal-sam")
        #expect(answer.text.contains("Channel"))
        #expect(teams.tokenRequests == 1)
    }

    @Test func aConcernStartedInAChannelContinuesInAOneToOneChat() async throws {
        let teams = try TeamsStub()
        let relay = try await Self.relay(teams)
        defer {
            teams.stop()
            Task { await relay.finish() }
        }
        let bot = try Self.bot(relay, teams)
        try await bot.run(
            until: { teams.activities.contains { $0.conversation.hasPrefix("a:1on1-") } },
            whileRunning: {
                try await BotRunner.wait { bot.cursor != nil }
                let body = teams.activity(
                    id: "a3",
                    text: "<at>Prevent</at> I want to raise a concern",
                    conversation: Self.channel,
                    type: "channel"
                )
                #expect(try await Self.postActivity(relay, teams, body).status == 200)
            }
        )
        // The channel heard only that it moved; the 1:1 was created for the sender in the tenant; the form's first
        // question went there.
        let inChannel = teams.activities.filter { $0.conversation == Self.channel }
        #expect(inChannel.count == 1)
        #expect(inChannel.first?.text.contains("privately") == true)
        let created = try #require(teams.created.first)
        #expect(created.member == "29:sam" && created.tenant == TeamsStub.tenant)
        #expect(created.bot == "28:\(TeamsStub.appID)")
        #expect(
            teams.activities.contains {
                $0.conversation == "a:1on1-29:sam" && $0.text.contains("Who is the concern about?")
            }
        )
    }

    // MARK: - Outgoing webhook

    static func webhookActivity(id: String, text: String) -> Data {
        let object: [String: Any] = [
            "type": "message", "id": id, "timestamp": "2026-11-29T12:00:00.000Z", "channelId": "msteams",
            "serviceUrl": "https://smba.trafficmanager.net/uk/", "text": "<at>Prevent</at> \(text)",
            "from": ["id": "29:sam", "name": "Sam Taylor", "aadObjectId": "aad-sam"],
            "conversation": ["id": channel, "conversationType": "channel", "isGroup": true],
            "channelData": ["tenant": ["id": TeamsStub.tenant], "teamsChannelId": "19:staffroom@thread.tacv2"],
        ]
        return (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }

    @Test func aWebhookAnsweredInTimeCarriesTheAnswerInItsResponse() async throws {
        let teams = try TeamsStub()
        // A generous hold: this path is about the answer riding the response, not about the clock.
        let relay = try await Self.relay(teams, holdSeconds: 20)
        defer {
            teams.stop()
            Task { await relay.finish() }
        }
        let bot = try Self.bot(relay, teams)
        try bot.resume(from: "0")
        let response = ResponseBox()
        try await bot.run(
            until: { response.value != nil },
            whileRunning: {
                let answer = try await relay.postTeamsWebhook(Self.webhookActivity(id: "w1", text: "what is channel"))
                response.value = answer
            }
        )
        let answer = try #require(response.value)
        #expect(answer.status == 200)
        let object = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
        #expect(object?["type"] as? String == "message")
        #expect((object?["text"] as? String)?.contains("Channel") == true)
        #expect(teams.followups.isEmpty)
    }

    @Test func aSlowBotLeavesTheHoldingTextAndAnswersByTheFollowUpRoute() async throws {
        let teams = try TeamsStub()
        let relay = try await Self.relay(teams, holdSeconds: 0.2)
        defer {
            teams.stop()
            Task { await relay.finish() }
        }
        // The bot is not running when the webhook arrives: the hold runs out.
        let answer = try await relay.postTeamsWebhook(Self.webhookActivity(id: "w2", text: "what is channel"))
        let object = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
        #expect(answer.status == 200)
        #expect(object?["text"] as? String == RelaySettings.defaultHoldingText)
        let bot = try Self.bot(relay, teams)
        try bot.resume(from: "0")
        try await bot.run(until: { !teams.followups.isEmpty })
        #expect(teams.followups.count == 1)
        #expect(teams.followups.first?.contains("Channel") == true)
        #expect(teams.activities.isEmpty)
    }
}

/// A value set by one task and read by another.
final class ResponseBox: Sendable {
    private let stored = Mutex<HTTPResponse?>(nil)

    var value: HTTPResponse? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
