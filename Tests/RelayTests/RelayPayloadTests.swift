import CurlHTTP
import Foundation
import RelayServer
import Testing

/// Finding 2 of issue #15: only UTF-8 JSON objects are queued, and what is queued is re-serialised, so one signed
/// but undecodable body can never make `/v1/updates` invalid JSON and stall the bot.
@Suite(.timeLimit(.minutes(2)))
struct RelayPayloadTests {
    /// Bodies a genuine sender could sign but the relay must not queue.
    static let poison: [(name: String, body: Data)] = [
        (
            "UTF-16LE",
            Data(#"{"type":"event_callback","event_id":"EvU16"}"#.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        ),
        (
            "UTF-16BE with BOM",
            Data(
                [0xFE, 0xFF]
                    + #"{"type":"event_callback","event_id":"EvB16"}"#.utf16.flatMap {
                        [UInt8($0 >> 8), UInt8($0 & 0xFF)]
                    }
            )
        ),
        (
            "UTF-32LE",
            Data(
                #"{"type":"event_callback","event_id":"EvU32"}"#.unicodeScalars.flatMap { scalar in
                    (0..<4).map { UInt8((scalar.value >> (8 * $0)) & 0xFF) }
                }
            )
        ),
        ("UTF-8 BOM", Data([0xEF, 0xBB, 0xBF]) + Data(#"{"type":"event_callback","event_id":"EvBOM"}"#.utf8)),
        (
            "invalid UTF-8",
            Data(#"{"type":"event_callback","event_id":"EvBad","x":""#.utf8) + Data([0xC3, 0x28]) + Data(#""}"#.utf8)
        ),
        ("a JSON array", Data(#"[{"type":"event_callback","event_id":"EvArr"}]"#.utf8)),
        ("truncated JSON", Data(#"{"type":"event_callback","event_id":"EvTrunc""#.utf8)),
    ]

    @Test func aSignedUTF16SlackEventIsRefusedAndLaterGoodEventsAreDelivered() async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        #expect(try await relay.postSlack(RelayFixture.slackEvent(id: "Ev1", text: "before")).status == 200)
        for (name, body) in Self.poison {
            let status = try await relay.postSlack(body).status
            #expect((400..<500).contains(status), "\(name) answered \(status)")
        }
        #expect(try await relay.postSlack(RelayFixture.slackEvent(id: "Ev2", text: "after")).status == 200)
        #expect(try await relay.postSlack(RelayFixture.slackEvent(id: "Ev3", text: "later")).status == 200)
        let texts = try await Self.validTexts(relay)
        #expect(texts == ["before", "after", "later"])
    }

    @Test func aSignedUTF16TeamsWebhookIsRefusedAndTheQueueStaysValidJSON() async throws {
        let relay = try await RelayFixture(holdSeconds: 0)
        defer { Task { await relay.finish() } }
        for (name, body) in Self.poison {
            let status = try await relay.postTeamsWebhook(body).status
            #expect((400..<500).contains(status), "\(name) answered \(status)")
        }
        let good = Data(#"{"type":"message","id":"t1","text":"<at>Prevent</at> hello"}"#.utf8)
        #expect(try await relay.postTeamsWebhook(good).status == 200)
        let response = try await relay.transport.perform(
            HTTPRequest(
                url: relay.baseURL + "/v1/updates?after=0&timeout=0",
                headers: [("Authorization", "Bearer \(RelayFixture.botToken)")]
            )
        )
        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        #expect((object["events"] as? [Any])?.count == 1)
    }

    @Test func whatIsQueuedIsReserialisedSoUpdatesAreValidUTF8JSON() async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        // Escaped lone surrogates and odd spacing are legal input; the stored copy is the relay's own serialisation.
        let body = Data(
            "  {\"type\":\"event_callback\",\"event_id\":\"EvS\",\"event\":{\"text\":\"caf\\u00e9 \\ud83d\\ude00\"}}\n"
                .utf8
        )
        #expect(try await relay.postSlack(body).status == 200)
        let response = try await relay.transport.perform(
            HTTPRequest(
                url: relay.baseURL + "/v1/updates?after=0&timeout=0",
                headers: [("Authorization", "Bearer \(RelayFixture.botToken)")]
            )
        )
        #expect(String(validating: response.body, as: UTF8.self) != nil)
        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        let event = try #require((object["events"] as? [[String: Any]])?.first)
        let payload = try #require(event["payload"] as? [String: Any])
        #expect((payload["event"] as? [String: Any])?["text"] as? String == "café 😀")
    }

    /// The texts of the queued Slack events, after checking `/v1/updates` is valid JSON.
    static func validTexts(_ relay: RelayFixture) async throws -> [String] {
        let response = try await relay.transport.perform(
            HTTPRequest(
                url: relay.baseURL + "/v1/updates?after=0&timeout=0",
                headers: [("Authorization", "Bearer \(RelayFixture.botToken)")]
            )
        )
        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        let events = try #require(object["events"] as? [[String: Any]])
        return events.compactMap { (($0["payload"] as? [String: Any])?["event"] as? [String: Any])?["text"] as? String }
    }
}
